// Storage only with analytics consent: reads and writes go through env.ts's switch, and
// revoking deletes every SDK key. A stand-in Web Storage (support/web-storage.ts) takes
// Node's missing one; the code under test is the real one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowStorage, clearStorage, readStorage, removeStorage, writeStorage } from '../../../src/tools/env';
import { installWebStorage, type PropStorage } from '../support/web-storage';

let local: PropStorage;
let session: PropStorage;
let undo: () => void;
beforeEach(() => {
  ({ local, session, undo } = installWebStorage());
  allowStorage(true);
});
afterEach(() => {
  allowStorage(true);
  undo();
});

describe('storage permission', () => {
  it('writes and reads while allowed', () => {
    writeStorage('_tracely_x', '1');
    expect(readStorage('_tracely_x')).toBe('1');
  });

  it('neither writes nor reads while not allowed; removing still works', () => {
    writeStorage('_tracely_x', '1');
    allowStorage(false);
    writeStorage('_tracely_y', '2');
    expect(local.getItem('_tracely_y')).toBeNull();
    // What an earlier page stored is not read either: access needs consent too.
    expect(readStorage('_tracely_x')).toBeNull();
    removeStorage('_tracely_x');
    expect(local.getItem('_tracely_x')).toBeNull();
  });

  it('clearStorage deletes every _tracely_ key in both storages and nothing else', () => {
    local.setItem('_tracely_uid', 'u');
    local.setItem('_tracely_session', 's');
    local.setItem('_tracely_spool', '{}');
    local.setItem('cc_cookie', 'the consent manager\'s');
    session.setItem('_tracely_other', 'x');
    session.setItem('app', 'y');
    clearStorage();
    expect(Object.keys(local)).toEqual(['cc_cookie']);
    expect(Object.keys(session)).toEqual(['app']);
  });
});
