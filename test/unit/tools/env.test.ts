// Storage only with analytics consent: reads and writes go through env.ts's switch, and
// revoking deletes every SDK key. A stand-in Web Storage (support/web-storage.ts) takes
// Node's missing one; the code under test is the real one.
import { describe, expect, it } from 'vitest';
import { allowStorage, clearStorage, readStorage, removeStorage, writeStorage } from '../../../src/tools/env';
import { useWebStorage } from '../support/web-storage';

const storage = useWebStorage();

describe('storage permission', () => {
  it('writes and reads while allowed', () => {
    writeStorage('_tracely_x', '1');
    expect(readStorage('_tracely_x')).toBe('1');
  });

  it('neither writes nor reads while not allowed; removing still works', () => {
    writeStorage('_tracely_x', '1');
    allowStorage(false);
    writeStorage('_tracely_y', '2');
    expect(storage.local.getItem('_tracely_y')).toBeNull();
    // What an earlier page stored is not read either: access needs consent too.
    expect(readStorage('_tracely_x')).toBeNull();
    removeStorage('_tracely_x');
    expect(storage.local.getItem('_tracely_x')).toBeNull();
  });

  it('clearStorage deletes every _tracely_ key in both storages and nothing else', () => {
    storage.local.setItem('_tracely_uid', 'u');
    storage.local.setItem('_tracely_session', 's');
    storage.local.setItem('_tracely_spool', '{}');
    storage.local.setItem('cc_cookie', 'the consent manager\'s');
    storage.session.setItem('_tracely_other', 'x');
    storage.session.setItem('app', 'y');
    clearStorage();
    expect(Object.keys(storage.local)).toEqual(['cc_cookie']);
    expect(Object.keys(storage.session)).toEqual(['app']);
  });
});
