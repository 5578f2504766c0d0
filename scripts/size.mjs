// Prints the gzip size of every bundle and fails when the script-tag bundle is over budget.
// The consent-manager helpers (consent/) are separate entries: each IIFE (.min.js) is what a
// script-tag page adds for that helper, and its size is reported on its own.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

// The budget in force with every feature (issues 2-5): 16 KiB gzip for the script-tag bundle.
export const SCRIPT_TAG_BUDGET = 16 * 1024;
const dir = new URL(`../${process.env.TRACELY_OUT || 'dist'}/`, import.meta.url);
const list = (sub, pattern) => (existsSync(new URL(sub, dir)) ? readdirSync(new URL(sub, dir)).filter((f) => pattern.test(f)).sort().map((f) => sub + f) : []);
const files = [...list('', /\.(m?js|cjs)$/), ...list('consent/', /\.min\.js$/)];
let over = false;
console.log(`${"bundle".padEnd(36)} raw bytes   gzip bytes`);
for (const file of files) {
  const code = readFileSync(new URL(file, dir));
  const gz = gzipSync(code, { level: 9 }).length;
  const budget = file === 'tracely.min.js' ? SCRIPT_TAG_BUDGET : undefined;
  const flag = budget ? (gz > budget ? `  OVER budget ${budget}` : `  (budget ${budget})`) : '';
  if (budget && gz > budget) over = true;
  console.log(`${file.padEnd(36)} ${String(code.length).padStart(9)}   ${String(gz).padStart(10)}${flag}`);
}
if (over) {
  console.error('size: the script-tag bundle is over its gzip budget');
  process.exit(1);
}
