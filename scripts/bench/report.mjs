// The table: printed to stdout and written, dated, to scripts/bench/RESULTS.md.
import { writeFileSync } from 'node:fs';
import { median, countSpread } from './stats.mjs';

const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
const ratio = (x, best) => (Number.isFinite(x) && best > 0 ? `${(x / best).toFixed(2)}×` : '—');
const bytes = (n) => n.toLocaleString('en-US').replace(/,/g, ' ');
const isOurs = (row) => row.sdk.name.startsWith('tracely');
/** A peer: neither a Tracely row nor the floor reference (sdks/floor.js). */
const isPeer = (row) => !isOurs(row) && !row.sdk.reference;

/** byName and starts: SDK name -> [result...] of the full and the start-only loads; control: [result...] */
export function summarise(sdks, byName, control, starts = new Map()) {
  const controlLoad = median(control.map((r) => r.loadTaskMs));
  const rows = sdks.map((sdk) => {
    const loads = byName.get(sdk.name);
    const started = loads.concat(starts.get(sdk.name) || []);
    return {
      sdk,
      n: loads.length,
      nStart: started.length,
      start: median(started.map((r) => r.startMs)),
      evaluate: median(started.map((r) => r.evaluateMs)),
      init: median(started.map((r) => r.initMs)),
      startAll: median(loads.map((r) => r.loadTaskMs)) - controlLoad,
      capture: median(loads.map((r) => r.captureMs)),
      captureSync: median(loads.map((r) => r.captureSyncMs)),
      baseline: median(loads.map((r) => r.baselineMs)),
      requests: countSpread(loads.map((r) => r.captureRequests)),
      startRequests: countSpread(loads.map((r) => r.startRequests)),
    };
  });
  const peers = rows.filter(isPeer);
  const best = {
    start: Math.min(...peers.map((r) => r.start)),
    startAll: Math.min(...peers.map((r) => r.startAll)),
    capture: Math.min(...peers.map((r) => r.capture)),
  };
  return { rows, best, controlLoad };
}

export function renderTable({ rows, best }) {
  const head = [
    '| SDK | gzip bytes | start ms (median) | start ratio | 100 captures ms (median) | capture ratio | requests in capture window | start incl. deferred, CDP ms | captures, synchronous part ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const lines = rows.map(
    (r) =>
      `| ${r.sdk.label} | ${bytes(r.sdk.gzipBytes)} | ${ms(r.start)} | ${ratio(r.start, best.start)} | ${ms(r.capture)} | ${ratio(r.capture, best.capture)} | ${r.requests} | ${ms(r.startAll)} | ${ms(r.captureSync)} |`,
  );
  return [...head, ...lines].join('\n');
}

export function verdicts({ rows, best }) {
  const fastest = (key) => rows.filter(isPeer).sort((a, b) => a[key] - b[key])[0];
  const line = (what, key, name) => {
    const us = rows.find((r) => r.sdk.name === name);
    const peer = fastest(key);
    const limit = best[key] / 3;
    const pass = us[key] <= limit;
    return `${pass ? 'PASS' : 'FAIL'}: ${what}: ${us.sdk.label} ${ms(us[key])} ms ≤ 1/3 of the fastest peer (${peer.sdk.label}, ${ms(best[key])} ms → limit ${ms(limit)} ms): ratio ${(us[key] / best[key]).toFixed(2)}`;
  };
  return [line('start', 'start', 'tracely'), line('100 captures', 'capture', 'tracely'), line('100 captures', 'capture', 'tracely-batch')];
}

export function writeResults(path, { meta, table, verdictLines, notes, profileText, tailText }) {
  const text = `# Benchmark: Tracely beside its peers

Written by \`npm run bench\` (scripts/bench/run.mjs); the latest run replaces this file.

- Date: ${meta.date}
- Browser: ${meta.browser} (headless, Debian's /usr/bin/chromium)
- Loads: ${meta.loads} measured page loads per SDK (plus ${meta.warmup} warm-up), interleaved across SDKs, each in a fresh browser context, and ${meta.startLoads} start-only loads per SDK (the start columns' medians are over all ${meta.loads + meta.startLoads}); medians
- Capture window: the 100 calls + ${meta.windowMs} ms; start-up settle: ${meta.settleMs} ms
- Tracely: dist/tracely.min.js built ${meta.tracelyBuilt}, git ${meta.commit}
- Machine: ${meta.machine}

${table}

${verdictLines.map((l) => `- ${l}`).join('\n')}

${notes}
${tailText ? `\n${tailText}\n` : ''}${profileText ? `\n${profileText}\n` : ''}`;
  writeFileSync(path, text);
}
