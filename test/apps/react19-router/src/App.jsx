import { useState } from 'react';
import { Link, Route, Routes } from 'react-router';
import { ErrorBoundary } from '@tracely/browser/react';

let cartFails = true;
function Cart({ cardNumber }) {
  // Fails until the boundary is reset (React renders again once before giving up: same result).
  if (cartFails) throw new Error('cart render failed ' + cardNumber.length);
  return <p id="cart-ok">cart</p>;
}

// A new message each visit (the SDK stores a repeated error once a minute): a visit that comes
// back (the history's back button) must be stored too, under this route. Counted once a mount
// (state made once), though React renders a failed component twice.
let ordersVisits = 0;
function Orders() {
  const [visit] = useState(() => ++ordersVisits);
  throw new Error('orders failed on visit ' + visit);
}

function Crash() {
  const [crash, setCrash] = useState(false);
  if (crash) throw new Error('crash outside any boundary');
  return <button id="crash" onClick={() => setCrash(true)}>crash</button>;
}

export function App({ client }) {
  return (
    <>
      <nav>
        <Link id="to-home" to="/">home</Link> <Link id="to-cart" to="/cart">cart</Link> <Link id="to-orders" to="/orders">orders</Link> <Link id="to-crash" to="/crash">crash</Link>
      </nav>
      <Routes>
        <Route path="/" element={<p id="home">home</p>} />
        <Route
          path="/cart"
          element={
            <ErrorBoundary client={client} onReset={() => (cartFails = false)} onError={(error) => (window.onErrorSeen = error.message)} fallback={({ reset }) => <button id="retry" onClick={reset}>retry</button>}>
              <Cart cardNumber="4242424242424242" />
            </ErrorBoundary>
          }
        />
        <Route
          path="/orders"
          element={
            <ErrorBoundary client={client} fallback={<p id="orders-failed">orders failed</p>}>
              <Orders />
            </ErrorBoundary>
          }
        />
        <Route path="/crash" element={<Crash />} />
      </Routes>
    </>
  );
}
