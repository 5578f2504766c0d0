// The privacy options: defaults when absent, and an invalid value replaced by a safe one
// (never a wider consent) with a problem naming the key.
import { describe, expect, it } from 'vitest';
import { resolvePrivacy, taker } from '../../../src/gates/options';
import { DEFAULT_IGNORE, EXTENSION_URLS } from '../../../src/gates/filters';

/** The privacy config of `options`, and the problems reported on the way. */
function resolve(options: Record<string, unknown>) {
  const problems: string[] = [];
  return { config: resolvePrivacy(taker(options, problems)), problems };
}

describe('resolvePrivacy', () => {
  it('takes the defaults for absent options, with no problem', () => {
    const { config, problems } = resolve({});
    expect(problems).toEqual([]);
    expect(config).toEqual({
      consent: { errors: 'granted', analytics: 'granted' },
      sampleRate: 1,
      eventSampleRate: 1,
      beforeSend: undefined,
      ignoreErrors: DEFAULT_IGNORE,
      denyUrls: EXTENSION_URLS,
      allowUrls: [],
      sensitiveKeys: [],
    });
  });

  it('makes an invalid consent pending for both categories, never granted, naming consent', () => {
    for (const consent of ['yes', { errors: 'maybe' }, { error: 'denied' }]) {
      const { config, problems } = resolve({ consent });
      expect(config.consent).toEqual({ errors: 'pending', analytics: 'pending' });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^consent must be /);
    }
  });

  it('keeps the other category granted when consent names one category', () => {
    const { config, problems } = resolve({ consent: { analytics: 'denied' } });
    expect(config.consent).toEqual({ errors: 'granted', analytics: 'denied' });
    expect(problems).toEqual([]);
  });

  it('makes a rate outside 0..1 or not a number 1, naming the key', () => {
    for (const bad of [-0.1, 1.5, '0.5', NaN]) {
      const { config, problems } = resolve({ sampleRate: bad, eventSampleRate: bad });
      expect([config.sampleRate, config.eventSampleRate]).toEqual([1, 1]);
      expect(problems.map((p) => p.split(' ')[0])).toEqual(['sampleRate', 'eventSampleRate']);
    }
    expect(resolve({ sampleRate: 0, eventSampleRate: 0.25 }).config).toMatchObject({ sampleRate: 0, eventSampleRate: 0.25 });
  });

  it('makes a single pattern a list of one, after the defaults', () => {
    const { config, problems } = resolve({ ignoreErrors: 'Noise', denyUrls: /cdn\.example/, allowUrls: 'shop', sensitiveKeys: /^tok/ });
    expect(problems).toEqual([]);
    expect(config.ignoreErrors).toEqual([...DEFAULT_IGNORE, 'Noise']);
    expect(config.denyUrls).toEqual([...EXTENSION_URLS, /cdn\.example/]);
    expect(config.allowUrls).toEqual(['shop']);
    expect(config.sensitiveKeys).toEqual([/^tok/]);
  });

  it('ignores an invalid pattern list, naming the key', () => {
    const { config, problems } = resolve({ ignoreErrors: ['ok', 42], allowUrls: {} });
    expect(config.ignoreErrors).toEqual(DEFAULT_IGNORE);
    expect(config.allowUrls).toEqual([]);
    expect(problems.map((p) => p.split(' ')[0])).toEqual(['ignoreErrors', 'allowUrls']);
  });

  it('ignores a beforeSend that is not a function, naming it', () => {
    const { config, problems } = resolve({ beforeSend: 'drop' });
    expect(config.beforeSend).toBeUndefined();
    expect(problems).toEqual([expect.stringMatching(/^beforeSend must be /)]);
    const hook = () => null;
    expect(resolve({ beforeSend: hook }).config.beforeSend).toBe(hook);
  });
});
