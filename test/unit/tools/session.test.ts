// Node has no localStorage: most of these run the in-memory path, the one taken when storage
// is unavailable (or not yet allowed); the last two use a stand-in Web Storage. The storage
// path in a browser runs in test/e2e/context.spec.ts.
import { describe, expect, it } from 'vitest';
import { sessionId, SESSION_AHEAD_MS, SESSION_IDLE_MS, SESSION_KEY, SESSION_MAX_MS } from '../../../src/tools/session';
import { installWebStorage } from '../support/web-storage';

describe('sessionId', () => {
  it('is 32 hex, stable while active, new after 30 idle minutes', () => {
    const t0 = 1_000_000_000_000;
    const id = sessionId(t0);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(sessionId(t0 + 60_000)).toBe(id);
    // Activity every 20 minutes keeps it for hours.
    let t = t0;
    for (let i = 0; i < 6; i++) expect(sessionId((t += 20 * 60_000))).toBe(id);
    const next = sessionId(t + SESSION_IDLE_MS + 1);
    expect(next).not.toBe(id);
    expect(next).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ends after 4 hours even when active all along', () => {
    const t0 = 2_000_000_000_000;
    const id = sessionId(t0);
    let t = t0;
    while (t + 10 * 60_000 <= t0 + SESSION_MAX_MS) expect(sessionId((t += 10 * 60_000))).toBe(id);
    expect(sessionId(t0 + SESSION_MAX_MS + 1)).not.toBe(id);
  });

  it('starts a new session over a stored record that is not its own shape, and writes valid JSON', () => {
    const { local, undo } = installWebStorage();
    try {
      const t0 = 3_000_000_000_000;
      local.setItem(SESSION_KEY, JSON.stringify({ id: 'a"quote', start: t0, last: t0 }));
      const id = sessionId(t0 + 1000);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(local.getItem(SESSION_KEY)!)).toEqual({ id, start: t0 + 1000, last: t0 + 1000 });
      expect(sessionId(t0 + 2000)).toBe(id);
    } finally {
      undo();
    }
  });

  // A clock set back since (or another script) leaves times ahead of now: `now - last` stays
  // negative, passes the idle and 4-hour checks, and `last` is never rewritten.
  it('starts a new session over stored times ahead of now, beyond a small tolerance', () => {
    const { local, undo } = installWebStorage();
    try {
      const t0 = 4_000_000_000_000;
      const day = 86_400_000;
      const ahead = 'ab'.repeat(16);
      for (const [start, last] of [[t0 + 30 * day, t0 + 30 * day], [t0, t0 + SESSION_AHEAD_MS + 1], [t0 + SESSION_AHEAD_MS + 1, t0]]) {
        local.setItem(SESSION_KEY, JSON.stringify({ id: ahead, start, last }));
        const id = sessionId(t0);
        expect(id).not.toBe(ahead);
        expect(JSON.parse(local.getItem(SESSION_KEY)!)).toEqual({ id, start: t0, last: t0 });
      }
      // Within the tolerance (a clock corrected by a few seconds) the session goes on.
      local.setItem(SESSION_KEY, JSON.stringify({ id: ahead, start: t0 + SESSION_AHEAD_MS, last: t0 + SESSION_AHEAD_MS }));
      expect(sessionId(t0)).toBe(ahead);
    } finally {
      undo();
    }
  });
});
