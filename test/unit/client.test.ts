// The composed client: core options only (a part's options are a type error on Client), parts
// passed as values; in Node it constructs and initialises without touching anything.
import { describe, expect, it, vi } from 'vitest';
import { Client } from '../../src/client';
import { breadcrumbs } from '../../src/sources/breadcrumbs';
import { routes } from '../../src/sources/routes';
import { dwell } from '../../src/sources/dwell';
import { webVitals } from '../../src/sources/vitals';
import { batchDialect } from '../../src/delivery/dialects/batch';
import { otlpDialect } from '../../src/delivery/dialects/otlp';
import { stock } from '../../src/delivery/dialects/stock';
import type { ClientOptions, UnsignedClientOptions } from '../../src/root/config';

const base = { appId: 'a', appSecret: 's', host: 'https://t.example.com' };

describe('Client', () => {
  it('takes the core options and parts, and idles outside a browser', async () => {
    const client = new Client({ ...base, dialect: batchDialect({ batchDelayMs: 500 }) }, [breadcrumbs({ consoleLog: true }), routes(), dwell(), webVitals()]);
    expect(() => client.init().reportError(new Error('x'))).not.toThrow();
    expect(await client.flush(10)).toBe(true);
    expect(client.dropped).toEqual({});
  });

  it("rejects a part's options at compile time (checked by tsc -p test)", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // @ts-expect-error: dwell is the dwell part's business, not an option of Client
    new Client({ ...base, dwell: true });
    // @ts-expect-error: webVitals likewise
    new Client({ ...base, webVitals: false });
    // @ts-expect-error: the batch delay is an option of batchDialect()
    new Client({ ...base, batchDelayMs: 100 });
    // @ts-expect-error: the dialect is a dialect object, not its name
    new Client({ ...base, dialect: 'batch' });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  // The types say what resolveConfig does: the secret is required by the dialects that sign.
  it('needs no appSecret with otlpDialect(), and still needs it with the stock and batch dialects (checked by tsc -p test)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { appSecret: _unused, ...noSecret } = base;
    new Client({ ...noSecret, dialect: otlpDialect({ headers: { Authorization: 'Bearer k' } }) });
    const typed: UnsignedClientOptions = { ...noSecret, dialect: otlpDialect() };
    new Client(typed);
    // A placeholder secret, as the README once asked for, still type-checks (and is not used).
    new Client({ ...base, dialect: otlpDialect() });
    expect(warn).not.toHaveBeenCalled();
    // @ts-expect-error: the stock dialect signs every request with the secret
    new Client(noSecret);
    // @ts-expect-error: so does the batch dialect
    new Client({ ...noSecret, dialect: batchDialect() });
    // @ts-expect-error: a dialect typed as any Dialect may sign
    new Client({ ...noSecret, dialect: stock });
    // @ts-expect-error: ClientOptions keeps requiring it
    const signed: ClientOptions = { ...noSecret };
    expect(signed).toBeDefined();
    expect(warn.mock.calls.map((c) => c[0])).toEqual(['[Tracely] disabled: appSecret is missing', '[Tracely] disabled: appSecret is missing', '[Tracely] disabled: appSecret is missing']);
    warn.mockRestore();
  });
});
