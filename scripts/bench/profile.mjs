// Where Tracely's capture time goes: CPU profiles (V8 sampling profiler over CDP, 50 µs) of the
// capture window of a few extra Tracely loads (never the timed ones: profiling slows a page),
// self time summed per function, and every function of the inline bundle mapped back to
// src/ through dist/tracely.min.js.map. Browser-native work (GC, JSON, fetch internals) is
// listed under its own name.
import { readSourceMap } from './sourcemap.mjs';

export function summariseProfiles(results, sourceMap) {
  // The map read together with the bundle (build.mjs): dist/ may be rebuilt during the run.
  const lookup = sourceMap ? readSourceMap(sourceMap) : () => undefined;
  const self = new Map();
  let total = 0;
  for (const r of results) {
    const { profile, scripts } = r;
    // The SDK's script is the largest one parsed in the page (the inline bundle).
    const sdkScript = scripts.reduce((a, b) => (b.length > (a?.length ?? -1) ? b : a), undefined);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const counts = new Map();
    profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (profile.timeDeltas[i + 1] ?? 0)));
    for (const [id, us] of counts) {
      const node = byId.get(id);
      const cf = node.callFrame;
      if (cf.functionName === '(idle)' || cf.functionName === '(program)') continue;
      let key;
      if (sdkScript && cf.scriptId === sdkScript.scriptId) {
        const m = lookup(cf.lineNumber, cf.columnNumber);
        key = m ? `${m.source}:${m.line} ${m.name || cf.functionName || '(anonymous)'}` : `tracely.min.js ${cf.functionName}`;
        if (m?.text) key += `  — ${m.text.slice(0, 70)}`;
      } else if (!cf.url) {
        key = `${cf.functionName || '(anonymous)'} (native)`;
      } else {
        key = `${cf.functionName || '(anonymous)'} (page harness)`;
      }
      self.set(key, (self.get(key) || 0) + us);
      total += us;
    }
  }
  const n = results.length;
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).map(([fn, us]) => ({ fn, ms: us / 1000 / n }));
  return { totalMs: total / 1000 / n, rows };
}
