// Next runs this file in the browser only, after the HTML loads and before hydration and the
// app's own modules: the SDK is there for an error in any of them (README, React section).
import { tracely } from './lib/tracely.js';

// The spec's other orders: `?init=late` starts the client only after Next's router has put its
// own pushState on `history` (as a start delayed by a consent banner would); `?init=none` leaves
// it off (the spec loads the script-tag bundle instead, before Next's scripts).
const init = new URLSearchParams(location.search).get('init');
if (!init) start();
if (init == 'late') startOnceNextPatchedHistory();

function start() {
  tracely.init();
  window.tracely = tracely; // for the spec
}

function startOnceNextPatchedHistory() {
  if (!Object.prototype.hasOwnProperty.call(history, 'pushState')) return void setTimeout(startOnceNextPatchedHistory, 10);
  window.nextPatchedFirst = true;
  start();
}
