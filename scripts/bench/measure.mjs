// One page load of one SDK, in a fresh browser context (nothing cached, no storage, no
// compiled code shared with another load), measured three ways:
//
// 1. start: performance.now() around appending the SDK's inline script (see page.mjs): its
//    parse + compile + evaluation + init(), all synchronous, one task. This is the headline.
//    A start-only load (startOnly) measures this alone and leaves.
// 2. start check (CDP): Performance.getMetrics TaskDuration from before the navigation to
//    SETTLE ms after the load event: every main-thread task of the load, including whatever
//    the SDK deferred after init() (idle-time installs, timers, first sends). The runner
//    subtracts the control page's figure, so a large gap between 1 and 2 means an SDK moves
//    start-up work out of init() (which 1 alone would miss).
// 3. captures: the 100 errors are made (thrown and caught) before anything is timed; then
//      baseline: TaskDuration over [evaluate a no-op loop over the errors] + WINDOW ms
//      capture:  TaskDuration over [evaluate the capture loop]           + WINDOW ms
//    and the cost is capture - baseline: the calls themselves plus every task they caused in
//    the window (deferred report building, serialising, signing, fetch and its callbacks,
//    GC), net of the page's and the SDK's idle activity and of the harness (same window,
//    same CDP calls). The synchronous part alone (performance.now() around the loop) is kept too.
//
// TaskDuration is wall time of the renderer's main-thread tasks (timeDomain "timeTicks"), like
// performance.now(): a task blocked on a synchronous IPC (localStorage, document.cookie) keeps
// the page from responding just as much as computing does, and thread CPU time would miss it.
// The price is noise from this shared machine; medians over interleaved loads absorb it.
import { randomBytes } from 'node:crypto';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (n) => metrics.find((m) => m.name === n)?.value ?? NaN;
  return { task: get('TaskDuration'), script: get('ScriptDuration') };
}

export async function measureLoad(browser, sdk, { sink, pages, settleMs, windowMs, capture = true, profile = false, tailMs = 0, startOnly = false }) {
  const token = `${sdk.name}-${randomBytes(6).toString('hex')}`;
  const url = pages.add(token, sdk.code, sink.url(token));
  const context = await browser.newContext();
  const result = { sdk: sdk.name, token };
  try {
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('pageerror', (e) => consoleErrors.push(String(e.message || e)));
    const cdp = await context.newCDPSession(page);
    await page.goto(`${pages.origin}/blank`);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    let scripts;
    if (profile) {
      scripts = [];
      cdp.on('Debugger.scriptParsed', (s) => scripts.push(s));
      await cdp.send('Debugger.enable');
    }

    const m0 = await taskSeconds(cdp);
    const navAt = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    // A start-only load reads the inline script's timing and leaves: no settle, no CDP check.
    if (startOnly) {
      const start = await page.evaluate(() => window.__benchStart);
      if (!start?.ok) throw new Error(`${sdk.name}: init did not complete (${consoleErrors.join('; ')})`);
      return Object.assign(result, { startMs: start.total, evaluateMs: start.evaluate, initMs: start.init, pageErrors: consoleErrors });
    }
    await sleep(settleMs);
    const m1 = await taskSeconds(cdp);
    const start = await page.evaluate(() => window.__benchStart);
    if (!start?.ok) throw new Error(`${sdk.name}: init did not complete (${consoleErrors.join('; ')})`);
    result.startMs = start.total;
    result.evaluateMs = start.evaluate;
    result.initMs = start.init;
    result.loadTaskMs = (m1.task - m0.task) * 1000;
    result.loadScriptMs = (m1.script - m0.script) * 1000;
    result.startRequests = sink.count(token, navAt, performance.now());
    if (!capture) return result;

    const made = await page.evaluate(() => window.__bench.make());
    if (made !== 100) throw new Error(`${sdk.name}: made ${made} errors`);
    await sleep(200);

    const b0 = await taskSeconds(cdp);
    await page.evaluate(() => window.__bench.noopAll());
    await sleep(windowMs);
    const b1 = await taskSeconds(cdp);

    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    }
    const c0 = await taskSeconds(cdp);
    const capAt = performance.now();
    result.captureSyncMs = await page.evaluate(() => window.__bench.captureAll());
    await sleep(windowMs);
    const c1 = await taskSeconds(cdp);
    const capEnd = performance.now();
    if (profile) {
      result.profile = (await cdp.send('Profiler.stop')).profile;
      result.scripts = scripts;
    }
    result.baselineMs = (b1.task - b0.task) * 1000;
    result.captureRawMs = (c1.task - c0.task) * 1000;
    result.captureMs = result.captureRawMs - result.baselineMs;
    result.captureRequests = sink.count(token, capAt, capEnd);

    if (tailMs) {
      // The tail check: what the SDK still does after the window (paced or timed sends), over
      // tailMs more, net of the baseline rate measured above.
      await sleep(tailMs);
      const c2 = await taskSeconds(cdp);
      result.tailMs = (c2.task - c1.task) * 1000 - result.baselineMs * (tailMs / windowMs);
      result.tailRequests = sink.count(token, capEnd, performance.now());
    }
    result.pageErrors = consoleErrors;
    return result;
  } finally {
    await context.close();
    pages.drop(token);
  }
}
