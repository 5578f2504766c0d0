// Event names the server refused are remembered for the session, bounded, and forgotten when
// the session changes. A stand-in Web Storage (support/web-storage.ts).
import { describe, expect, it } from 'vitest';
import { allowStorage } from '../../../src/tools/env';
import { MAX_REFUSED_NAMES, REFUSED_KEY, refusedNames } from '../../../src/gates/refused';
import { useWebStorage } from '../support/web-storage';

const storage = useWebStorage();

describe('refusedNames', () => {
  it('remembers a refused name for the session, across page loads (storage), and forgets it in a new session', () => {
    let session = 'a'.repeat(32);
    refusedNames(() => session)._add('web_vitals');
    // A later page load of the same session reads it back.
    const next = refusedNames(() => session);
    expect(next._has('web_vitals')).toBe(true);
    expect(next._has('purchase')).toBe(false);
    session = 'b'.repeat(32);
    expect(next._has('web_vitals')).toBe(false);
  });

  it('keeps the newest names within its bound, and works in memory without storage', () => {
    const names = refusedNames(() => 's');
    for (let i = 0; i < MAX_REFUSED_NAMES + 5; i++) names._add('n' + i);
    expect(JSON.parse(storage.local.getItem(REFUSED_KEY)!).n).toHaveLength(MAX_REFUSED_NAMES);
    expect(names._has('n0')).toBe(false);
    expect(names._has('n' + (MAX_REFUSED_NAMES + 4))).toBe(true);
    allowStorage(false);
    const memoryOnly = refusedNames(() => 's');
    memoryOnly._add('x');
    expect(memoryOnly._has('x')).toBe(true);
  });
});
