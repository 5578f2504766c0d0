// npm run bench [-- --loads 7 --start-loads 24 --window 5000 --settle 3000 --tail 135000 --profile 3]
//
// Tracely beside @sentry/browser (errors only), @datadog/browser-logs and @grafana/faro-web-sdk,
// all in one Chromium run: size (gzip), start (script start to end of init) and 100 distinct
// error captures (including the work each SDK defers to later tasks). A report, not a test:
// it prints PASS/FAIL for the project's targets and exits 0. How each part works: build.mjs
// (bundles), page.mjs (the page and how start is timed), measure.mjs (what each load measures),
// sink.mjs (where reports go), profile.mjs (where Tracely's capture time goes).
//
// Noise: this machine is shared. Each round loads every SDK once, in an order shuffled from
// round to round (seeded, so a run can be repeated), so a slow spell hits all SDKs alike and no
// SDK always follows the same one; a warm-up round (discarded) pays the browser's own first-use
// costs; figures are medians, targets are ratios within this run.
import { execSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { buildAll } from './build.mjs';
import { startSink } from './sink.mjs';
import { startPageServer } from './page.mjs';
import { measureLoad } from './measure.mjs';
import { summarise, renderTable, verdicts, writeResults } from './report.mjs';
import { summariseProfiles } from './profile.mjs';
import { median, countSpread, shuffled } from './stats.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg('loads', 7); // fewer than 7 only to try the script out: the issue asks for at least 7
// Start is a few milliseconds, and 7 loads left its median moving by more than the target's
// margin between runs (0.35x and 0.47x of the same peer on the same code): start-only loads
// (no capture window, a second each) add to the start medians. 0 with --loads 0 prints start alone.
const START_LOADS = arg('start-loads', 24);
const WARMUP = 1;
const WINDOW_MS = arg('window', 5000);
const SETTLE_MS = arg('settle', 3000);
const TAIL_MS = arg('tail', 135_000);
const PROFILE_LOADS = arg('profile', 3);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));

const { sdks, none } = await buildAll();
const sink = await startSink();
const pages = await startPageServer();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const opts = { sink, pages, settleMs: SETTLE_MS, windowMs: WINDOW_MS };
const started = Date.now();
const log = (...a) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s]`, ...a);

try {
  log(`Chromium ${browser.version()}; page ${pages.origin}, sink ${sink.url('…')}`);
  for (const s of sdks) log(`${s.label}: ${s.rawBytes} B, ${s.gzipBytes} B gzip`);

  const byName = new Map(sdks.map((s) => [s.name, []]));
  const control = [];
  const all = [none, ...sdks];
  for (let round = 0; round < WARMUP + LOADS; round++) {
    const order = shuffled(all, round);
    for (const sdk of order) {
      const r = await measureLoad(browser, sdk, { ...opts, capture: sdk !== none && LOADS > 0 });
      if (round < WARMUP) continue;
      (sdk === none ? control : byName.get(sdk.name)).push(r);
      if (sdk !== none) {
        log(`round ${round}/${LOADS} ${sdk.name.padEnd(8)} start ${r.startMs.toFixed(1)} ms (CDP load ${r.loadTaskMs.toFixed(1)}), captures ${r.captureMs.toFixed(1)} ms (sync ${r.captureSyncMs.toFixed(1)}, baseline ${r.baselineMs.toFixed(1)}), ${r.captureRequests} requests`);
        if (r.pageErrors.length) log(`  page errors: ${r.pageErrors.join(' | ')}`);
      }
    }
  }

  // Start-only loads, shuffled the same way (seeds after the capture rounds'): they join the
  // start, evaluate and init medians, not the CDP or capture columns.
  const starts = new Map(sdks.map((s) => [s.name, []]));
  for (let round = 0; round < START_LOADS; round++) {
    for (const sdk of shuffled(sdks, WARMUP + LOADS + round)) starts.get(sdk.name).push(await measureLoad(browser, sdk, { ...opts, startOnly: true }));
    if (round % 8 == 7 || round == START_LOADS - 1) log(`start-only round ${round + 1}/${START_LOADS}: ` + sdks.map((s) => `${s.name} ${median(starts.get(s.name).map((r) => r.startMs)).toFixed(1)}`).join(', '));
  }
  if (!LOADS) {
    console.log(`\nStart only (${START_LOADS} loads each, medians; not written to RESULTS.md):`);
    for (const s of sdks) console.log(`${s.label.padEnd(44)} start ${median(starts.get(s.name).map((r) => r.startMs)).toFixed(2)} ms (evaluate ${median(starts.get(s.name).map((r) => r.evaluateMs)).toFixed(2)} + init ${median(starts.get(s.name).map((r) => r.initMs)).toFixed(2)})`);
    await browser.close();
    process.exit(0);
  }

  // The tail check: one more load per SDK whose capture is followed by TAIL_MS more, to show
  // what each SDK still does after the window (Tracely paces at 30 requests a minute, Datadog
  // flushes on a 30 s timer). These loads run side by side (they are mostly idle); their
  // figures are a check, not part of the ratios.
  let tailText = '';
  if (TAIL_MS > 0) {
    log(`tail check: ${TAIL_MS / 1000} s after the window, one load per SDK, side by side`);
    const tails = await Promise.all(sdks.map((s, i) => new Promise((r) => setTimeout(r, i * 1500)).then(() => measureLoad(browser, s, { ...opts, tailMs: TAIL_MS }))));
    tailText = [
      `Tail check (one load each, side by side): after the ${WINDOW_MS} ms window, over ${TAIL_MS / 1000} s more, net of the idle baseline:`,
      '',
      '| SDK | more main-thread ms | more requests |',
      '| --- | ---: | ---: |',
      ...tails.map((t, i) => `| ${sdks[i].label} | ${t.tailMs.toFixed(1)} | ${t.tailRequests} |`),
    ].join('\n');
  }

  let profileText = '';
  if (PROFILE_LOADS > 0) {
    // Both dialects: the stock profile shows the protocol's per-report requests, the batch one
    // the SDK's own work.
    const parts = [];
    for (const name of ['tracely', 'tracely-batch']) {
      const tracely = sdks.find((s) => s.name === name);
      log(`profiling ${tracely.label}'s capture window over ${PROFILE_LOADS} extra loads`);
      const profiled = [];
      for (let i = 0; i < PROFILE_LOADS; i++) profiled.push(await measureLoad(browser, tracely, { ...opts, profile: true }));
      const { totalMs, rows } = summariseProfiles(profiled, tracely.sourceMap);
      parts.push([
        `Where ${tracely.label}'s capture time goes (CPU profile, 50 µs sampling, mean of ${PROFILE_LOADS} profiled loads; ${totalMs.toFixed(1)} ms sampled busy in the window; self time):`,
        '',
        '| self ms | function |',
        '| ---: | --- |',
        ...rows.slice(0, 15).map((r) => `| ${r.ms.toFixed(2)} | ${r.fn.replace(/\|/g, '\\|')} |`),
      ].join('\n'));
    }
    profileText = parts.join('\n\n');
  }

  const summary = summarise(sdks, byName, control, starts);
  const table = renderTable(summary);
  const verdictLines = verdicts(summary);
  const startRequests = summary.rows.map((r) => `${r.sdk.name} ${r.startRequests}`).join(', ');
  const tracelyRow = summary.rows.find((r) => r.sdk.name === 'tracely');
  const notes = [
    'Columns:',
    '- gzip bytes: `gzip -9` of the inline script (the minified IIFE plus its ~0.1 KB bench adapter; ' +
      `dist/tracely.min.js alone: ${sdks[0].bundleGzip} B).`,
    '- start: performance.now() around the SDK\'s inline script: parse, compile, evaluation and init(), one task. ' +
      `Tracely: evaluate ${tracelyRow.evaluate.toFixed(1)} ms + init ${tracelyRow.init.toFixed(1)} ms (medians). ` +
      summary.rows.filter((r) => r.sdk.name !== 'tracely').map((r) => `${r.sdk.name}: ${r.evaluate.toFixed(1)} + ${r.init.toFixed(1)}`).join(', ') + '.',
    `- start incl. deferred, CDP: main-thread task time (Performance.getMetrics TaskDuration) of the whole load up to ${SETTLE_MS} ms after the load event, minus the same for the control page without SDK (${summary.controlLoad.toFixed(1)} ms): catches start-up work an SDK moves out of init().`,
    `- 100 captures: TaskDuration over the 100 calls + ${WINDOW_MS} ms, minus a baseline window measured the same way in the same page (a no-op loop): the calls and every task they caused (building, serialising, signing, sending, GC). Ratios are to the fastest peer in this run.`,
    `- requests in capture window: POSTs the sink received from that load in the window, median (min–max); during start-up: ${startRequests}.`,
    '- Peers as configured in scripts/bench/sdks/*.js: Sentry default integrations (no tracing, no replay); Datadog browser-logs, forwardErrorsToLogs, proxy to the sink, `logger.error(message, {}, error)`; Faro default web instrumentations minus PerformanceInstrumentation, `faro.api.pushError(error)`. Tracely: defaults (stock dialect, 30 requests a minute), `reportError(error)`; the batch row adds `dialect: \'batch\'` and nothing else.',
  ].join('\n');

  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: here('../../') }).toString().trim();
    if (execSync('git status --porcelain -- src', { cwd: here('../../') }).toString().trim()) commit += ' (src/ has uncommitted changes)';
  } catch {}
  const meta = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    browser: `Chromium ${browser.version()}`,
    loads: LOADS,
    startLoads: START_LOADS,
    warmup: WARMUP,
    windowMs: WINDOW_MS,
    settleMs: SETTLE_MS,
    tracelyBuilt: sdks[0].builtAt.toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    commit,
    machine: `${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end (shared)`,
  };
  console.log(`\n${table}\n\n${verdictLines.join('\n')}\n`);
  if (tailText) console.log(`${tailText}\n`);
  if (profileText) console.log(`${profileText}\n`);
  writeResults(here('RESULTS.md'), { meta, table, verdictLines, notes, profileText, tailText });
  log('written to scripts/bench/RESULTS.md');
} finally {
  await browser.close();
  await sink.close();
  await pages.close();
}
