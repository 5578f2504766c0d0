// Source maps: the signed upload (POST /report/sourcemap), its refusals, the CLI that a build
// runs, and the resolution of minified frames stored beside the raw ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APP, SECRET, authQuery, credentials, get, newId, post, start } from './helpers.mjs';
import { buildDemoBundle } from '../../demo/site/build.mjs';
import Database from 'better-sqlite3';
import { MAX_SOURCE_MAP_BYTES, MAX_UPLOADS_IN_FLIGHT, createSourceMaps, mapDigest } from '../../demo/collector/sourcemaps.mjs';
import { fingerprintOf } from '../../demo/collector/store.mjs';

const RELEASE = 'shop-1.0.0';
const FILE = 'https://shop.test/assets/shop.min.js';
const upload = (/** @type {import('./helpers.mjs').Server} */ c, /** @type {unknown} */ body, release = RELEASE, file = FILE, opts = {}) =>
  post(c, `/report/sourcemap?${new URLSearchParams({ release, file })}`, body, { auth: 'query', ...opts });

const out = mkdtempSync(join(tmpdir(), 'collector-maps-'));
/** @type {string} */ let bundle;
/** @type {string} */ let mapText;
/** The minified position of `t.items` (line 1), where totalOf reads the cart. @type {number} */ let column;
/** The minified position of the call totalOf(t) inside checkout. @type {number} */ let callColumn;
/** @type {import('./helpers.mjs').Collector} */
let c;
beforeAll(async () => {
  const file = await buildDemoBundle(out);
  bundle = readFileSync(file, 'utf8');
  mapText = readFileSync(`${file}.map`, 'utf8');
  column = bundle.indexOf('.items') + 1 + 1; // 1-based, at "items" as V8 reports it
  callColumn = bundle.indexOf('total:') + 'total:'.length + 1;
  c = await start();
});
afterAll(async () => { await c.close(); rmSync(out, { recursive: true, force: true }); });

/** An error item whose frames point into the minified bundle. @param {Record<string, unknown>} [over] */
const minifiedError = (over = {}) => ({ kind: 'error', id: newId(), appId: APP, type: 'jsError', release: RELEASE,
  message: "Cannot read properties of undefined (reading 'items')", stack: `TypeError: …\n    at r (${FILE}:1:${column})`, url: 'https://shop.test/',
  frames: [{ file: FILE, line: 1, column, function: 'r', inApp: true }, { file: FILE, line: 1, column: callColumn, function: 'c', inApp: true },
    { file: 'https://cdn.test/vendor.js', line: 3, column: 9, function: 'v', inApp: false }], ...over });

describe('upload', () => {
  it('needs the request signature: unsigned, wrongly signed and replayed uploads are refused', async () => {
    expect((await upload(c, mapText, RELEASE, FILE, { auth: 'none' })).status).toBe(401);
    const forged = credentials({ secret: 'not-the-secret' });
    expect((await upload(c, mapText, RELEASE, FILE, { creds: forged })).json).toEqual({ error: 'invalid signature' });
    const creds = credentials();
    expect((await upload(c, mapText, RELEASE, FILE, { creds })).status).toBe(201);
    expect((await upload(c, mapText, RELEASE, FILE, { creds })).json).toEqual({ error: 'nonce already used' });
  });

  it('stores a map under release + file URL and says what it holds', async () => {
    const r = await upload(c, mapText);
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ stored: { release: RELEASE, file: FILE, bytes: Buffer.byteLength(mapText), sources: 1, withContent: 1 }, reresolving: 0 });
  });

  it('refuses bad input with a clear reason', async () => {
    const map = JSON.parse(mapText);
    const cases = /** @type {[unknown, string, string, RegExp][]} */ ([
      ['not json {', RELEASE, FILE, /^malformed JSON/],
      [{ ...map, version: 2 }, RELEASE, FILE, /^source map refused: not a source map: "version" must be 3/],
      [{ ...map, mappings: 7 }, RELEASE, FILE, /"mappings" must be a string/],
      [{ ...map, file: 'other.min.js' }, RELEASE, FILE, /the map is for "other.min.js", not for "shop.min.js"/],
      [map, '', FILE, /release is required/],
      [map, RELEASE, '/assets/shop.min.js', /file must be an absolute URL/],
      [map, RELEASE, 'javascript:alert(1)', /file must be an http or https URL/],
    ]);
    for (const [body, release, file, reason] of cases) {
      const r = await upload(c, body, release, file);
      expect(r.status, String(reason)).toBe(400);
      expect(r.json.error).toMatch(reason);
    }
  });

  it(`refuses a map over ${MAX_SOURCE_MAP_BYTES} bytes with 413, before reading it whole`, async () => {
    const huge = JSON.stringify({ ...JSON.parse(mapText), sourcesContent: ['x'.repeat(MAX_SOURCE_MAP_BYTES)] });
    const r = await upload(c, huge);
    expect(r.status).toBe(413);
    expect(r.json.error).toBe(`body larger than ${MAX_SOURCE_MAP_BYTES} bytes`);
  });

  it(`reads at most ${MAX_UPLOADS_IN_FLIGHT} upload bodies at once: one more answers 503 with Retry-After`, async () => {
    const url = new URL(`${c.url}/report/sourcemap?${new URLSearchParams({ release: 'slow', file: FILE })}`);
    // Slow uploads: headers and a first chunk sent, the rest held back.
    const slow = Array.from({ length: MAX_UPLOADS_IN_FLIGHT }, () => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: `${url.pathname}${url.search}&${authQuery()}`, headers: { 'Content-Length': 1_000_000 } });
      req.on('error', () => {});
      req.write('{"version":3,');
      return req;
    });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const r = await upload(c, mapText);
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('1');
    } finally {
      for (const req of slow) req.destroy();
    }
    await new Promise((r) => setTimeout(r, 300));
    expect((await upload(c, mapText)).status).toBe(201); // the slots are free again
  });

  it('is what the CLI sends: every map under a folder, keyed by --url-prefix + its path', async () => {
    const cli = await promisify(execFile)(process.execPath, ['bin/tracely-sourcemaps.mjs', '--host', c.url, '--app-id', APP,
      '--release', 'cli-1', '--url-prefix', 'https://shop.test/assets', out], { env: { ...process.env, TRACELY_APP_SECRET: SECRET } });
    expect(cli.stdout).toContain('1 source map(s) uploaded, 0 refused');
    expect(c.store.sourceMaps.list(APP, 10).map((m) => [m.release, m.file_url])).toContainEqual(['cli-1', FILE]);
    const bad = promisify(execFile)(process.execPath, ['bin/tracely-sourcemaps.mjs', '--host', c.url, '--app-id', APP,
      '--release', 'cli-1', '--url-prefix', 'https://shop.test/assets', out], { env: { ...process.env, TRACELY_APP_SECRET: 'wrong' } });
    await expect(bad).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('invalid signature') });
  });
});

describe('upload secret', () => {
  it('signs uploads with the app\'s uploadSecret when it has one: the app secret every page holds is refused', async () => {
    const d = await start({ config: { apps: [{ appId: APP, appSecret: SECRET, uploadSecret: 'build-only-secret' }] } });
    try {
      expect((await upload(d, mapText)).json).toEqual({ error: 'invalid signature' });
      expect((await upload(d, mapText, RELEASE, FILE, { creds: credentials({ secret: 'build-only-secret' }) })).status).toBe(201);
      // Reports are still signed with the app secret.
      expect((await post(d, '/report/error', { type: 'T', message: 'm', appId: APP })).status).toBe(200);
    } finally { await d.close(); }
  });

  it('refuses an empty uploadSecret in the config', async () => {
    await expect(start({ config: { apps: [{ appId: APP, appSecret: SECRET, uploadSecret: '' }] } })).rejects.toThrow(/uploadSecret/);
  });
});

describe('storage per app', () => {
  it('keeps at most the byte budget per app: the oldest uploads leave, never the newest', () => {
    const db = new Database(':memory:');
    const maps = createSourceMaps(db, 3 * Buffer.byteLength(mapText));
    const map = JSON.parse(mapText);
    for (const release of ['r1', 'r2', 'r3', 'r4', 'r5']) expect(maps.put('app', release, FILE, map, Buffer.byteLength(mapText)).ok).toBe(true);
    maps.put('other-app', 'r1', FILE, map, Buffer.byteLength(mapText));
    expect(maps.list('app', 10).map((m) => m.release).sort()).toEqual(['r3', 'r4', 'r5']);
    expect(maps.list('other-app', 10)).toHaveLength(1);
    db.close();
  });
});

describe('digests', () => {
  it('a map names its file and content; one stored before digests gets its digest when first read', () => {
    const db = new Database(':memory:');
    const maps = createSourceMaps(db);
    const map = JSON.parse(mapText);
    maps.put('app', 'r', FILE, map, 1);
    const digest = maps.digestOf('app', 'r', FILE);
    expect(digest).toBe(mapDigest(FILE, JSON.stringify(map)));
    expect(digest).toMatch(/^[0-9a-f]{32}$/);
    maps.put('app', 'r', `${FILE}2`, map, 1); // the same text for another file: another map
    expect(maps.digestOf('app', 'r', `${FILE}2`)).not.toBe(digest);
    maps.put('app', 'r', FILE, { ...map, sources: ['renamed.js'] }, 1); // replaced: another digest
    expect(maps.digestOf('app', 'r', FILE)).not.toBe(digest);
    maps.put('app', 'r', FILE, map, 1);
    expect(maps.digestOf('app', 'r', FILE)).toBe(digest);
    db.prepare('UPDATE source_maps SET digest = NULL').run(); // as a database from before digests holds it
    expect(maps.digestOf('app', 'r', FILE)).toBe(digest);
    expect(db.prepare('SELECT digest FROM source_maps WHERE file_url = ?').get(FILE)).toEqual({ digest });
    expect(maps.digestOf('app', 'r', 'https://shop.test/none.js')).toBeNull();
    db.close();
  });

  it('adds the digest column to a source_maps table from before digests', () => {
    const db = new Database(':memory:');
    db.exec(`CREATE TABLE source_maps (app_id TEXT NOT NULL, release TEXT NOT NULL, file_url TEXT NOT NULL, map TEXT NOT NULL,
      bytes INTEGER NOT NULL, uploaded_at INTEGER NOT NULL, PRIMARY KEY (app_id, release, file_url))`);
    db.prepare('INSERT INTO source_maps VALUES (?, ?, ?, ?, ?, ?)').run('app', 'r', FILE, mapText, 1, 1);
    const maps = createSourceMaps(db);
    const resolved = maps.resolution({ appId: 'app', release: 'r', frames: [{ file: FILE, line: 1, column }] });
    expect(resolved?.maps).toEqual([mapDigest(FILE, mapText)]);
    expect(resolved?.frames[0]).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5 });
    db.close();
  });
});

describe('code lines', () => {
  it('shows the lines around the original line, split at LF or CRLF, from the map\'s sourcesContent', () => {
    const db = new Database(':memory:');
    const maps = createSourceMaps(db);
    // One mapping: minified line 1, column 0 → a.js line 5 (0-based 4), column 0.
    const map = { version: 3, sources: ['a.js'], names: [], mappings: 'AAIA', sourcesContent: ['l1\r\nl2\nl3\r\nl4\r\nl5\r\nl6\nl7\r\nl8\r\nl9\r'] };
    expect(maps.put('app', 'r', FILE, map, 1).ok).toBe(true);
    const [frame] = /** @type {any[]} */ (maps.symbolicate({ appId: 'app', release: 'r', frames: [{ file: FILE, line: 1, column: 1 }] }));
    expect(frame).toEqual({ file: 'a.js', line: 5, column: 1, function: null, context: { first: 2, lines: ['l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8'] } });
    const [last] = /** @type {any[]} */ (maps.symbolicate({ appId: 'app', release: 'r', frames: [{ file: FILE, line: 1, column: 1 }] }));
    expect(last).toEqual(frame); // the same from the lines found once
    db.close();
  });
});

describe('resolution', () => {
  it('resolves minified frames to the original file, line, function and code, keeping the raw frames', async () => {
    await upload(c, mapText);
    const item = minifiedError();
    expect((await post(c, '/report/batch', { items: [item] }, { auth: 'query' })).json).toEqual({ accepted: 1, rejected: [] });
    const [stored] = (await get(c, '/api/occurrences')).items.filter((o) => o.id === item.id);
    expect(stored.frames).toEqual(item.frames); // as sent
    const [top, caller, vendor] = /** @type {any[]} */ (stored.originalFrames);
    expect(top).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });
    expect(top.context.lines[top.line - top.context.first]).toContain('return cart.items.reduce(');
    expect(top.context.first).toBe(2);
    expect(caller).toMatchObject({ file: 'demo/site/src/checkout.js', line: 9 });
    expect(vendor).toEqual({ unresolved: 'no source map for this file in this release' });
  });

  it('resolves a stock report that has only the stack text: the collector parses its frames', async () => {
    await upload(c, mapText);
    const message = 'stack only';
    const stack = `TypeError: ${message}\n    at r (${FILE}:1:${column})\n    at c (${FILE}:1:${callColumn})`;
    expect((await post(c, '/report/error', { type: 'jsError', message, stack, url: 'https://shop.test/', appId: APP, release: RELEASE })).status).toBe(200);
    const stored = (await get(c, '/api/occurrences')).items.find((o) => o.message === message);
    expect(stored?.frames).toBeUndefined();
    expect(/** @type {any[]} */ (stored?.originalFrames)[0]).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });
    const page = await (await fetch(`${c.url}/group?fp=${fingerprintOf(APP, 'jsError', message)}`)).text();
    expect(page).toContain('Frames parsed by the collector from the stack text');
    expect(page).toContain('return cart.items.reduce(');
  });

  it('leaves frames unresolved, with the reason, when the map does not match or no map exists for the release', async () => {
    const past = minifiedError({ frames: [{ file: FILE, line: 40, column: 1, function: 'r', inApp: true }] });
    const otherRelease = minifiedError({ release: 'shop-9.9.9' });
    await post(c, '/report/batch', { items: [past, otherRelease] }, { auth: 'query' });
    const items = (await get(c, '/api/occurrences')).items;
    expect(items.find((o) => o.id === past.id)?.originalFrames).toEqual([{ unresolved: 'the map does not match the file: line 40 is past its 1 lines' }]);
    const unmapped = items.find((o) => o.id === otherRelease.id);
    expect(unmapped?.originalFrames).toBeUndefined();
    expect(unmapped?.frames).toHaveLength(3);
  });

  it('groups by md5(appId + type + message) whatever the build: a new build does not split the group', async () => {
    const before = (await get(c, '/api/errors')).groups.find((g) => g.message === minifiedError().message);
    // The next build moves the code: other minified positions, same error.
    await post(c, '/report/batch', { items: [minifiedError({ release: 'shop-1.0.1', frames: [{ file: FILE.replace('shop', 'shop.abc123'), line: 1, column: 99, function: 'q', inApp: true }] })] }, { auth: 'query' });
    const after = (await get(c, '/api/errors')).groups.filter((g) => g.message === minifiedError().message);
    expect(after).toHaveLength(1);
    expect(after[0].fingerprint).toBe(fingerprintOf(APP, 'jsError', minifiedError().message));
    expect(after[0].count).toBe(/** @type {import('./helpers.mjs').Group} */ (before).count + 1);
  });
});
