// Options: defaults, validation, and staying off (without throwing) when required ones are bad.
import { describe, expect, it } from 'vitest';
import { DEFAULTS, resolveConfig } from '../../../src/root/config';
import { stock } from '../../../src/delivery/dialects/stock';
import { batchDialect } from '../../../src/delivery/dialects/batch';
import { otlpDialect } from '../../../src/delivery/dialects/otlp';
import { DEFAULT_IGNORE, EXTENSION_URLS } from '../../../src/gates/filters';

const valid = { appId: 'shop-web', appSecret: 's3cret', host: 'https://tracely.example.com' };

describe('resolveConfig', () => {
  it('resolves a valid config with the defaults and no problems', () => {
    const { config, problems } = resolveConfig(valid);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ ...DEFAULTS, ...valid });
    expect(config?.release).toBeUndefined();
    expect(config?.environment).toBeUndefined();
  });

  it('takes valid optional values', () => {
    const dialect = batchDialect({ batchDelayMs: 500 });
    const { config, problems } = resolveConfig({ ...valid, release: '1.2.3', environment: 'staging', throttleMs: 5_000, maxRequestsPerMinute: 10, dialect, debug: true, captureResourceErrors: false, captureCspViolations: false });
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ release: '1.2.3', environment: 'staging', throttleMs: 5_000, maxRequestsPerMinute: 10, dialect, batchDelayMs: 500, debug: true, captureResourceErrors: false, captureCspViolations: false });
  });

  it.each(['appId', 'appSecret', 'host'] as const)('stays off without %s and names it', (key) => {
    for (const bad of [undefined, '', '   ', 42]) {
      const { config, problems } = resolveConfig({ ...valid, [key]: bad });
      expect(config).toBeUndefined();
      expect(problems.some((p) => p.includes(key)), `${key}=${String(bad)}: ${problems.join('; ')}`).toBe(true);
    }
  });

  it('names every missing required option at once', () => {
    const { config, problems } = resolveConfig({});
    expect(config).toBeUndefined();
    for (const key of ['appId', 'appSecret', 'host']) expect(problems.some((p) => p.includes(key)), key).toBe(true);
  });

  it.each(['ftp://x', 'not a url', 'tracely.example.com', 'https://', '//tracely.example.com'])('rejects the host %j', (host) => {
    const { config, problems } = resolveConfig({ ...valid, host });
    expect(config).toBeUndefined();
    expect(problems.some((p) => p.includes('host'))).toBe(true);
  });

  it('accepts http and https hosts, with a port or a path', () => {
    for (const host of ['http://localhost:8787', 'https://example.com/tracely', 'HTTPS://Example.com']) {
      expect(resolveConfig({ ...valid, host }).config?.host).toBe(host);
    }
  });

  it('strips trailing slashes and surrounding spaces from the host', () => {
    expect(resolveConfig({ ...valid, host: 'https://tracely.example.com/' }).config?.host).toBe('https://tracely.example.com');
    expect(resolveConfig({ ...valid, host: ' https://tracely.example.com/api/// ' }).config?.host).toBe('https://tracely.example.com/api');
  });

  it.each([-1, 0, NaN, Infinity, 'x', '5000', null])('keeps the default throttleMs for %j and reports it', (throttleMs) => {
    const { config, problems } = resolveConfig({ ...valid, throttleMs });
    expect(config).toBeDefined();
    expect(config!.throttleMs).toBe(DEFAULTS.throttleMs);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('throttleMs');
  });

  it('validates every numeric option the same way', () => {
    const { config, problems } = resolveConfig({ ...valid, maxQueueBytes: -5, maxAttempts: 'many' });
    expect(config).toMatchObject({ maxQueueBytes: DEFAULTS.maxQueueBytes, maxAttempts: DEFAULTS.maxAttempts });
    expect(problems).toHaveLength(2);
  });

  // A number is not made text: 1.10 would be sent as "1.1", and source maps are keyed by the release as written.
  it.each([20261201, 1.1, '', '  ', null, true])('ignores a release or environment of %j and reports it', (bad) => {
    const { config, problems } = resolveConfig({ ...valid, release: bad, environment: bad });
    expect(config).toBeDefined();
    expect(config!.release).toBeUndefined();
    expect(config!.environment).toBeUndefined();
    expect(problems).toEqual(['release must be text; ignored', 'environment must be text; ignored']);
  });

  it('keeps the stock dialect for an unknown one and reports it', () => {
    const { config, problems } = resolveConfig({ ...valid, dialect: 'fast' });
    expect(config?.dialect).toBe(stock);
    expect(problems.some((p) => p.includes('dialect'))).toBe(true);
  });

  it.each([undefined, null, 'x', 42, true])('stays off, without throwing, for options %j', (options) => {
    let result: ReturnType<typeof resolveConfig> | undefined;
    expect(() => (result = resolveConfig(options))).not.toThrow();
    expect(result!.config).toBeUndefined();
    expect(result!.problems.length).toBeGreaterThan(0);
  });

  it('does not leak the secret of a disabled config', () => {
    const { config, problems } = resolveConfig({ appId: 'a', appSecret: 'top-secret', host: 'nope' });
    expect(config).toBeUndefined();
    expect(problems.join(' ')).not.toContain('top-secret');
  });
});

// The secret signs requests: only a dialect that signs (stock, batch) needs it; OTLP sends static headers.
describe('appSecret and the dialect', () => {
  const { appSecret: _unused, ...noSecret } = valid;
  const missing = [undefined, '', '   ', 42];

  it('OTLP without a secret is enabled, with no problem and no secret to sign with', () => {
    for (const appSecret of missing) {
      const dialect = otlpDialect();
      const { config, problems } = resolveConfig({ ...noSecret, appSecret, dialect });
      expect(problems, String(appSecret)).toEqual([]);
      expect(config).toMatchObject({ appId: valid.appId, host: valid.host, appSecret: '', dialect });
    }
  });

  it('OTLP takes a secret without complaint (it is not used)', () => {
    const { config, problems } = resolveConfig({ ...valid, dialect: otlpDialect() });
    expect(problems).toEqual([]);
    expect(config).toBeDefined();
  });

  it('OTLP still needs appId and a valid host', () => {
    expect(resolveConfig({ host: valid.host, dialect: otlpDialect() })).toEqual({ problems: ['appId is missing'] });
    expect(resolveConfig({ appId: 'a', dialect: otlpDialect() })).toEqual({ problems: ['host is missing'] });
    expect(resolveConfig({ appId: 'a', host: 'otel.example', dialect: otlpDialect() }).config).toBeUndefined();
  });

  it('the stock and batch dialects without a secret stay off with the same message as before', () => {
    for (const dialect of [undefined, stock, batchDialect()]) {
      for (const appSecret of missing) {
        expect(resolveConfig({ ...noSecret, appSecret, dialect })).toEqual({ problems: ['appSecret is missing'] });
      }
    }
  });

  it('an object that is no dialect of this package does not waive the secret', () => {
    const { _build: _dropped, ...notADialect } = otlpDialect();
    const { config, problems } = resolveConfig({ ...noSecret, dialect: notADialect });
    expect(config).toBeUndefined();
    expect(problems).toEqual(['dialect must be a dialect from this package; using the stock dialect', 'appSecret is missing']);
  });
});

// The privacy options through resolveConfig: defaults, valid values, and clear problems.
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

// Regressions found by review: each of these once froze a page or lost a report's location.
describe('regressions', () => {
  it('a host with spaces, a query or a fragment is refused', () => {
    for (const host of ['https://exa mple.com', 'https://x.com?token=1', 'https://x.com#frag']) {
      expect(resolveConfig({ appId: 'a', appSecret: 's', host }).config).toBeUndefined();
    }
    expect(resolveConfig({ appId: 'a', appSecret: 's', host: 'https://x.com/tracely/' }).config?.host).toBe('https://x.com/tracely');
  });
});
