// The moments to send what is left: the page being hidden is the last reliable one (also on
// mobile, where pagehide and unload may never fire); pagehide covers navigations in
// browsers that skip visibilitychange; freeze covers tabs discarded in the background.
// Never `unload`: it keeps the page out of the back/forward cache.
// https://developer.chrome.com/docs/web-platform/page-lifecycle-api#the_unload_event

export function onPageExit(callback: () => void): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') callback();
  };
  document.addEventListener('visibilitychange', onVisibility);
  document.addEventListener('freeze', callback);
  window.addEventListener('pagehide', callback);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    document.removeEventListener('freeze', callback);
    window.removeEventListener('pagehide', callback);
  };
}
