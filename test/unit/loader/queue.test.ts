// The loader's stand-in: the whole public surface held, replayed in order with the events in
// between, bounded, and harmless when the bundle never arrives. The browser proof is
// test/e2e/loader.spec.ts; here the window is an EventTarget and the "bundle" a recording class.
import { describe, expect, it } from 'vitest';
import { INSTANCE_METHODS, MAX_EARLY_EVENTS, MAX_QUEUED_CALLS, STATIC_METHODS, installLoader } from '../../../src/loader/queue';
import { Tracely } from '../../../src/tracely';
import { Client } from '../../../src/client';
import * as functions from '../../../src/functions';
import { EARLY_SINK, type EarlyHandOver } from '../../../src/tools/early';

interface FakeScript {
  async?: boolean;
  crossOrigin?: string;
  integrity?: string;
  src?: string;
  onload?: () => void;
  onerror?: () => void;
}

function fakeWindow() {
  const win = new EventTarget() as EventTarget & Record<string, any>;
  const scripts: FakeScript[] = [];
  win.document = { createElement: () => ({}) as FakeScript, head: { appendChild: (s: FakeScript) => scripts.push(s) } };
  return { win, scripts, w: win as any };
}

/**
 * What the bundle does when it runs: window.Tracely becomes the real class (here, one that records).
 * `handlers`: 3 as today's bundle hands over, 2 as a bundle older than CSP capture did.
 */
function arrive(win: Record<string, any>, script: FakeScript, log: unknown[][], handlers: 2 | 3 = 3) {
  class Recording {
    static captureError = (...a: unknown[]) => log.push(['captureError', ...a]);
    static reportEvent = (...a: unknown[]) => log.push(['static reportEvent', ...a]);
    static onRouteChange = (...a: unknown[]) => log.push(['onRouteChange', ...a]);
    dropped = { queue_full: 2 };
    constructor(options: unknown) {
      log.push(['new', options]);
    }
  }
  for (const m of INSTANCE_METHODS)
    (Recording.prototype as any)[m] = function (this: Recording, ...a: unknown[]) {
      log.push([m, ...a]);
      if (m == 'init') {
        const sinks: Parameters<EarlyHandOver> = [(e, t) => log.push(['error event', (e as any).n, t]), (e, t) => log.push(['rejection', (e as any).n, t]), (e, t) => log.push(['violation', (e as any).n, t])];
        ((win[EARLY_SINK] as ((...a: unknown[]) => void) | undefined))?.(...sinks.slice(0, handlers));
      }
      return m == 'flush' ? Promise.resolve(true) : m == 'serves' ? true : this;
    };
  win.Tracely = Recording;
  script.onload!();
  return Recording;
}

const event = (type: string, n: number) => Object.assign(new Event(type), { n });

describe('loader queue', () => {
  it('names the whole public surface of Tracely and of the module functions', () => {
    const own = (proto: object) => Object.getOwnPropertyNames(proto).filter((n) => n != 'constructor' && !n.startsWith('_'));
    expect([...new Set([...own(Client.prototype), ...own(Tracely.prototype)])].sort()).toEqual([...INSTANCE_METHODS].sort());
    expect(Object.keys(functions).sort()).toEqual([...STATIC_METHODS].sort());
  });

  // Async is what a browser makes of a script a script made (test/e2e/loader.spec.ts checks it).
  it('loads the bundle crossorigin anonymous, with the integrity and the nonce given', () => {
    const { win, scripts } = fakeWindow();
    installLoader(win as unknown as Window, '/t.js', 'sha384-x', 'n0nce');
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).toMatchObject({ crossOrigin: 'anonymous', integrity: 'sha384-x', nonce: 'n0nce', src: '/t.js' });
  });

  it('replays calls and hands events over in the order they happened, with their own times', async () => {
    const { win, scripts, w } = fakeWindow();
    installLoader(win as unknown as Window, '/t.js');
    const t = new w.Tracely({ appId: 'a' });
    win.dispatchEvent(event('error', 1));
    expect(t.init()).toBe(t);
    t.setUser('u');
    win.dispatchEvent(event('unhandledrejection', 2));
    win.dispatchEvent(event('securitypolicyviolation', 4));
    t.reportError('x', { tags: { a: '1' } });
    w.Tracely.captureError({ appId: 'b' }, 'y');
    const flushed = t.flush(10);
    let readyWith: unknown;
    w.Tracely.onReady((T: unknown) => (readyWith = T));
    expect(t.serves('a', 'h')).toBe(false);
    const log: unknown[][] = [];
    const Real = arrive(w, scripts[0], log);
    expect(log.map((entry) => entry.slice(0, 2))).toEqual([
      ['new', { appId: 'a' }],
      ['init'],
      ['error event', 1],
      ['setUser', 'u'],
      ['rejection', 2],
      ['violation', 4],
      ['reportError', 'x'],
      ['captureError', { appId: 'b' }],
      ['flush', 10],
    ]);
    expect(typeof log[2][2]).toBe('number');
    await expect(flushed).resolves.toBe(true);
    expect(readyWith).toBe(Real);
    // After the hand-over: the stand-in forwards, onReady runs at once, the loader holds nothing.
    expect(t.serves('a', 'h')).toBe(true);
    expect(t.dropped).toEqual({ queue_full: 2 });
    t.reportEvent('e');
    expect(log.at(-1)).toEqual(['reportEvent', 'e']);
    expect(EARLY_SINK in w).toBe(false);
    win.dispatchEvent(event('error', 3));
    expect(log.some((entry) => entry[1] === 3)).toBe(false);
  });

  it('a bundle older than the CSP hand-over gets the errors and rejections; the violations are dropped without a throw', () => {
    const { win, scripts, w } = fakeWindow();
    installLoader(win as unknown as Window, '/t.js');
    new w.Tracely({ appId: 'a' }).init();
    win.dispatchEvent(event('securitypolicyviolation', 1));
    win.dispatchEvent(event('error', 2));
    const log: unknown[][] = [];
    expect(() => arrive(w, scripts[0], log, 2)).not.toThrow();
    expect(log.map((entry) => entry.slice(0, 2))).toEqual([['new', { appId: 'a' }], ['init'], ['error event', 2]]);
  });

  it('holds at most MAX_QUEUED_CALLS calls and MAX_EARLY_EVENTS events; a flush past the bound resolves false', async () => {
    const { win, scripts, w } = fakeWindow();
    installLoader(win as unknown as Window, '/t.js');
    const t = new w.Tracely({});
    t.init();
    for (let i = 0; i < MAX_QUEUED_CALLS + 10; i++) t.addBreadcrumb({ message: String(i) });
    await expect(t.flush()).resolves.toBe(false);
    for (let i = 0; i < MAX_EARLY_EVENTS + 10; i++) win.dispatchEvent(event('error', i));
    const log: unknown[][] = [];
    arrive(w, scripts[0], log);
    expect(log.filter((e) => e[0] == 'new' || e[0] == 'init' || e[0] == 'addBreadcrumb')).toHaveLength(MAX_QUEUED_CALLS);
    expect(log.filter((e) => e[0] == 'error event')).toHaveLength(MAX_EARLY_EVENTS);
  });

  it('a bundle that never arrives: nothing thrown, pending promises resolve false, everything let go', async () => {
    const { win, scripts, w } = fakeWindow();
    installLoader(win as unknown as Window, '/t.js');
    const t = new w.Tracely({});
    const flushed = t.init().flush();
    scripts[0].onerror!();
    await expect(flushed).resolves.toBe(false);
    expect(EARLY_SINK in w).toBe(false);
    expect(() => {
      t.reportError(new Error('x'));
      w.Tracely.onRouteChange('/a');
      w.Tracely.onReady(() => {
        throw new Error('never called');
      });
      new w.Tracely({}).init().setTag('a', 'b');
    }).not.toThrow();
    await expect(t.close()).resolves.toBe(false);
  });

  it('does nothing when the SDK is already on the page, or without a bundle URL', () => {
    const { win, scripts, w } = fakeWindow();
    w.Tracely = function Real() {};
    installLoader(win as unknown as Window, '/t.js');
    installLoader(fakeWindow().win as unknown as Window, null);
    expect(scripts).toHaveLength(0);
  });
});
