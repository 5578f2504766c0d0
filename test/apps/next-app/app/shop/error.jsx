'use client';
// Next's error boundary for this route. Next only logs what it catches (console.error): it
// never reaches window, so the route reports it itself, as the README says.
import { useEffect } from 'react';
import { tracely } from '../../lib/tracely.js';

export default function ShopError({ error, reset }) {
  useEffect(() => tracely.reportError(error), [error]);
  return (
    <button id="shop-retry" onClick={reset}>
      retry
    </button>
  );
}
