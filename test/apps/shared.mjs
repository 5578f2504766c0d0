// What the three app fixtures share: each is built by Vite the way an app is, into
// .tmp/apps/<name>/ and served by the e2e site under /apps/<name>/; `@tracely/browser` (and its
// react entry) resolve to the built package in dist/ (TRACELY_OUT), as an installed copy would.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}/${process.env.TRACELY_OUT || 'dist'}`;

/**
 * Vite options for the app `name`; `extra` adds plugins and the like.
 * @param {string} name
 * @param {import('vite').UserConfig} [extra]
 * @returns {import('vite').UserConfig}
 */
export function appConfig(name, extra = {}) {
  return {
    root: fileURLToPath(new URL(`./${name}/`, import.meta.url)),
    base: `/apps/${name}/`,
    logLevel: 'warn',
    build: { outDir: `${root}/.tmp/apps/${name}`, emptyOutDir: true, ...extra.build },
    resolve: {
      alias: [
        { find: /^@tracely\/browser\/react$/, replacement: `${dist}/react.mjs` },
        { find: /^@tracely\/browser$/, replacement: `${dist}/index.mjs` },
      ],
      ...extra.resolve,
    },
    plugins: extra.plugins || [],
    define: extra.define,
    mode: extra.mode,
  };
}

