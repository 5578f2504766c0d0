// A minimal source-map reader (version 3, one generated file): enough to turn a position in
// dist/tracely.min.js into the source file, line and name it came from.
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(text) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Returns lookup(line0, col0) -> { source, line (1-based), column, name, text } or undefined. */
export function readSourceMap(map) {
  const lines = [];
  let src = 0, oLine = 0, oCol = 0, name = 0;
  for (const lineText of map.mappings.split(';')) {
    let gCol = 0;
    const segs = [];
    for (const segText of lineText ? lineText.split(',') : []) {
      const f = decodeVlq(segText);
      gCol += f[0];
      if (f.length >= 4) {
        src += f[1]; oLine += f[2]; oCol += f[3];
        if (f.length >= 5) name += f[4];
        segs.push({ gCol, src, oLine, oCol, name: f.length >= 5 ? map.names[name] : undefined });
      }
    }
    lines.push(segs);
  }
  return function lookup(line, col) {
    const segs = lines[line];
    if (!segs?.length) return undefined;
    let lo = 0, hi = segs.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (segs[mid].gCol <= col) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    const s = segs[best];
    // The nearest named segment at or just after the position names the function.
    let named = s.name;
    for (let i = best; !named && i < Math.min(segs.length, best + 4); i++) named = segs[i].name;
    const source = map.sources[s.src];
    const text = map.sourcesContent?.[s.src]?.split('\n')[s.oLine]?.trim();
    return { source: source.replace(/^(\.\.\/)+/, ''), line: s.oLine + 1, column: s.oCol, name: named, text };
  };
}
