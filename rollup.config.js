// Builds dist/: ES module and CommonJS for bundlers and Node (dependencies stay external,
// so the app's bundler dedupes them), one bundled .d.ts, and the minified script-tag IIFE
// that carries everything and defines window.Tracely.
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import { dts } from 'rollup-plugin-dts';
import { readFileSync } from 'node:fs';

// TRACELY_OUT lets parallel work build into separate folders; the package ships dist/.
const out = process.env.TRACELY_OUT || 'dist';
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const external = (id) => Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(dep + '/'));
const ts = () => typescript({ tsconfig: './tsconfig.json', compilerOptions: { declaration: false } });
const minify = () =>
  terser({ ecma: 2020, compress: { passes: 2 }, mangle: { properties: { regex: /^_[a-z]/ } }, format: { comments: false } });

export default [
  {
    input: 'src/index.ts',
    external,
    output: [
      { file: `${out}/index.mjs`, format: 'es', sourcemap: true },
      { file: `${out}/index.cjs`, format: 'cjs', sourcemap: true, exports: 'named' },
    ],
    plugins: [ts()],
  },
  {
    input: 'src/browser.ts',
    output: { file: `${out}/tracely.min.js`, format: 'iife', name: 'Tracely', exports: 'default', sourcemap: true },
    plugins: [resolve({ browser: true }), commonjs(), ts(), minify()],
  },
  {
    input: 'src/index.ts',
    external,
    output: { file: `${out}/index.d.ts`, format: 'es' },
    plugins: [dts()],
  },
];
