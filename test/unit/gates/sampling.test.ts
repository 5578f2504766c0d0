// Sampling per session: a hash of the session id against the rate.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sampledIn, unitHash } from '../../../src/gates/sampling';

const sessionIds = (n: number) => Array.from({ length: n }, () => randomBytes(16).toString('hex'));

describe('unitHash', () => {
  it('is a number in [0, 1), the same for the same id', () => {
    for (const id of sessionIds(1000)) {
      const u = unitHash(id);
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
      expect(unitHash(id)).toBe(u);
    }
  });

  it('spreads random ids evenly (20 buckets of 100 000 ids, each within 5 sigma)', () => {
    const N = 100_000;
    const buckets = new Array(20).fill(0);
    for (const id of sessionIds(N)) buckets[Math.floor(unitHash(id) * 20)]++;
    const mean = N / 20;
    const sigma = Math.sqrt(N * (1 / 20) * (19 / 20));
    for (const count of buckets) expect(Math.abs(count - mean)).toBeLessThan(5 * sigma);
  });
});

describe('sampledIn', () => {
  it('keeps everything at 1 and nothing at 0, without reading an id', () => {
    let reads = 0;
    const id = () => (reads++, 0.5);
    expect(sampledIn(1, id)).toBe(true);
    expect(sampledIn(0, id)).toBe(false);
    expect(reads).toBe(0);
  });

  it('keeps about half of 400 sessions at 0.5: 200 ± 4 sigma (sigma = 10)', () => {
    // Each run is a fresh draw: 4 sigma fails once in ~16 000 runs.
    const kept = sessionIds(400).filter((id) => sampledIn(0.5, () => unitHash(id))).length;
    expect(kept).toBeGreaterThanOrEqual(160);
    expect(kept).toBeLessThanOrEqual(240);
  });

  it('gives one session one answer for its whole length', () => {
    for (const id of sessionIds(200)) {
      const first = sampledIn(0.5, () => unitHash(id));
      for (let i = 0; i < 20; i++) expect(sampledIn(0.5, () => unitHash(id))).toBe(first);
    }
  });

  it('keeps a session sampled in at a rate in at every higher rate', () => {
    for (const id of sessionIds(200)) {
      const u = unitHash(id);
      if (sampledIn(0.2, () => u)) expect(sampledIn(0.7, () => u)).toBe(true);
    }
  });
});
