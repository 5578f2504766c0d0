// sensitiveKeys: the page's own keys are filtered besides the built-in ones.
import { afterEach, describe, expect, it } from 'vitest';
import { FILTERED, scrubUrl, scrubUrlsIn, setSensitiveKeys } from '../../src/report/scrub';

afterEach(() => setSensitiveKeys([]));

describe('sensitiveKeys', () => {
  it('filters a configured key as a whole key, in any case, and keeps the built-in ones', () => {
    expect(scrubUrl('https://x.example/?ref=abc&refund=1')).toBe('https://x.example/?ref=abc&refund=1');
    setSensitiveKeys(['ref']);
    expect(scrubUrl('https://x.example/?REF=abc&refund=1&token=t')).toBe(`https://x.example/?REF=${FILTERED}&refund=1&token=${FILTERED}`);
  });

  it('takes regular expressions, in the query and the fragment, and inside stack texts', () => {
    setSensitiveKeys([/^utm_/]);
    expect(scrubUrl('https://x.example/p?utm_source=mail&q=1#utm_id=7')).toBe(`https://x.example/p?utm_source=${FILTERED}&q=1#utm_id=${FILTERED}`);
    expect(scrubUrlsIn('at f (https://x.example/app.js?utm_x=secret:1:2)')).toBe(`at f (https://x.example/app.js?utm_x=${FILTERED}:1:2)`);
  });
});
