// HMAC (RFC 2104) over SHA-256. Verified against RFC 4231 vectors and Node's crypto.
import { sha256 } from './sha256';
import { utf8 } from '../tools/env';

const BLOCK = 64;

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function hmacSha256(key: string, message: string): Uint8Array {
  let k = utf8(key);
  if (k.length > BLOCK) k = sha256(k);
  const inner = new Uint8Array(BLOCK);
  const outer = new Uint8Array(BLOCK);
  inner.set(k);
  outer.set(k);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] ^= 0x36;
    outer[i] ^= 0x5c;
  }
  return sha256(concat(outer, sha256(concat(inner, utf8(message)))));
}
