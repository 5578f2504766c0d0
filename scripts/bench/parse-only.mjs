// How much of Tracely's start is only reading the script: node scripts/bench/parse-only.mjs [loads]
// In fresh Chromium pages, the time from before the SDK's inline <script> to after it (median of
// `loads`, default 15), for the bundle as shipped, the same text wrapped in a function that is
// never called (V8 only pre-parses it: nothing runs), and the same text in a JS comment (the
// HTML parser reads it, V8 skips it), and the bundle with its IIFE out of parentheses (V8 then
// pre-parses it whole before the call parses it again). The start target of issue 9 (a third of the fastest peer,
// 4.9-5.7 ms in the runs of RESULTS.md) is to be read against the middle figure.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { TRACELY_DIST } from './build.mjs';
import { median } from './stats.mjs';

const LOADS = Number(process.argv[2] || 15);
const code = readFileSync(TRACELY_DIST, 'utf8').replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '');
const variants = {
  'as shipped (parse, compile, evaluate; no init)': code,
  'pre-parsed only (wrapped in a function never called)': `function neverCalled(){${code}}`,
  'in a comment (read by the HTML parser only)': `/*${code.replace(/\*\//g, '* /')}*/`,
  // rollup.config.js keeps the IIFE in parentheses (terser's wrap_iife): this is the bundle without them.
  'as shipped but the IIFE bare (`var Tracely=function(){...}()`)': bare(code),
};
function bare(text) {
  const out = text.replace(/^var Tracely=\(function\(\)/, 'var Tracely=function()').replace(/\}\)\(\);?\s*$/, '}();');
  if (out.length != text.length - 2) throw new Error('parse-only: the bundle does not start and end as expected');
  return out;
}
const names = Object.keys(variants);
const page = (script) => `<!doctype html><html><head><script>window.t0=performance.now()</script><script>${script}</script><script>window.t1=performance.now()</script></head><body></body></html>`;
const pages = names.map((name) => page(variants[name]));
const server = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(pages[Number(req.url.slice(1))] || ''));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = names.map(() => []);
try {
  // Interleaved, one warm-up round discarded: a slow spell on this shared machine hits all alike.
  for (let round = 0; round <= LOADS; round++) {
    for (let i = 0; i < names.length; i++) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${server.address().port}/${i}`);
      const ms = await tab.evaluate(() => window.t1 - window.t0);
      if (round) times[i].push(ms);
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`dist/tracely.min.js, ${Buffer.byteLength(code)} B; median of ${LOADS} fresh pages (Chromium ${browser.version()}):`);
names.forEach((name, i) => console.log(`  ${median(times[i]).toFixed(1).padStart(5)} ms  ${name}`));
