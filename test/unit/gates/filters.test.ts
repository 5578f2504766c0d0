// ignoreErrors, denyUrls, allowUrls, and the top frame's URL read from a stack text.
import { describe, expect, it } from 'vitest';
import { DEFAULT_IGNORE, EXTENSION_URLS, filtered, matches, topFrameUrl, type FilterOptions } from '../../../src/gates/filters';
import { boundDraft } from '../../../src/report/limits';

const defaults = (o: Partial<FilterOptions> = {}): FilterOptions => ({
  ignoreErrors: DEFAULT_IGNORE.concat(o.ignoreErrors || []),
  denyUrls: EXTENSION_URLS.concat(o.denyUrls || []),
  allowUrls: o.allowUrls || [],
});

describe('topFrameUrl', () => {
  it('reads the first frame of Chrome, Firefox and Safari stacks', () => {
    expect(topFrameUrl('TypeError: x\n    at explode (https://shop.example.com/app.js?v=2:10:5)\n    at https://cdn.example.net/lib.js:1:1')).toBe('https://shop.example.com/app.js?v=2');
    expect(topFrameUrl('explode@https://shop.example.com/app.js:10:5\n@https://cdn.example.net/lib.js:1:1')).toBe('https://shop.example.com/app.js');
    expect(topFrameUrl('explode@https://shop.example.com:8443/app.js:10:5')).toBe('https://shop.example.com:8443/app.js');
    expect(topFrameUrl('Error: x\n    at chrome-extension://abcdef/content.js:3:9')).toBe('chrome-extension://abcdef/content.js');
  });

  it('reads a URL with `@` in its path (CDN package paths: /npm/lib@1.2.3/) in every format', () => {
    const url = 'https://cdn.jsdelivr.net/npm/widget@1.2.3/dist/widget.js';
    // Safari (JavaScriptCore) and Firefox write `fn@url`: only the first `@` ends the function name.
    expect(topFrameUrl(`render@${url}:1:46\n@https://shop.example.com/app.js:3:1`)).toBe(url);
    expect(topFrameUrl(`@${url}:1:46`)).toBe(url);
    expect(topFrameUrl(`Error: x\n    at render (${url}:1:46)`)).toBe(url);
    expect(topFrameUrl(`Error: x\n    at ${url}:1:46`)).toBe(url);
  });

  it('is empty for a stack without a location', () => {
    expect(topFrameUrl('')).toBe('');
    expect(topFrameUrl('Error: x\n    at <anonymous>')).toBe('');
  });

  it('reads only the head of a huge stack', () => {
    expect(topFrameUrl('x'.repeat(100_000) + ' https://a.example/x.js:1:1')).toBe('');
  });
});

// V8's stack starts with "Name: message": the frames come after it, however long it is or whatever it holds.
describe('topFrameUrl on a V8 stack, past its message', () => {
  const WIDGET = 'https://widgets.thirdparty.example/embed.js';
  /** A third-party widget's error as Chrome words it, bounded as the pipeline bounds it before the gates. */
  const boundedStack = (messageLength: number) => {
    const message = 'Error: ' + 'Invalid response payload '.repeat(200).slice(0, messageLength);
    return boundDraft({ type: 'jsError', message, stack: `${message}\n    at parse (${WIDGET}:1:20456)\n    at ${WIDGET}:1:1200`, time: 0 }).stack;
  };

  it.each([100, 1_990, 3_000, 100_000])('reads the first frame after a message of %i characters', (length) => {
    expect(topFrameUrl(boundedStack(length))).toBe(WIDGET);
  });

  it('so denyUrls and allowUrls apply to an error with a long message', () => {
    const url = topFrameUrl(boundedStack(3_000));
    expect(filtered('Error: x', url, defaults({ denyUrls: ['widgets.thirdparty.example'] }))).toBe(true);
    expect(filtered('Error: x', url, defaults({ allowUrls: [/^https:\/\/app\.example\//] }))).toBe(true);
  });

  it('does not take a URL in the message, on its first line or a later one, for the top frame', () => {
    expect(topFrameUrl('Error: failed at https://cdn.example.net/lib.js:1:1\n    at load (https://shop.example.com/app.js:10:5)')).toBe('https://shop.example.com/app.js');
    expect(topFrameUrl('Error: bad payload\nfrom https://cdn.example.net/lib.js:2:3\n    at https://shop.example.com/app.js:10:5')).toBe('https://shop.example.com/app.js');
  });

  it('still reads only the head of a huge one', () => {
    expect(topFrameUrl('Error: ' + 'x'.repeat(100_000) + '\n    at https://a.example/x.js:1:1')).toBe('');
    expect(topFrameUrl('Error: x\n    at ' + ' '.repeat(100_000) + 'https://a.example/x.js:1:1')).toBe('');
  });
});

describe('filtered, on the top frame of a CDN package path', () => {
  it('denyUrls denies it and allowUrls does not let it through', () => {
    const url = topFrameUrl('render@https://cdn.jsdelivr.net/npm/widget@1.2.3/dist/widget.js:1:46');
    expect(filtered('Error: x', url, defaults({ denyUrls: ['widget@1.2.3'] }))).toBe(true);
    expect(filtered('Error: x', url, defaults({ allowUrls: ['https://shop.example.com'] }))).toBe(true);
  });
});

describe('matches', () => {
  it('matches strings anywhere, regular expressions as written', () => {
    expect(matches('TypeError: foo is undefined', ['foo is'])).toBe(true);
    expect(matches('TypeError: foo is undefined', [/^foo/])).toBe(false);
    expect(matches('TypeError: foo is undefined', [/^TypeError/])).toBe(true);
  });

  it('is not fooled by a global expression\'s lastIndex', () => {
    const re = /boom/g;
    expect(matches('boom', [re])).toBe(true);
    expect(matches('boom', [re])).toBe(true);
  });
});

describe('filtered', () => {
  it('drops the known noise by default', () => {
    expect(filtered('Script error.', '', defaults())).toBe(true);
    expect(filtered('Script error', '', defaults())).toBe(true);
    expect(filtered('ResizeObserver loop limit exceeded', '', defaults())).toBe(true);
    expect(filtered('ResizeObserver loop completed with undelivered notifications.', '', defaults())).toBe(true);
    expect(filtered('TypeError: Script error. in my code', '', defaults())).toBe(false);
    expect(filtered('TypeError: kaboom', 'https://shop.example.com/app.js', defaults())).toBe(false);
  });

  it('drops errors raised in browser extensions by default', () => {
    for (const url of ['chrome-extension://abc/x.js', 'moz-extension://abc/x.js', 'safari-extension://abc/x.js', 'safari-web-extension://abc/x.js', 'webkit-masked-url://hidden/']) {
      expect(filtered('Error: x', url, defaults()), url).toBe(true);
    }
  });

  it('applies the page\'s ignoreErrors, denyUrls and allowUrls', () => {
    const o = defaults({ ignoreErrors: ['NetworkError', /^AbortError/], denyUrls: ['ads.example'], allowUrls: [/^https:\/\/shop\.example\.com\//] });
    expect(filtered('TypeError: NetworkError when fetching', 'https://shop.example.com/a.js', o)).toBe(true);
    expect(filtered('AbortError: aborted', 'https://shop.example.com/a.js', o)).toBe(true);
    expect(filtered('Error: x', 'https://ads.example/x.js', o)).toBe(true);
    expect(filtered('Error: x', 'https://cdn.other.net/lib.js', o)).toBe(true);
    expect(filtered('Error: x', 'https://shop.example.com/a.js', o)).toBe(false);
    // No URL known (a manual report without a stack): the URL lists do not apply.
    expect(filtered('Error: x', '', o)).toBe(false);
  });
});
