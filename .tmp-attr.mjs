import { readFileSync } from 'node:fs';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
function attribute(code, map) {
  const lines = code.split('\n');
  const t = new TraceMap(map);
  const per = {}; let prev = null;
  const segs = [];
  eachMapping(t, (m) => segs.push(m));
  segs.sort((a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn);
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i], n = segs[i + 1];
    const end = n && n.generatedLine === s.generatedLine ? n.generatedColumn : lines[s.generatedLine - 1].length;
    const src = (s.source || '?').replace(/.*?(src\/|node_modules\/)/, '$1');
    per[src] = (per[src] || 0) + (end - s.generatedColumn);
  }
  return Object.entries(per).sort((a, b) => b[1] - a[1]);
}
const which = process.argv[2];
let code, map;
if (which === 'tag') { code = readFileSync('dist/tracely.min.js', 'utf8'); map = JSON.parse(readFileSync('dist/tracely.min.js.map', 'utf8')); }
else {
  const r = await build({ stdin: { contents: `import { Client } from './dist/index.mjs'; new Client({appId:'a',appSecret:'s',host:'https://x'}).init().reportError(new Error('b'),'c');`, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, write: false, sourcemap: 'external', outfile: 'o.js', format: 'esm' });
  code = r.outputFiles.find((f) => f.path.endsWith('o.js')).text;
  const m1 = JSON.parse(r.outputFiles.find((f) => f.path.endsWith('.map')).text);
  const { default: remapping } = await import('@jridgewell/remapping');
  map = remapping(m1, (file) => file.endsWith('index.mjs') ? readFileSync('dist/index.mjs.map', 'utf8') : null);
  console.log('gzip', gzipSync(code, { level: 9 }).length, 'raw', code.length);
}
const rows = attribute(code, map); let tot = 0; for (const [, b] of rows) tot += b;
console.log('attributed', tot, 'of', code.length);
for (const [k, b] of rows.slice(0, +(process.argv[3] || 45))) console.log(String(b).padStart(6), k);
