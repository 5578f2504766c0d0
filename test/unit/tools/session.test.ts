// Node has no localStorage: these run the in-memory path, the one taken when storage is
// unavailable (or not yet allowed). The storage path runs in test/e2e/context.spec.ts.
import { describe, expect, it } from 'vitest';
import { sessionId, SESSION_IDLE_MS, SESSION_MAX_MS } from '../../../src/tools/session';

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
});
