// Storage only with analytics consent: reads and writes go through env.ts's switch, and
// revoking deletes every SDK key. A stand-in Web Storage (support/web-storage.ts) takes
// Node's missing one; the code under test is the real one.
import { describe, expect, it, vi } from 'vitest';
import { RANDOM_POOL_BYTES, SCRATCH_BYTES, allowStorage, byteLength, clearStorage, randomHex, readStorage, removeStorage, writeStorage } from '../../../src/tools/env';
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

describe('byteLength', () => {
  const encoded = (text: string) => new TextEncoder().encode(text).length;

  it('counts what TextEncoder writes: ASCII, 2-, 3- and 4-byte characters', () => {
    for (const text of ['', 'plain', 'café', '€uro', '日本語', '😀', 'a😀b', '\u07ff\u0800\uffff']) expect(byteLength(text)).toBe(encoded(text));
  });

  it('counts ASCII by its length and the first character past it as UTF-8, with or without line breaks', () => {
    for (const text of ['\0\x7f', '\x7f\x80', 'a\nb\x80', '\n'.repeat(10) + 'é', 'x'.repeat(100_000), 'x'.repeat(100_000) + '\u0100']) expect(byteLength(text)).toBe(encoded(text));
  });

  it('counts a lone surrogate as TextEncoder does (U+FFFD, 3 bytes), paired or not', () => {
    for (const text of ['\ud800', '\udc00', '\ud800\ud800\udc00', '\udc00\ud800', 'x\udbff', '\udfffx']) expect(byteLength(text)).toBe(encoded(text));
  });

  it('measures texts on both sides of the reused buffer alike', () => {
    for (const length of [SCRATCH_BYTES / 3 - 1, SCRATCH_BYTES / 3 + 1, SCRATCH_BYTES * 2]) {
      for (const unit of ['a', 'é', '€', '😀']) {
        const text = unit.repeat(Math.ceil(length / unit.length));
        expect(byteLength(text)).toBe(encoded(text));
      }
    }
  });

  it('agrees with TextEncoder on random UTF-16, surrogates included', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const units = Array.from({ length: next() % 40 }, () => [0x41, 0xe9, 0x20ac, 0xd83d, 0xde00, next() % 0x10000][next() % 6]);
      const text = String.fromCharCode(...units);
      expect(byteLength(text)).toBe(encoded(text));
    }
  });
});

describe('randomHex', () => {
  it('gives hex of the asked length, never the same value twice, across refills of the pool', () => {
    const seen = new Set<string>();
    for (let i = 0; i < (3 * RANDOM_POOL_BYTES) / 16 + 5; i++) {
      const hex = randomHex(i % 2 ? 16 : 8);
      expect(hex).toMatch(i % 2 ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{16}$/);
      seen.add(hex);
    }
    expect(seen.size).toBe((3 * RANDOM_POOL_BYTES) / 16 + 5);
  });

  it('draws the pool with getRandomValues once per RANDOM_POOL_BYTES, and falls back to Math.random where it throws', () => {
    const real = crypto.getRandomValues.bind(crypto);
    let calls = 0;
    const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => (calls++, real(array as Uint8Array)) as never);
    for (let i = 0; i < (2 * RANDOM_POOL_BYTES) / 16; i++) randomHex(16);
    expect(calls).toBeLessThanOrEqual(3);
    spy.mockImplementation(() => {
      throw new Error('no crypto');
    });
    const values = Array.from({ length: RANDOM_POOL_BYTES / 16 + 2 }, () => randomHex(16));
    expect(new Set(values).size).toBe(values.length);
    spy.mockRestore();
  });
});
