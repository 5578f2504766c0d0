'use client';
// The three ways a React page fails: in an event handler (React lets it reach window), while
// rendering (the ErrorBoundary catches it), and a promise nobody handles.
import { useState } from 'react';

function Broken({ cardNumber }) {
  throw new Error('next render failed ' + cardNumber.length);
}

export function Failures() {
  const [broken, setBroken] = useState(false);
  return (
    <>
      <button
        id="throw"
        onClick={() => {
          throw new Error('next click failed');
        }}
      >
        throw
      </button>
      <button id="reject" onClick={() => void Promise.reject(new Error('next rejection'))}>
        reject
      </button>
      <button id="break" onClick={() => setBroken(true)}>
        break
      </button>
      {broken && <Broken cardNumber="4242424242424242" />}
    </>
  );
}
