// The demo's shop code, built minified with a source map (demo/site/build.mjs): the
// collector shows errors thrown here at these lines, not in the minified bundle.
export function totalOf(cart) {
  // Throws on a missing cart: the error the demo's "minified" button provokes.
  return cart.items.reduce((sum, item) => sum + item.price * item.quantity, 0);
}

export function checkout(cart) {
  const total = totalOf(cart);
  return { total, currency: 'EUR' };
}

window.shop = { checkout };
