// SHA-256 (FIPS 180-4) over bytes, synchronous, in about 400 bytes gzip.
// Why not @noble/hashes: its SHA-256 costs ~2.3 KB gzip in every visitor's bundle (generic
// streaming/cloning machinery), which the 16 KiB budget cannot carry beside web-vitals and
// error-stack-parser. Hashing is deterministic, so correctness is fully checked by tests
// (FIPS 180-4 / NIST vectors, and Node's crypto on every length 0-300); constant-time
// behaviour, the other thing an audit buys, protects nothing here: the app secret is in
// the page for anyone to read, and the signature only stops tampering and replay in transit.
const K = new Uint32Array(64);
const H0 = new Uint32Array(8);

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

export function sha256(data: Uint8Array): Uint8Array {
  if (!K[0]) initConstants();
  const bitLength = data.length * 8;
  const blocks = ((data.length + 8) >> 6) + 1;
  const words = new Uint32Array(blocks * 16);
  for (let i = 0; i < data.length; i++) words[i >> 2] |= data[i] << (24 - (i % 4) * 8);
  words[data.length >> 2] |= 0x80 << (24 - (data.length % 4) * 8);
  words[blocks * 16 - 1] = bitLength;
  words[blocks * 16 - 2] = Math.floor(bitLength / 2 ** 32);
  const h = H0.slice();
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let b = 0; b < blocks; b++) {
    for (let t = 0; t < 64; t++) {
      if (t < 16) w[t] = words[b * 16 + t];
      else {
        const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
        const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
      }
    }
    let [a, bb, c, d, e, f, g, hh] = h;
    for (let t = 0; t < 64; t++) {
      const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += bb; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = h[i >> 2] >>> (24 - (i % 4) * 8);
  return out;
}
