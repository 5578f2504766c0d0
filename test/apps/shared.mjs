// What the three app fixtures share: each is built by Vite the way an app is, into
// .tmp/apps/<name>/ and served by the e2e site under /apps/<name>/; `@tracely/browser` (and its
// react entry) resolve to the built package in dist/ (TRACELY_OUT), as an installed copy would.
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = `${root}/${process.env.TRACELY_OUT || 'dist'}`;
/** Where the apps are built, each in a folder of its name. */
export const APPS_DIR = `${root}.tmp/apps`;

/**
 * The built file a site serves at `path` (/apps/<name>/<file>), for the test sites that serve the
 * apps (test/e2e/support/site.ts, test/firefox/harness.mjs): any other path under an app (no file
 * extension) is one of its routes, answered with its index.html as an SPA host does. Undefined
 * for a path that leads outside the built apps. (Whether the file exists is the caller's to find.)
 * @param {string} path
 */
export function builtAppFile(path) {
  const [, , name, ...rest] = path.split('/');
  const file = normalize(join(APPS_DIR, name, /\.\w+$/.test(path) ? rest.join('/') : 'index.html'));
  return file.startsWith(APPS_DIR + '/') ? file : undefined;
}

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
    build: { outDir: `${APPS_DIR}/${name}`, emptyOutDir: true, ...extra.build },
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

