import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const r = await build({
  stdin: { contents: `import { Client } from './src/index.ts'; new Client({appId:'a',appSecret:'s',host:'https://x'}).init().reportError(new Error('b'),'c');`, resolveDir: process.cwd(), loader: 'js' },
  bundle: true, minify: true, write: false, metafile: true, format: 'iife', target: 'es2020',
});
const out = Object.values(r.metafile.outputs)[0];
const rows = Object.entries(out.inputs).map(([k, v]) => [k, v.bytesInOutput]).sort((a, b) => b[1] - a[1]);
let tot = 0; for (const [, b] of rows) tot += b;
console.log('total raw', tot, 'gzip', gzipSync(r.outputFiles[0].contents, { level: 9 }).length);
for (const [k, b] of rows.slice(0, 60)) console.log(String(b).padStart(6), k);
