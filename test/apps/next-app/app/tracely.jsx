'use client';
// The SDK as the README wires React, in a Next app: one client, created and started once at
// the top of a client module (during server rendering, init() does nothing), and an
// ErrorBoundary from `@tracely/browser/react` around the pages. Next owns hydrateRoot, so
// React 19's root error options are not the app's to pass.
import { useEffect } from 'react';
import { Tracely } from '@tracely/browser';
import { ErrorBoundary } from '@tracely/browser/react';

export const tracely = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: process.env.NEXT_PUBLIC_TRACELY_HOST });

// The test's other order: `?init=late` starts the SDK only after Next's app router has put its
// own pushState on `history`, as a start delayed by a consent banner would.
const late = typeof location != 'undefined' && new URLSearchParams(location.search).get('init') == 'late';
if (!late) tracely.init();
if (typeof window != 'undefined') window.tracely = tracely;

export function TracelyProvider({ children }) {
  useEffect(() => {
    if (!late) return;
    // Next's effect runs after this one (parents after children): wait for its patch.
    const start = () => {
      if (!Object.prototype.hasOwnProperty.call(history, 'pushState')) return void setTimeout(start, 10);
      window.nextPatchedFirst = true;
      tracely.init();
    };
    start();
  }, []);
  return (
    <ErrorBoundary client={tracely} fallback={({ reset }) => <button id="retry" onClick={reset}>retry</button>}>
      {children}
    </ErrorBoundary>
  );
}
