'use client';
// Fails while rendering, under the route's own error.jsx (Next's boundary, not the SDK's).
import { useState } from 'react';

function Basket() {
  throw new Error('next shop failed');
}

export function ShopBreaker() {
  const [broken, setBroken] = useState(false);
  return (
    <>
      <button id="break-shop" onClick={() => setBroken(true)}>break the shop</button>
      {broken && <Basket />}
    </>
  );
}
