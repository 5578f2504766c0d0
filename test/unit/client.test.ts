// The composed client: core options only (a part's options are a type error on Client), parts
// passed as values; in Node it constructs and initialises without touching anything.
import { describe, expect, it, vi } from 'vitest';
import { Client } from '../../src/client';
import { breadcrumbs } from '../../src/sources/breadcrumbs';
import { routes } from '../../src/sources/routes';
import { dwell } from '../../src/sources/dwell';
import { webVitals } from '../../src/sources/vitals';
import { batchDialect } from '../../src/delivery/dialects/batch';

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
});
