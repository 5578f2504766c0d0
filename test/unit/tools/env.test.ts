// Storage only with analytics consent: reads and writes go through env.ts's switch, and
// revoking deletes every SDK key. Node has no Web Storage: a minimal one whose keys are own
// properties (as in browsers) stands in for it; the code under test is the real one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowStorage, clearStorage, readStorage, removeStorage, writeStorage } from '../../src/tools/env';
import { VISITOR_KEY, forgetVisitor, visitorId } from '../../src/tools/visitor';

class PropStorage {
  getItem(key: string) {
    return Object.prototype.hasOwnProperty.call(this, key) ? (this as any)[key] : null;
  }
  setItem(key: string, value: string) {
    (this as any)[key] = String(value);
  }
  removeItem(key: string) {
    delete (this as any)[key];
  }
}

let local: PropStorage;
let session: PropStorage;
beforeEach(() => {
  local = new PropStorage();
  session = new PropStorage();
  (globalThis as any).window = { localStorage: local, sessionStorage: session };
  (globalThis as any).localStorage = local;
  allowStorage(true);
  forgetVisitor();
});
afterEach(() => {
  allowStorage(true);
  delete (globalThis as any).window;
  delete (globalThis as any).localStorage;
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

  it('a visitor id made without storage is not kept', () => {
    allowStorage(false);
    visitorId();
    expect(local.getItem(VISITOR_KEY)).toBeNull();
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

  it('forgetVisitor: the next id is a new one', () => {
    allowStorage(false);
    const first = visitorId();
    expect(visitorId()).toBe(first);
    forgetVisitor();
    expect(visitorId()).not.toBe(first);
  });
});
