// React 18 (createRoot, no root error options in 18): an ErrorBoundary from @tracely/browser/react.
import { createRoot } from 'react-dom/client';
import { version } from 'react';
import { Tracely } from '@tracely/browser';
import { ErrorBoundary } from '@tracely/browser/react';

const collector = new URLSearchParams(location.search).get('collector');
const tracely = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: collector, webVitals: false }).init();
window.tracely = tracely;
window.reactVersion = version;

let fails = true;
function Cart({ cardNumber }) {
  if (fails) throw new Error('react 18 cart failed ' + cardNumber.length);
  return <p id="cart-ok">cart</p>;
}

createRoot(document.getElementById('app')).render(
  <ErrorBoundary client={tracely} fallback={({ reset }) => <button id="retry" onClick={() => ((fails = false), reset())}>retry</button>}>
    <Cart cardNumber="4242424242424242" />
  </ErrorBoundary>,
);
