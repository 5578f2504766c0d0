// Prints the gzip size of every bundle and fails when the script-tag bundle is over budget.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export const SCRIPT_TAG_BUDGET = 10 * 1024;
const dir = new URL(`../${process.env.TRACELY_OUT || 'dist'}/`, import.meta.url);
const files = readdirSync(dir).filter((f) => /\.(m?js|cjs)$/.test(f));
let over = false;
console.log('bundle                         raw bytes   gzip bytes');
for (const file of files.sort()) {
  const code = readFileSync(new URL(file, dir));
  const gz = gzipSync(code, { level: 9 }).length;
  const budget = file === 'tracely.min.js' ? SCRIPT_TAG_BUDGET : undefined;
  const flag = budget ? (gz > budget ? `  OVER budget ${budget}` : `  (budget ${budget})`) : '';
  if (budget && gz > budget) over = true;
  console.log(`${file.padEnd(30)} ${String(code.length).padStart(9)}   ${String(gz).padStart(10)}${flag}`);
}
if (over) {
  console.error('size: the script-tag bundle is over its gzip budget');
  process.exit(1);
}
