// Re-resolution: a source map uploaded after the errors it serves resolves the reports already
// stored (demo/collector/reresolve.mjs), in the store, the read API and the view; a second
// upload changes nothing; other files, releases and apps are left alone; the work is bounded
// and the server answers while it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { build } from 'esbuild';
import { APP, credentials, get, getAll, newId, post, start } from './helpers.mjs';
import { buildDemoBundle } from '../../demo/site/build.mjs';
import { fingerprintOf } from '../../demo/collector/store.mjs';
import { RERESOLVE_ROWS_PER_BATCH } from '../../demo/collector/reresolve.mjs';

const RELEASE = 'shop-2.0.0';
const FILE = 'https://shop.test/assets/shop.min.js';
/** The same bundle served from a second URL: a second file of the release with its own map. */
const FILE2 = 'https://static.shop.test/js/shop.min.js';
const OTHER_APP = { appId: 'other-app', appSecret: 'other-secret' };
const TWO_APPS = { apps: [{ appId: APP, appSecret: 'test-secret' }, OTHER_APP] };

/** @typedef {import('./helpers.mjs').Collector} Collector */
/** @param {Collector} c @param {unknown} map @param {{ release?: string, file?: string, creds?: import('./helpers.mjs').Credentials }} [key] */
const upload = (c, map, { release = RELEASE, file = FILE, creds = credentials() } = {}) =>
  post(c, `/report/sourcemap?${new URLSearchParams({ release, file })}`, map, { auth: 'query', creds });
/** @param {Collector} c @param {Record<string, unknown>[]} items */
const ingest = async (c, items) => {
  const r = await post(c, '/report/batch', { items }, { auth: 'query' });
  expect(r.json).toEqual({ accepted: items.length, rejected: [] });
};
/** Every stored occurrence's resolution, as stored (seq → text or null). @param {Collector} c */
const storedOriginals = (c) => /** @type {{ seq: number, original_frames: string | null }[]} */ (
  c.store.db.prepare('SELECT seq, original_frames FROM occurrences ORDER BY seq').all());

const out = mkdtempSync(join(tmpdir(), 'collector-reresolve-'));
/** @type {string} */ let mapText;
/** Minified columns of `t.items` (inside totalOf) and of the call totalOf(t) (inside checkout). */
let column = 0;
let callColumn = 0;
beforeAll(async () => {
  const file = await buildDemoBundle(out);
  const bundle = readFileSync(file, 'utf8');
  mapText = readFileSync(`${file}.map`, 'utf8');
  column = bundle.indexOf('.items') + 2;
  callColumn = bundle.indexOf('total:') + 'total:'.length + 1;
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const MESSAGE = "Cannot read properties of undefined (reading 'items')";
/** An error whose frames point into the minified bundle at `file`, and a vendor file no map serves. @param {Record<string, unknown>} [over] */
const minifiedError = (over = {}, file = FILE) => ({ kind: 'error', id: newId(), appId: APP, type: 'jsError', release: RELEASE,
  message: MESSAGE, stack: `TypeError: …\n    at r (${file}:1:${column})`, url: 'https://shop.test/',
  frames: [{ file, line: 1, column, function: 'r', inApp: true }, { file, line: 1, column: callColumn, function: 'c', inApp: true },
    { file: 'https://cdn.test/vendor.js', line: 3, column: 9, function: 'v', inApp: false }], ...over });

describe('a map uploaded after the errors', () => {
  /** @type {Collector} */ let c;
  beforeAll(async () => { c = await start(); });
  afterAll(() => c.close());

  it('resolves the stored reports: the read API and the view show original file, line, function and code', async () => {
    const items = [minifiedError(), minifiedError()];
    await ingest(c, items);
    const stackOnly = { type: 'jsError', message: 'stack only', appId: APP, release: RELEASE, url: 'https://shop.test/',
      stack: `TypeError: stack only\n    at r (${FILE}:1:${column})\n    at c (${FILE}:1:${callColumn})` };
    expect((await post(c, '/report/error', stackOnly)).status).toBe(200);
    // Before the map: minified only, everywhere.
    expect((await get(c, '/api/occurrences')).items.every((o) => o.originalFrames === undefined)).toBe(true);
    const before = await (await fetch(`${c.url}/`)).text();
    expect(before).toContain(`r at ${FILE}:1:${column}`);
    expect(before).not.toContain('totalOf');

    const r = await upload(c, mapText);
    expect(r.status).toBe(201);
    expect(r.json).toEqual({ stored: { release: RELEASE, file: FILE, bytes: Buffer.byteLength(mapText), sources: 1, withContent: 1 }, reresolving: 3 });
    await c.reresolution.idle();

    const stored = (await get(c, '/api/occurrences')).items;
    for (const item of items) {
      const o = /** @type {import('./helpers.mjs').StoredItem} */ (stored.find((s) => s.id === item.id));
      expect(o.frames).toEqual(item.frames); // the raw frames as sent
      const [top, caller, vendor] = /** @type {any[]} */ (o.originalFrames);
      expect(top).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });
      expect(top.context.lines[top.line - top.context.first]).toContain('return cart.items.reduce(');
      expect(caller).toMatchObject({ file: 'demo/site/src/checkout.js', line: 9 });
      expect(vendor).toEqual({ unresolved: 'no source map for this file in this release' });
    }
    const parsed = /** @type {any[]} */ (stored.find((s) => s.message === 'stack only')?.originalFrames);
    expect(parsed[0]).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });

    // The group's culprit (its latest occurrence's first in-app frame) is the original one now.
    const groups = await (await fetch(`${c.url}/`)).text();
    expect(groups).toMatch(/totalOf at demo\/site\/src\/checkout\.js:5:\d+/);
    expect(groups).not.toContain(`r at ${FILE}:1:${column}`);
    const page = await (await fetch(`${c.url}/group?fp=${fingerprintOf(APP, 'jsError', MESSAGE)}`)).text();
    expect(page).toContain('return cart.items.reduce(');
    expect(page).toContain(`minified: r <small>${FILE}:1:${column}</small>`);
    expect(c.reresolution.stats).toMatchObject({ jobs: 1, checked: 3, updated: 3, pending: 0, running: false });
  });

  it('uploading the same map again changes nothing and adds nothing', async () => {
    const rows = storedOriginals(c);
    const counts = await get(c, '/api/stats');
    const groups = (await get(c, '/api/errors')).groups;
    const { updated } = c.reresolution.stats;
    const r = await upload(c, mapText);
    expect(r.status).toBe(201);
    expect(r.json.reresolving).toBe(3); // checked again…
    await c.reresolution.idle();
    expect(c.reresolution.stats.updated).toBe(updated); // …but none rewritten
    expect(storedOriginals(c)).toEqual(rows);
    const after = await get(c, '/api/stats');
    expect([after.groups, after.occurrences, after.events]).toEqual([counts.groups, counts.occurrences, counts.events]);
    expect((await get(c, '/api/errors')).groups).toEqual(groups);
  });

  it('resolves the frames of a second file whose map comes later, and names the function its caller calls', async () => {
    const item = minifiedError({ frames: [{ file: FILE, line: 1, column, function: 'r', inApp: true }, { file: FILE2, line: 1, column: callColumn, function: 'c', inApp: true }] });
    await ingest(c, [item]); // FILE's map is stored: its frame resolves on arrival, FILE2's does not
    const original = () => /** @type {any[]} */ (c.store.occurrences({ limit: 1000 }).find((o) => o.id === item.id)?.originalFrames);
    const [first, second] = original();
    // A frame's function is named at its caller's position, in FILE2: unknown without its map.
    expect(first).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: null });
    expect(second).toEqual({ unresolved: 'no source map for this file in this release' });
    expect((await upload(c, mapText, { file: FILE2 })).status).toBe(201);
    await c.reresolution.idle();
    expect(original()[0]).toEqual({ ...first, function: 'totalOf' });
    expect(original()[1]).toMatchObject({ file: 'demo/site/src/checkout.js', line: 9 });
  });

  it('resolves a frame whose URL carries a query with the map uploaded for the bare URL', async () => {
    const release = 'shop-2.0.1';
    const item = minifiedError({ release }, `${FILE}?v=3`);
    await ingest(c, [item]); // looked up on arrival and found missing
    expect((await upload(c, mapText, { release })).json.reresolving).toBe(1);
    await c.reresolution.idle();
    const [top] = /** @type {any[]} */ (c.store.occurrences({ limit: 1000 }).find((o) => o.id === item.id)?.originalFrames);
    expect(top).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });
  });
});

describe('a replaced map', () => {
  /** @type {Collector} */ let c;
  /** Map B: the same minified bundle rebuilt from its source with a 3-line header, and its sources named `src/…` (a fixed upload). */
  let mapB = '';
  /** @param {string} id */
  const top = (id) => /** @type {any[]} */ (c.store.occurrences({ limit: 1000 }).find((o) => o.id === id)?.originalFrames)?.[0];
  /** Every stored occurrence's resolution and the digests of the maps that made it (seq → texts). */
  const rows = () => c.store.db.prepare('SELECT seq, original_frames, map_digests FROM occurrences ORDER BY seq').all();
  beforeAll(async () => {
    const dir = join(out, 'rebuilt');
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/checkout.js'), `// Fixed build: the same code, 3 lines lower.\n//\n//\n${readFileSync('demo/site/src/checkout.js', 'utf8')}`);
    await build({ entryPoints: [join(dir, 'src/checkout.js')], outfile: join(dir, 'shop.min.js'), bundle: true, minify: true, format: 'iife',
      sourcemap: true, sourcesContent: true, logLevel: 'silent', tsconfigRaw: { compilerOptions: { strict: true } } }); // "use strict", as the repository's tsconfig gives the original
    // The same minified file, so the stored frames point at the same code in both maps.
    expect(readFileSync(join(dir, 'shop.min.js'), 'utf8')).toBe(readFileSync(join(out, 'shop.min.js'), 'utf8'));
    mapB = JSON.stringify({ ...JSON.parse(readFileSync(join(dir, 'shop.min.js.map'), 'utf8')), sources: ['src/checkout.js'] });
    c = await start();
  });
  afterAll(() => c.close());

  it('re-resolves the reports the old map resolved: the read API, the group page and the culprit show the new positions', async () => {
    const items = [minifiedError(), minifiedError()];
    await ingest(c, items);
    expect((await upload(c, mapText)).json.reresolving).toBe(2);
    await c.reresolution.idle();
    for (const item of items) expect(top(item.id)).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5, function: 'totalOf' });
    expect(await (await fetch(`${c.url}/`)).text()).toMatch(/totalOf at demo\/site\/src\/checkout\.js:5:\d+/);
    const { updated } = c.reresolution.stats;

    const r = await upload(c, mapB);
    expect(r.status).toBe(201);
    expect(r.json.reresolving).toBe(2);
    await c.reresolution.idle();
    expect(c.reresolution.stats.updated).toBe(updated + 2);
    const stored = (await get(c, '/api/occurrences')).items;
    for (const item of items) {
      const o = /** @type {import('./helpers.mjs').StoredItem} */ (stored.find((s) => s.id === item.id));
      expect(o.frames).toEqual(item.frames); // the raw frames as sent
      const [first, caller, vendor] = /** @type {any[]} */ (o.originalFrames);
      expect(first).toMatchObject({ file: 'src/checkout.js', line: 8, function: 'totalOf' });
      expect(first.context.lines[first.line - first.context.first]).toContain('return cart.items.reduce(');
      expect(caller).toMatchObject({ file: 'src/checkout.js', line: 12 });
      expect(vendor).toEqual({ unresolved: 'no source map for this file in this release' });
      expect(top(item.id)).toEqual(first); // the store agrees with the read API
    }
    const groups = await (await fetch(`${c.url}/`)).text();
    expect(groups).toMatch(/totalOf at src\/checkout\.js:8:\d+/);
    expect(groups).not.toContain('demo/site/src/checkout.js');
    const page = await (await fetch(`${c.url}/group?fp=${fingerprintOf(APP, 'jsError', MESSAGE)}`)).text();
    expect(page).toMatch(/src\/checkout\.js:8/);
    expect(page).not.toContain('demo/site/src/checkout.js');
  });

  it('the same map again rewrites nothing, and neither does the old one\'s content under another whitespace once it is back', async () => {
    const arrived = minifiedError();
    await ingest(c, [arrived]); // resolved on arrival with B, its digest stored with it
    expect(top(arrived.id)).toMatchObject({ file: 'src/checkout.js', line: 8 });
    const before = rows();
    expect(before.at(-1)).toMatchObject({ map_digests: JSON.stringify([c.store.sourceMaps.digestOf(APP, RELEASE, FILE)]) });
    const { updated } = c.reresolution.stats;
    expect((await upload(c, mapB)).json.reresolving).toBe(3); // checked again…
    await c.reresolution.idle();
    expect(c.reresolution.stats.updated).toBe(updated); // …none rewritten
    expect(rows()).toEqual(before);
    // Map A back (re-indented: the same content), then A once more: two rewrites, then none.
    expect((await upload(c, JSON.stringify(JSON.parse(mapText), null, 2))).status).toBe(201);
    await c.reresolution.idle();
    expect(c.reresolution.stats.updated).toBe(updated + 3);
    const withA = rows();
    expect(await upload(c, mapText).then((u) => u.status)).toBe(201);
    await c.reresolution.idle();
    expect(c.reresolution.stats.updated).toBe(updated + 3);
    expect(rows()).toEqual(withA);
  });

  it('a map for another file or release touches nothing; another release keeps the map it was resolved with', async () => {
    const other = minifiedError({ release: 'shop-1.9.0' });
    await ingest(c, [other]);
    await upload(c, mapText, { release: 'shop-1.9.0' });
    await c.reresolution.idle();
    expect(top(other.id)).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5 });
    const before = rows();
    const { updated } = c.reresolution.stats;
    const uploads = [await upload(c, mapB, { file: FILE2 }), await upload(c, mapB, { release: 'shop-9.9.9' })];
    expect(uploads.map((u) => u.status)).toEqual([201, 201]);
    await c.reresolution.idle();
    expect(c.reresolution.stats.updated).toBe(updated);
    expect(rows()).toEqual(before);
    // B for this release's file re-resolves this release's reports only.
    await upload(c, mapB);
    await c.reresolution.idle();
    expect(top(other.id)).toMatchObject({ file: 'demo/site/src/checkout.js', line: 5 });
    expect(c.reresolution.stats.updated).toBe(updated + 3);
  });

  it('re-resolves a report resolved before digests were kept (none stored) once, then leaves it', async () => {
    c.store.db.prepare('UPDATE occurrences SET map_digests = NULL').run();
    const { updated } = c.reresolution.stats;
    await upload(c, mapB);
    await c.reresolution.idle();
    // Written once (same frames, the digests added); the same map again: nothing.
    expect(c.reresolution.stats.updated).toBe(updated + 3);
    expect(rows().filter((r) => /** @type {any} */ (r).map_digests === null)).toHaveLength(1); // the other release's report
    await upload(c, mapB);
    await c.reresolution.idle();
    expect(c.reresolution.stats.updated).toBe(updated + 3);
  });
});

describe('what a map leaves alone', () => {
  it('a map for another file, another release or another app touches no stored report', async () => {
    const c = await start({ config: TWO_APPS });
    try {
      await ingest(c, [minifiedError(), minifiedError()]);
      const rows = storedOriginals(c);
      expect(rows.map((r) => r.original_frames)).toEqual([null, null]);
      const uploads = [
        await upload(c, mapText, { file: FILE2 }), // this release, another file
        await upload(c, mapText, { release: 'shop-9.9.9' }), // this file, another release
        await upload(c, mapText, { creds: credentials({ appId: OTHER_APP.appId, secret: OTHER_APP.appSecret }) }), // another app
      ];
      expect(uploads.map((u) => [u.status, u.json.reresolving])).toEqual([[201, 2], [201, 0], [201, 0]]);
      await c.reresolution.idle();
      expect(c.reresolution.stats).toMatchObject({ checked: 2, updated: 0 });
      expect(storedOriginals(c)).toEqual(rows);
      // The right map, then, does resolve them: the reports could be resolved all along.
      await upload(c, mapText);
      await c.reresolution.idle();
      expect(storedOriginals(c).every((r) => r.original_frames?.includes('totalOf'))).toBe(true);
    } finally { await c.close(); }
  });
});

describe('bounds', () => {
  it('checks at most the newest maxReports reports of the release, in batches of rowsPerBatch', async () => {
    const c = await start({ reresolve: { maxReports: 50, rowsPerBatch: 7 } });
    try {
      const items = Array.from({ length: 80 }, () => minifiedError());
      await ingest(c, items);
      expect((await upload(c, mapText)).json.reresolving).toBe(50);
      await c.reresolution.idle();
      const resolved = storedOriginals(c).map((r) => r.original_frames !== null);
      expect(resolved.slice(0, 30).every((x) => !x)).toBe(true); // the oldest 30 stay minified
      expect(resolved.slice(30).every(Boolean)).toBe(true);
      expect(c.reresolution.stats).toMatchObject({ jobs: 1, checked: 50, updated: 50 });
      expect(c.reresolution.stats.batches).toBeGreaterThanOrEqual(Math.ceil(50 / 7));
    } finally { await c.close(); }
  });

  it('queues at most maxPending releases: past it the map is stored, the answer says why nothing is re-resolved, and the same upload later does it', async () => {
    const c = await start({ reresolve: { rowsPerBatch: 1, maxPending: 1 } });
    try {
      for (let i = 0; i < 5; i++) await ingest(c, Array.from({ length: 200 }, () => minifiedError({ release: 'busy' })));
      for (const release of ['queued', 'refused']) await ingest(c, [minifiedError({ release }), minifiedError({ release })]);
      expect((await upload(c, mapText, { release: 'busy' })).json.reresolving).toBe(1000); // runs, a row per batch
      expect((await upload(c, mapText, { release: 'queued' })).json.reresolving).toBe(2); // waits: the one place in the queue
      const refused = await upload(c, mapText, { release: 'refused' });
      expect(refused.status).toBe(201);
      expect(refused.json).toMatchObject({ reresolving: 0, notReresolved: '1 release(s) are waiting to be re-resolved; upload this map again later' });
      await c.reresolution.idle();
      const byRelease = () => Object.fromEntries(['busy', 'queued', 'refused'].map((release) => [release,
        c.store.occurrences({ limit: 2000 }).filter((o) => o.release === release && o.originalFrames !== undefined).length]));
      expect(byRelease()).toEqual({ busy: 1000, queued: 2, refused: 0 });
      expect((await upload(c, mapText, { release: 'refused' })).json).toMatchObject({ reresolving: 2 });
      await c.reresolution.idle();
      expect(byRelease()).toEqual({ busy: 1000, queued: 2, refused: 2 });
    } finally { await c.close(); }
  });

  it('closing the collector mid-way stops the work without an error', async () => {
    const c = await start({ reresolve: { rowsPerBatch: 5 } });
    await ingest(c, Array.from({ length: 200 }, () => minifiedError()));
    expect((await upload(c, mapText)).json.reresolving).toBe(200);
    expect(c.reresolution.stats.running).toBe(true);
    await c.close();
    await c.reresolution.idle(); // settles: nothing left queued or running
    expect(c.reresolution.stats).toMatchObject({ jobs: 0, running: false, pending: 0 });
  });
});

describe('a storm of stored reports', () => {
  const REPORTS = 5000;
  const FRAMES = 20;
  const PER_BATCH_REQUEST = 50; // 20-frame items: 50 fit the 128 KiB batch limit
  const BIG_FILE = 'https://shop.test/assets/app.min.js';

  it(`re-resolves ${REPORTS} stored ${FRAMES}-frame reports against a 2.9 MB map in batches while the server keeps answering, and all again once the map is replaced`, async () => {
    // A real app's map: react-dom (development build, big sources) minified, with sourcesContent.
    const bundleFile = join(out, 'app.min.js');
    await build({ stdin: { contents: "import * as C from 'react-dom/client'; import * as S from 'react-dom/server.browser'; window.app = [C, S];", resolveDir: process.cwd() },
      outfile: bundleFile, bundle: true, minify: true, sourcemap: true, sourcesContent: true, logLevel: 'silent', define: { 'process.env.NODE_ENV': '"development"' } });
    const lines = readFileSync(bundleFile, 'utf8').split('\n');
    const bigMap = readFileSync(`${bundleFile}.map`, 'utf8');
    let seed = 7; // positions drawn the same way every run
    const random = (/** @type {number} */ n) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const frame = () => {
      const line = 1 + random(lines.length);
      return { file: BIG_FILE, line, column: 1 + random(Math.max(1, lines[line - 1].length)), function: 'x', inApp: true };
    };
    const c = await start();
    try {
      for (let i = 0; i < REPORTS / PER_BATCH_REQUEST; i++) {
        await ingest(c, Array.from({ length: PER_BATCH_REQUEST }, () => minifiedError({ message: `m${random(50)}`, frames: Array.from({ length: FRAMES }, frame) })));
      }
      const started = performance.now();
      const r = await upload(c, bigMap, { file: BIG_FILE });
      expect(r.json.reresolving).toBe(REPORTS);
      const loop = monitorEventLoopDelay({ resolution: 1 }); // from the answer on: the re-resolution's blocks
      loop.enable();

      // Meanwhile: a report is stored (and resolved on arrival) and the read API answers.
      await ingest(c, [minifiedError({ frames: [frame()] })]);
      const stats = await get(c, '/api/stats');
      const answeredMidway = c.reresolution.stats;
      expect(stats.occurrences).toBe(REPORTS + 1);
      expect(answeredMidway).toMatchObject({ jobs: 0, running: true });

      await c.reresolution.idle();
      const ms = performance.now() - started;
      loop.disable();
      const { list } = await getAll(c, '/api/occurrences?limit=1000');
      expect(list).toHaveLength(REPORTS + 1);
      const resolvedFrames = list.map((o) => (/** @type {any[] | undefined} */ (o.originalFrames) ?? []).filter((f) => typeof f.file === 'string').length);
      expect(resolvedFrames.every((n) => n > 0)).toBe(true);
      const done = c.reresolution.stats;
      expect(done).toMatchObject({ jobs: 1, checked: REPORTS, updated: REPORTS });
      expect(done.batches).toBeGreaterThanOrEqual(REPORTS / RERESOLVE_ROWS_PER_BATCH);
      // Generous: a batch stops after ~15 ms of work; a loaded machine stretches it.
      expect(done.longestBatchMs).toBeLessThan(500);
      console.log(`[reresolve] ${REPORTS} reports x ${FRAMES} frames, map ${Buffer.byteLength(bigMap)} B: ${Math.round(ms)} ms from the upload to the end `
        + `(${(ms / (REPORTS / 1000)).toFixed(0)} ms per 1000 reports), ${resolvedFrames.reduce((a, b) => a + b, 0)} frames resolved, ${done.batches} batches, `
        + `longest batch ${done.longestBatchMs.toFixed(1)} ms, longest event-loop delay after the answer ${(loop.max / 1e6).toFixed(1)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms)`);

      // The map replaced (the same build, its sources renamed under rebuilt/): every report
      // resolved with the old one is resolved again, within the same bounds.
      const old = JSON.parse(bigMap);
      const rebuilt = JSON.stringify({ ...old, sources: old.sources.map((/** @type {string} */ source) => `rebuilt/${source.replace(/^(\.\.\/)+/, '')}`) });
      const replacedAt = performance.now();
      expect((await upload(c, rebuilt, { file: BIG_FILE })).json.reresolving).toBe(REPORTS + 1);
      await c.reresolution.idle();
      const replacedMs = performance.now() - replacedAt;
      const again = c.reresolution.stats;
      expect(again).toMatchObject({ jobs: 2, checked: 2 * REPORTS + 1, updated: 2 * REPORTS + 1 });
      expect(again.longestBatchMs).toBeLessThan(500);
      const { list: replaced } = await getAll(c, '/api/occurrences?limit=1000');
      expect(replaced.every((o) => (/** @type {any[]} */ (o.originalFrames)).some((f) => typeof f.file === 'string' && f.file.startsWith('rebuilt/')))).toBe(true);
      console.log(`[reresolve] the map replaced: ${REPORTS + 1} reports re-resolved in ${Math.round(replacedMs)} ms, ${again.batches - done.batches} batches, longest batch so far ${again.longestBatchMs.toFixed(1)} ms`);
    } finally { await c.close(); }
  }, 120_000);
});
