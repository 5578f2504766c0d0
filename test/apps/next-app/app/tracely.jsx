'use client';
// The layout's provider: an ErrorBoundary from `@tracely/browser/react` around the pages, with
// the client instrumentation-client.js started (lib/tracely.js: one instance). Next owns
// hydrateRoot, so React 19's root error options are not the app's to pass.
import { useEffect } from 'react';
import { ErrorBoundary } from '@tracely/browser/react';
import { tracely } from '../lib/tracely.js';

export function TracelyProvider({ children }) {
  useEffect(() => {
    // For the spec: the client this boundary reports to (the same as instrumentation-client's?).
    window.boundaryTracely = tracely;
    // Next's router patches history in its own effect, just after this one (parents' effects run
    // after their children's): what history's pushState is now tells the spec who came first.
    window.pushStateBeforeNext = History.prototype.pushState;
  }, []);
  return (
    <ErrorBoundary client={tracely} fallback={({ reset }) => <button id="retry" onClick={reset}>retry</button>}>
      {children}
    </ErrorBoundary>
  );
}
