// The async loader's entry (built to dist/loader.min.js, pasted inline in <head>): the bundle's
// URL and its SRI hash are the snippet's own attributes, data-src and data-integrity; its nonce is the bundle's too.
import { installLoader } from './queue';

try {
  const own = document.currentScript;
  if (own) installLoader(window, own.dataset.src, own.dataset.integrity, own.nonce);
} catch {
  // Never into the page.
}
