// http crumbs for fetch and XMLHttpRequest: method, URL without query values, status,
// duration, failure. Bodies are never read. The SDK's own requests are left out twice over:
// the transport keeps the fetch it found before this wrapper, and their URL is filtered.
import { cut } from '../../tools/text';
import { scrubUrl } from '../../report/scrub';
import { wrap, wrapAll } from '../../tools/wrap';
import { quietly } from '../../tools/guard';
import type { AddCrumb } from './ring';

export const MAX_CRUMB_URL = 300;

/** Credentials and every query and fragment value removed; the keys stay. */
export function bareUrl(url: string): string {
  url = scrubUrl(url);
  const at = url.search(/[?#]/);
  return cut(at < 0 ? url : url.slice(0, at) + url.slice(at).replace(/=[^&#]*/g, '='), MAX_CRUMB_URL);
}

export function installNetwork(add: AddCrumb, isOwn: (url: string) => boolean): () => void {
  const crumb = (category: string, method: string, url: string, start: number, status: number) =>
    quietly(() =>
      add({
        type: 'http',
        category,
        time: Date.now(),
        data: { method, url: bareUrl(url), status, duration: Date.now() - start, failed: status ? undefined : true },
      }),
    );

  const wrapFetch = () => wrap(window, 'fetch', (original, self, args) => {
    let url = '';
    let method = 'GET';
    quietly(() => {
      const [input, init] = args;
      const request = input instanceof Request ? input : undefined;
      url = request ? request.url : String(input);
      method = String((init && init.method) || (request && request.method) || method).toUpperCase();
    });
    const start = Date.now();
    const result = original.apply(self, args);
    if (!url || isOwn(url) || !result || typeof result.then != 'function') return result;
    // The page gets a promise of its own that settles as the original does. Handlers on the
    // original would mark it handled: a rejection the page leaves unhandled must still reach
    // the page's own unhandledrejection listeners (and the SDK's), as without the SDK.
    return result.then(
      (res: Response) => (crumb('fetch', method, url, start, res.status), res),
      (error: unknown) => {
        crumb('fetch', method, url, start, 0);
        throw error;
      },
    );
  });

  const proto = typeof XMLHttpRequest == 'function' && XMLHttpRequest.prototype;
  const opened = new WeakMap<object, string[]>();
  const wrapOpen = () => wrap(proto, 'open', (original, self, args) => {
    quietly(() => opened.set(self as object, [String(args[0]).toUpperCase(), String(args[1])]));
    return original.apply(self, args);
  });
  const wrapSend = () => wrap(proto, 'send', (original, self, args) => {
    quietly(() => {
      const xhr = self as XMLHttpRequest;
      const [method, url] = opened.get(xhr) || [];
      const start = Date.now();
      if (url && !isOwn(url)) xhr.addEventListener('loadend', () => crumb('xhr', method, url, start, xhr.status), { once: true });
    });
    return original.apply(self, args);
  });
  return wrapAll([wrapFetch, wrapOpen, wrapSend]);
}

/** True for requests to `${host}/report/...`, relative URLs resolved against the page. */
export function ownRequests(host: string): (url: string) => boolean {
  const prefix = host + '/report/';
  return (url) => {
    try {
      return new URL(url, location.href).href.indexOf(new URL(prefix).href) == 0;
    } catch {
      return false;
    }
  };
}
