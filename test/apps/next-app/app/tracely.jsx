'use client';
// The SDK as the README wires React, in a Next app: one client, created and started once at
// the top of a client module (during server rendering, init() does nothing), and an
// ErrorBoundary from `@tracely/browser/react` around the pages. Next owns hydrateRoot, so
// React 19's root error options are not the app's to pass.
import { useEffect } from 'react';
import { Tracely } from '@tracely/browser';
import { ErrorBoundary } from '@tracely/browser/react';

export const tracely = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: process.env.NEXT_PUBLIC_TRACELY_HOST });

// The spec's other orders: `?init=late` starts this client only after Next's router has put its
// own pushState on `history` (as a start delayed by a consent banner would); `?init=none` leaves
// it off (the spec loads the script-tag bundle instead, before Next's scripts).
const init = typeof location != 'undefined' ? new URLSearchParams(location.search).get('init') : null;
if (!init) start();

function start() {
  tracely.init();
  if (typeof window != 'undefined') window.tracely = tracely; // for the spec
}

export function TracelyProvider({ children }) {
  useEffect(() => {
    // Next's router patches history in its own effect, just after this one (parents' effects run
    // after their children's): what history's pushState is now tells the spec who came first.
    window.pushStateBeforeNext = History.prototype.pushState;
    if (init != 'late') return;
    const later = () => {
      if (!Object.prototype.hasOwnProperty.call(history, 'pushState')) return void setTimeout(later, 10);
      window.nextPatchedFirst = true;
      start();
    };
    later();
  }, []);
  return (
    <ErrorBoundary client={tracely} fallback={({ reset }) => <button id="retry" onClick={reset}>retry</button>}>
      {children}
    </ErrorBoundary>
  );
}
