// `ng build` without the CLI: the workspace's build target (angular.json, @angular/build:application,
// production) run through Angular's own builder runner (@angular-devkit/architect), as the CLI runs
// it. The collector's URL is the builder's `define` option: TRACELY_HOST from the environment.
// ZONELESS=1 builds the app without zone.js, TAG=1 with the SDK as a script tag (see below).
// No analytics (no CLI), no cache (a clean build each time), nothing fetched from the network.
import { cpSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// CommonJS packages with folder entries, which ESM imports cannot name.
const require = createRequire(import.meta.url);
const { Architect } = require('@angular-devkit/architect');
const { WorkspaceNodeModulesArchitectHost } = require('@angular-devkit/architect/node');
const { json, logging } = require('@angular-devkit/core');

const root = process.cwd();
/** @type {{ projects: Record<string, { root: string, sourceRoot: string, prefix: string, projectType: string, architect: Record<string, { builder: string, options: object, configurations?: Record<string, object> }> }> }} */
const workspace = JSON.parse(readFileSync('angular.json', 'utf8'));
/** The one project's targets as the CLI's workspace reader hands them to the runner. */
const host = {
  /** @param {string} project @param {string} target */
  async getBuilderName(project, target) {
    return workspace.projects[project].architect[target].builder;
  },
  /** @param {string} project @returns {Promise<any>} JSON metadata */
  async getMetadata(project) {
    const { root: projectRoot, sourceRoot, prefix, projectType } = workspace.projects[project];
    return { root: projectRoot, sourceRoot, prefix, projectType };
  },
  /** @param {string} project @param {string} target @param {string} [configuration] @returns {Promise<any>} JSON options */
  async getOptions(project, target, configuration) {
    const t = workspace.projects[project].architect[target];
    return configuration ? t.configurations?.[configuration] : t.options;
  },
  /** @param {string} project @param {string} target */
  async hasTarget(project, target) {
    return Boolean(workspace.projects[project]?.architect?.[target]);
  },
  async getDefaultConfigurationName() {
    return undefined;
  },
};

const registry = new json.schema.CoreSchemaRegistry();
registry.addPostTransform(json.schema.transforms.addUndefinedDefaults);
const architect = new Architect(new WorkspaceNodeModulesArchitectHost(host, root), registry);
const logger = new logging.IndentLogger('build');
logger.subscribe((/** @type {{ level: string, message: string }} */ entry) => (entry.level == 'error' || entry.level == 'fatal' ? console.error : console.log)(entry.message));

const zoneless = process.env.ZONELESS == '1';
const define = { TRACELY_HOST: JSON.stringify(process.env.TRACELY_HOST ?? ''), ZONELESS: String(zoneless) };
// TAG=1: the SDK as a script tag in index.html's <head> (src/index.tag.html), not imported: its
// own main (src/main.tag.ts, tsconfig.tag.json), the app's files that use the SDK replaced by
// their script-tag versions (`.tag.ts`), into dist-tag.
const tag = (/** @type {string} */ file) => ({ replace: file, with: file.replace(/\.ts$/, '.tag.ts') });
const scriptTag = {
  browser: 'src/main.tag.ts',
  tsConfig: 'tsconfig.tag.json',
  index: { input: 'src/index.tag.html', output: 'index.html' },
  fileReplacements: ['src/tracely.ts', 'src/app/tracely-error-handler.ts'].map(tag),
  outputPath: 'dist-tag',
};
// ZONELESS=1: the same app as Angular 21's new apps run, without zone.js (no polyfills), into dist-zoneless.
/** @type {import('@angular-devkit/core').json.JsonObject} */
const overrides = zoneless ? { define, polyfills: [], outputPath: 'dist-zoneless' } : process.env.TAG == '1' ? { define, ...scriptTag } : { define };
const run = await architect.scheduleTarget({ project: 'app', target: 'build' }, overrides, { logger });
const result = await run.result;
await run.stop();
if (!result.success) {
  console.error('build failed');
  process.exit(1);
}
// The script-tag build hosts the SDK's bundles itself, as a site does: copied from the installed
// package into the build (another build of this app may reinstall the package while it is served).
if (process.env.TAG == '1') for (const file of ['tracely.min.js', 'loader.min.js']) cpSync(`node_modules/@tracely/browser/dist/${file}`, `dist-tag/sdk/${file}`);
