// Regressions found by review: each of these once froze a page or lost a report's location.
import { describe, expect, it } from 'vitest';
import { buildError } from '../../src/report/build';
import { scrubUrlsIn } from '../../src/report/scrub';
import { parseFrames, topFrameKey } from '../../src/report/stack';
import { describeThrown } from '../../src/report/describe';
import { resolveConfig } from '../../src/root/config';

const ctx = { appId: 'a', url: 'https://example.com/', page: '/', origin: 'https://example.com' };

describe('report regressions', () => {
  it('URL scrubbing is linear: 1 MB of letters plus "?" builds in well under a second (was ~30 min)', () => {
    const started = performance.now();
    buildError({ type: 'jsError', message: 'a'.repeat(1_000_000) + '?', stack: 'b'.repeat(1_000_000) + '@', time: 1 }, 0, 'id', ctx);
    const small = performance.now();
    scrubUrlsIn('a'.repeat(10_000) + '?');
    const t10k = performance.now() - small;
    const big = performance.now();
    scrubUrlsIn('a'.repeat(100_000) + '?');
    const t100k = performance.now() - big;
    expect(big - started).toBeLessThan(1000);
    // Ten times the input costs about ten times the time, not a hundred.
    expect(t100k).toBeLessThan(Math.max(30 * t10k, 50));
  });

  it('the stack is shortened before frames are given up, so a huge message keeps its frames', () => {
    const message = '😀🎉🔥'.repeat(350_000);
    let stack = `Error: ${message}\n`;
    for (let i = 0; i < 50; i++) stack += `    at fn${i} (https://example.com/assets/app.js:${i + 1}:1)\n`;
    const { item, json } = buildError({ type: 'jsError', message, stack, time: 1 }, 0, 'id', ctx);
    expect(new TextEncoder().encode(json).length).toBeLessThan(16 * 1024);
    expect(item.frames.length).toBeGreaterThan(0);
    expect(item.truncated).not.toContain('frames');
  });

  it('text that is not a stack gives no frames', () => {
    expect(parseFrames('Error: boom', 'https://example.com')).toEqual([]);
    expect(parseFrames('not a stack at all', 'https://example.com')).toEqual([]);
  });

  it('a CDN URL with "@" in its path is a frame location', () => {
    expect(topFrameKey('    at f (https://cdn.jsdelivr.net/npm/lib@1.2.3/dist/lib.js:1:2)', 'https://example.com')).toBe(
      'https://cdn.jsdelivr.net/npm/lib@1.2.3/dist/lib.js:1:2',
    );
  });

  it('a rejected array of a million items is described in bounded size', () => {
    expect(describeThrown(new Array(1e6).fill(1)).message.length).toBeLessThan(1000);
  });

  it('a host with spaces, a query or a fragment is refused', () => {
    for (const host of ['https://exa mple.com', 'https://x.com?token=1', 'https://x.com#frag']) {
      expect(resolveConfig({ appId: 'a', appSecret: 's', host }).config).toBeUndefined();
    }
    expect(resolveConfig({ appId: 'a', appSecret: 's', host: 'https://x.com/tracely/' }).config?.host).toBe('https://x.com/tracely');
  });
});
