// http crumbs for fetch and XMLHttpRequest: method, URL without query values, status,
// duration, failure. Bodies are never read. The SDK's own requests are left out twice over:
// the transport keeps the fetch it found before this wrapper, and their URL is filtered.
import { cut } from '../../tools/text';
import { scrubUrl } from '../../report/scrub';
import { observeRequests } from '../requests';
import type { AddCrumb } from './ring';

export const MAX_CRUMB_URL = 300;

/** Credentials and every query and fragment value removed; the keys stay. */
export function bareUrl(url: string): string {
  url = scrubUrl(url);
  const at = url.search(/[?#]/);
  return cut(at < 0 ? url : url.slice(0, at) + url.slice(at).replace(/=[^&#]*/g, '='), MAX_CRUMB_URL);
}

export function installNetwork(add: AddCrumb, isOwn: (url: string) => boolean): () => void {
  return observeRequests({
    _end: ({ _kind, _method, _url, _start, _ids }, status) =>
      isOwn(_url) ||
      add({
        type: 'http',
        category: _kind,
        time: Date.now(),
        // The trace-context part's ids ride on the crumb, so a report leads to the back end's trace.
        data: { method: _method, url: bareUrl(_url), status, duration: Date.now() - _start, failed: status ? undefined : true, ..._ids },
      }),
  });
}
