import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { compress, initialState, sha256 } from '../../../src/delivery/sha256';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const text = (s: string) => new TextEncoder().encode(s);

describe('sha256', () => {
  it('matches the FIPS 180-4 / NIST examples', () => {
    expect(hex(sha256(text('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(sha256(text('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(sha256(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(hex(sha256(text('a'.repeat(1_000_000))))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with Node crypto on every length from 0 to 300 (all padding boundaries)', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n * 7) & 255);
      expect(hex(sha256(bytes)), `length ${n}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('resumes from a state: whole blocks hashed first, then the rest, give the hash of the whole', () => {
    const bytes = new Uint8Array(200).map((_, i) => (i * 13) & 255);
    const state = initialState();
    compress(state, bytes.subarray(0, 128));
    const before = state.slice();
    expect(hex(sha256(bytes.subarray(128), state, 128))).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(state).toEqual(before);
  });
});
