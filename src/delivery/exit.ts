// The moments to send what is left: the page being hidden is the last reliable one (also on
// mobile, where pagehide and unload may never fire); pagehide covers navigations in
// browsers that skip visibilitychange; freeze covers tabs discarded in the background.
// Never `unload`: it keeps the page out of the back/forward cache.
// https://developer.chrome.com/docs/web-platform/page-lifecycle-api#the_unload_event
import { listen, stopAll, type Stop } from '../tools/listen';

export function onPageExit(callback: () => void): Stop {
  return stopAll(
    listen(document, 'visibilitychange', () => document.visibilityState === 'hidden' && callback()),
    listen(document, 'freeze', callback),
    listen(window, 'pagehide', callback),
  );
}
