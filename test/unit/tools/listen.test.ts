// listen(): the browser's own add/removeEventListener, also where zone.js patched them (the
// page-level proof, on real zone.js in Chromium: test/e2e/zone.spec.ts, legacy wrapping).
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../../../src/tools/listen';

const g = globalThis as { Zone?: unknown };
afterEach(() => delete g.Zone);

/** An EventTarget whose add/removeEventListener are replaced, the originals kept under zone.js's keys. */
function patchedTarget(prefix: string) {
  const target = new EventTarget() as EventTarget & Record<string, unknown>;
  const calls: string[] = [];
  for (const name of ['addEventListener', 'removeEventListener'] as const) {
    const original = target[name];
    target[prefix + name] = original;
    target[name] = function (this: EventTarget, ...args: unknown[]) {
      calls.push(name);
      return (original as Function).apply(this, args);
    };
  }
  return { target, calls };
}

describe('listen', () => {
  it('adds and removes through the originals zone.js keeps, with its own symbol prefix', () => {
    g.Zone = { __symbol__: (name: string) => '__my_prefix__' + name };
    const { target, calls } = patchedTarget('__my_prefix__');
    const seen: string[] = [];
    const stop = listen(target, ['a', 'b'], (e: Event) => seen.push(e.type));
    target.dispatchEvent(new Event('a'));
    stop();
    target.dispatchEvent(new Event('b'));
    expect(seen).toEqual(['a']);
    expect(calls).toEqual([]);
  });

  it("uses the target's own methods without zone.js, or beside a global named Zone that is not zone.js", () => {
    for (const zone of [undefined, { name: 'some other Zone' }]) {
      g.Zone = zone;
      const { target, calls } = patchedTarget('__zone_symbol__');
      const seen: string[] = [];
      const stop = listen(target, 'a', (e: Event) => seen.push(e.type));
      target.dispatchEvent(new Event('a'));
      stop();
      target.dispatchEvent(new Event('a'));
      expect(seen).toEqual(['a']);
      expect(calls).toEqual(['addEventListener', 'removeEventListener']);
    }
  });
});
