// HMAC (RFC 2104) over SHA-256. Verified against RFC 4231 vectors and Node's crypto.
// The key's two padded blocks are hashed once per key and kept: a signature then hashes two
// blocks (its message and the inner hash) instead of four.
import { compress, initialState, sha256 } from './sha256';
import { utf8 } from '../tools/env';

const BLOCK = 64;

let keyed: [key: string, inner: Uint32Array, outer: Uint32Array] | undefined;

/** The state after the key's block XOR `pad`. */
function padded(key: Uint8Array, pad: number): Uint32Array {
  const state = initialState();
  compress(state, new Uint8Array(BLOCK).map((_, i) => (key[i] || 0) ^ pad));
  return state;
}

export function hmacSha256(key: string, message: string): Uint8Array {
  if (keyed?.[0] !== key) {
    let k = utf8(key);
    if (k.length > BLOCK) k = sha256(k);
    keyed = [key, padded(k, 0x36), padded(k, 0x5c)];
  }
  return sha256(sha256(utf8(message), keyed[1], BLOCK), keyed[2], BLOCK);
}
