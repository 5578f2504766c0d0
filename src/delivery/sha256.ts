// SHA-256 (FIPS 180-4) over bytes, synchronous, in about 400 bytes gzip.
// Why not @noble/hashes: its SHA-256 costs ~2.3 KB gzip in every visitor's bundle (generic
// streaming/cloning machinery), which the budget cannot carry beside web-vitals and
// error-stack-parser. Hashing is deterministic, so correctness is fully checked by tests
// (FIPS 180-4 / NIST vectors, and Node's crypto on every length 0-300); constant-time
// behaviour, the other thing an audit buys, protects nothing here: the app secret is in
// the page for anyone to read, and the signature only stops tampering and replay in transit.
//
// A hash can resume from a state: HMAC hashes its two padded key blocks once per key
// (hmac.ts), then two blocks per signature instead of four.
const K = new Uint32Array(64);
const H0 = new Uint32Array(8);
/** The message schedule, reused by every block (hashing is synchronous: no reentry). */
const w = new Uint32Array(64);

// The constants are the fractional parts of the square and cube roots of the first primes
// (FIPS 180-4 §4.2.2, §5.3.3): computing them costs fewer bytes than spelling them out.
function initConstants(): void {
  let n = 0;
  for (let p = 2; n < 64; p++) {
    let prime = true;
    for (let d = 2; d * d <= p; d++) if (p % d === 0) prime = false;
    if (!prime) continue;
    if (n < 8) H0[n] = (Math.sqrt(p) % 1) * 2 ** 32;
    K[n++] = (Math.cbrt(p) % 1) * 2 ** 32;
  }
}

/** The initial state: a copy to hash into. */
export const initialState = (): Uint32Array => (K[0] || initConstants(), H0.slice());

/**
 * Hashes `data` (whole 64-byte blocks) into the state `h`. Plain locals, no allocation, and the
 * rotations written out: signing runs cold (a few dozen times a page, mostly in V8's interpreter),
 * where a call per rotation made it 300 µs a signature in the benchmark's profile.
 */
export function compress(h: Uint32Array, data: Uint8Array): void {
  for (let at = 0; at < data.length; at += 64) {
    for (let t = 0; t < 16; t++) w[t] = (data[at + t * 4] << 24) | (data[at + t * 4 + 1] << 16) | (data[at + t * 4 + 2] << 8) | data[at + t * 4 + 3];
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      w[t] = w[t - 16] + (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + w[t - 7] + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10));
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (let t = 0; t < 64; t++) {
      const t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
}

/** SHA-256 of `data`; or, from a `state` that already holds `before` bytes (whole blocks), of those bytes and `data`. `state` is not changed. */
export function sha256(data: Uint8Array, state = initialState(), before = 0): Uint8Array {
  const bits = (before + data.length) * 8;
  const padded = new Uint8Array(((data.length + 72) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, bits / 2 ** 32);
  view.setUint32(padded.length - 4, bits);
  const h = state.slice();
  compress(h, padded);
  // The digest is written over the padded copy's first bytes: no buffer of its own.
  h.forEach((word, i) => view.setUint32(i * 4, word));
  return padded.subarray(0, 32);
}
