// Builds dist/: ES module and CommonJS for bundlers and Node (dependencies stay external,
// so the app's bundler dedupes them), one bundled .d.ts, and the minified script-tag IIFE
// that carries everything and defines window.Tracely.
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

// TRACELY_OUT lets parallel work build into separate folders; the package ships dist/.
const out = process.env.TRACELY_OUT || 'dist';
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = (id) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(dep + '/'));
// error-stack-parser is bundled, with `stackframe` resolved to the SDK's own few lines
// (src/report/stackframe.cjs): its getters, setters and checks are ~2 KB no page needs.
const stackframe = () => ({
  name: 'stackframe',
  resolveId: (id) => (id === 'stackframe' ? fileURLToPath(new URL('./src/report/stackframe.cjs', import.meta.url)) : null),
});
// error-stack-parser's Opera branches (parseOpera, parseOpera9/10/11) are unreachable here:
// they run only for an error with `stacktrace` or `opera#sourceloc`, and stack.ts passes an
// object with `stack`, `message` and `name` alone. The build drops them (~450 B gzip); the
// check fails the build if the pinned source ever changes shape.
const OPERA_BRANCH = `if (typeof error.stacktrace !== 'undefined' || typeof error['opera#sourceloc'] !== 'undefined') {
                return this.parseOpera(error);
            } else if`;
const OPERA_METHODS = /\n\s*parseOpera: function[\s\S]*(?=\n {4}};\n}\)\);\s*$)/;
// Its methods other than `parse` are called only through `this`: named like the SDK's own
// internals (`_x`), the minifier shortens them (-20 B gzip).
const INTERNAL_METHODS = /\b(extractLocation|parseV8OrIE|parseFFOrSafari)\b/g;
// What it throws for a stack it cannot read is caught by stack.ts, which reads nothing of it
// (the report goes without frames): the message is left out (-21 B gzip).
const UNREAD_MESSAGE = "new Error('Cannot parse given Error object')";
const stackParser = () => ({
  name: 'error-stack-parser-trim',
  transform(code, id) {
    if (!/[\\/]error-stack-parser[\\/]error-stack-parser\.js$/.test(id)) return null;
    if (!code.includes(OPERA_BRANCH) || !OPERA_METHODS.test(code) || !code.includes(UNREAD_MESSAGE)) this.error('error-stack-parser changed: review its trims in rollup.config.js');
    const out = code.replace(OPERA_BRANCH, 'if').replace(OPERA_METHODS, '').replace(INTERNAL_METHODS, '_$1').replace(UNREAD_MESSAGE, 'new Error()');
    if (out.includes('Opera')) this.error('error-stack-parser: Opera code left after the trim');
    return { code: out, map: null };
  },
});
// error-stack-parser, the one CommonJS module bundled, sets no __esModule: its module.exports is
// its default export as it is, without the interop helper that would check (-40 B gzip).
const cjs = () => commonjs({ strictRequires: false, defaultIsModuleExports: true });
const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { declaration: false } });
// Every source in these maps is the SDK's: DevTools skips ignore-listed frames, so a console
// call the SDK wraps (console breadcrumbs) still shows the page's own call site.
const ignoreList = () => true;
const CONSENT_HELPERS = ['tcf', 'google-consent-mode', 'onetrust', 'cookiebot'];
const consentInputs = Object.fromEntries(CONSENT_HELPERS.map((name) => [name, `src/integrations/consent/${name}.ts`]));
// Names of other libraries' properties that look like the SDK's own (`_x`): never shortened.
const FOREIGN_PROPERTIES = ['_componentTag'];
// web-vitals' option and internal names, read and written only inside the bundle (the SDK's
// options object, web-vitals' visibility watcher; no browser API has them): shortened like the
// SDK's own (-31 B gzip).
const BUNDLED_NAMES = ['reportAllChanges', 'firstHiddenTime', 'onHidden'];
const SHORTENED = new RegExp(`^_[a-z]|^(${BUNDLED_NAMES.join('|')})$`);
// wrap_iife keeps the bundle's IIFE in parentheses, which V8 takes as "called at once" and
// compiles in the first pass; bare (`var Tracely=function(){...}()`) it is pre-parsed whole,
// then parsed again when the call comes. +24 B gzip; evaluating the script tag costs 0.7-1.6 ms
// less (4.6 -> 3.0 ms, 5.6 -> 4.9 ms; in 4 of 5 A/B runs of 30-60 fresh pages each, the fifth
// even; Chromium 156): `node scripts/bench/parse-only.mjs` times both.
// unsafe_arrows: a function expression that uses neither `this` nor `arguments` (none is
// called with `new`) is written as an arrow, -32 B gzip on tracely.min.js.
const minify = () =>
  terser({ ecma: 2020, compress: { passes: 3, unsafe_arrows: true }, mangle: { properties: { regex: SHORTENED, reserved: FOREIGN_PROPERTIES } }, format: { comments: false, wrap_iife: true } });

// The npm entry's internal names (`_capture`, `_install`, ...; the public API has none) shortened
// as the script tag's are: an app's bundler keeps property names as written, so each cost every
// app its full length, every time it appears (the errors-only app 15 393 -> 14 968 B gzip). Only
// `_x` names (web-vitals is external here: its option names are its API). esbuild renames them
// and nothing else: variables and layout stay readable (comments go), the source map leads back.
const FOREIGN = new RegExp(`^(${FOREIGN_PROPERTIES.join('|')})$`);
const shortenInternalNames = () => ({
  name: 'shorten-internal-names',
  async renderChunk(code) {
    const result = await transform(code, { mangleProps: /^_[a-z]/, reserveProps: FOREIGN, sourcemap: true, loader: 'js', charset: 'utf8' });
    return { code: result.code, map: result.map };
  },
});

// The async loader (src/loader): a snippet to paste inline. After it is written the build prints
// it, its gzip size and the SRI hash of the script-tag bundle it loads (data-integrity).
const printLoader = () => ({
  name: 'print-loader',
  writeBundle() {
    const code = readFileSync(`${out}/loader.min.js`, 'utf8').trim();
    const sri = 'sha384-' + createHash('sha384').update(readFileSync(`${out}/tracely.min.js`)).digest('base64');
    console.log(`loader: ${Buffer.byteLength(code)} B, ${gzipSync(code, { level: 9 }).length} B gzip; tracely.min.js integrity="${sri}"`);
    console.log(`<script data-src="https://YOUR-CDN/tracely.min.js" data-integrity="${sri}">${code}</script>`);
  },
});

export default [
  {
    input: 'src/index.ts',
    external,
    output: [
      { file: `${out}/index.mjs`, format: 'es', sourcemap: true, sourcemapIgnoreList: ignoreList, plugins: [shortenInternalNames()] },
      { file: `${out}/index.cjs`, format: 'cjs', sourcemap: true, sourcemapIgnoreList: ignoreList, exports: 'named', plugins: [shortenInternalNames()] },
    ],
    plugins: [stackframe(), stackParser(), resolve({ browser: true }), cjs(), ts()],
  },
  {
    input: 'src/browser.ts',
    output: { file: `${out}/tracely.min.js`, format: 'iife', name: 'Tracely', exports: 'default', sourcemap: true, sourcemapIgnoreList: ignoreList },
    plugins: [stackframe(), stackParser(), resolve({ browser: true }), cjs(), ts(), minify()],
  },
  // The OpenTelemetry script tag: the same, plus trace context and the OTLP dialect.
  {
    input: 'src/browser-otel.ts',
    output: { file: `${out}/tracely.otel.min.js`, format: 'iife', name: 'Tracely', exports: 'default', sourcemap: true, sourcemapIgnoreList: ignoreList },
    plugins: [stackframe(), stackParser(), resolve({ browser: true }), cjs(), ts(), minify()],
  },
  // React (`@tracely/browser/react`): an entry of its own, `react` an optional peer left external.
  {
    input: 'src/integrations/react/index.ts',
    external: (id) => id === 'react' || id.startsWith('react/'),
    output: [
      { file: `${out}/react.mjs`, format: 'es' },
      { file: `${out}/react.cjs`, format: 'cjs', exports: 'named' },
    ],
    plugins: [ts()],
  },
  {
    input: 'src/integrations/react/index.ts',
    external: (id) => id === 'react' || id.startsWith('react/'),
    output: [
      { file: `${out}/react.d.ts`, format: 'es' },
      { file: `${out}/react.d.cts`, format: 'es' },
    ],
    plugins: [dts()],
  },
  {
    input: 'src/loader/loader.ts',
    output: { file: `${out}/loader.min.js`, format: 'iife' },
    plugins: [ts(), minify(), printLoader()],
  },
  {
    input: 'src/index.ts',
    external,
    // The same declarations twice: .d.ts for ESM, .d.cts for CommonJS (a TypeScript project with
    // "type": "commonjs" and module node16 reads the latter; one file cannot serve both).
    output: [
      { file: `${out}/index.d.ts`, format: 'es' },
      { file: `${out}/index.d.cts`, format: 'es' },
    ],
    plugins: [dts()],
  },
  // Consent-manager helpers: entries of their own (`@tracely/browser/consent/tcf`...), never in
  // the script-tag bundle. ESM and CommonJS first; each IIFE is then made from its ESM file
  // and adds its function to window.TracelyConsent.
  {
    input: consentInputs,
    output: [
      { dir: `${out}/consent`, format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
      { dir: `${out}/consent`, format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: '[name].cjs', exports: 'named' },
    ],
    plugins: [ts()],
  },
  ...CONSENT_HELPERS.map((name) => ({
    input: `${out}/consent/${name}.mjs`,
    output: { file: `${out}/consent/${name}.min.js`, format: 'iife', name: 'TracelyConsent', extend: true, exports: 'named' },
    plugins: [minify()],
  })),
  {
    input: consentInputs,
    output: [
      { dir: `${out}/consent`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: '[name].d.ts' },
      { dir: `${out}/consent`, format: 'es', entryFileNames: '[name].d.cts', chunkFileNames: '[name].d.cts' },
    ],
    plugins: [dts()],
  },
];
