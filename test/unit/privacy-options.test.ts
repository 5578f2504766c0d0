// The privacy options through resolveConfig: defaults, valid values, and clear problems.
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/root/config';
import { DEFAULT_IGNORE, EXTENSION_URLS } from '../../src/gates/filters';

const valid = { appId: 'shop-web', appSecret: 's3cret', host: 'https://tracely.example.com' };

describe('privacy options', () => {
  it('defaults: consent granted, everything sampled, default filters, no hook', () => {
    const { config, problems } = resolveConfig(valid);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      consent: { errors: 'granted', analytics: 'granted' },
      sampleRate: 1,
      eventSampleRate: 1,
      ignoreErrors: DEFAULT_IGNORE,
      denyUrls: EXTENSION_URLS,
      allowUrls: [],
      sensitiveKeys: [],
    });
    expect(config!.beforeSend).toBeUndefined();
  });

  it('takes valid values; the page\'s patterns come on top of the defaults; one pattern is a list of one', () => {
    const beforeSend = () => null;
    const { config, problems } = resolveConfig({
      ...valid,
      consent: { errors: 'granted', analytics: 'pending' },
      sampleRate: 0.25,
      eventSampleRate: 0,
      beforeSend,
      ignoreErrors: ['Noise', /^Other/],
      denyUrls: 'ads.example',
      allowUrls: [/shop\.example/],
      sensitiveKeys: ['ref'],
    });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ consent: { errors: 'granted', analytics: 'pending' }, sampleRate: 0.25, eventSampleRate: 0, beforeSend, allowUrls: [/shop\.example/], sensitiveKeys: ['ref'] });
    expect(config!.ignoreErrors).toEqual([...DEFAULT_IGNORE, 'Noise', /^Other/]);
    expect(config!.denyUrls).toEqual([...EXTENSION_URLS, 'ads.example']);
  });

  it('an invalid consent is pending, never granted, and says so', () => {
    for (const bad of ['yes', 42, { analytics: 'ok' }]) {
      const { config, problems } = resolveConfig({ ...valid, consent: bad });
      expect(config!.consent).toEqual({ errors: 'pending', analytics: 'pending' });
      expect(problems.join()).toMatch(/consent must be granted, pending, denied or \{ errors, analytics \}; using pending/);
    }
  });

  it('names a bad rate, hook or pattern list and falls back', () => {
    const { config, problems } = resolveConfig({ ...valid, sampleRate: 1.5, eventSampleRate: '0.5', beforeSend: 'drop', ignoreErrors: ['ok', 42], denyUrls: {} });
    expect(config).toMatchObject({ sampleRate: 1, eventSampleRate: 1, ignoreErrors: DEFAULT_IGNORE, denyUrls: EXTENSION_URLS });
    expect(config!.beforeSend).toBeUndefined();
    for (const key of ['sampleRate', 'eventSampleRate', 'beforeSend', 'ignoreErrors', 'denyUrls']) {
      expect(problems.some((p) => p.startsWith(key + ' must be')), key).toBe(true);
    }
    expect(problems.find((p) => p.startsWith('sampleRate'))).toBe('sampleRate must be a number from 0 to 1; using 1');
  });
});
