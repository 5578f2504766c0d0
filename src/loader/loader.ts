// The async loader's entry (built to dist/loader.min.js, pasted inline in <head>): the bundle's
// URL and its SRI hash are the snippet's own attributes, data-src and data-integrity.
import { installLoader } from './queue';

try {
  const own = document.currentScript;
  if (own) installLoader(window, own.getAttribute('data-src'), own.getAttribute('data-integrity'));
} catch {
  // Never into the page.
}
