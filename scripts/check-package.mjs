// Checks the package as users get it: packs it, runs @arethetypeswrong/cli and publint on the
// tarball, and type-checks two apps against it (test/package/cjs: "type": "commonjs", and
// test/package/esm: "type": "module", both module node16), and checks that its source maps
// ignore-list every source, and that the script tags parse in the browsers the README names.
// Run after the build (npm test does).
import { execFileSync } from 'node:child_process';
import { parse } from 'acorn';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

/**
 * Every source in the shipped source maps is the SDK's (or a library it bundles): each must be
 * ignore-listed, so DevTools shows the page's own call site for a console call the SDK wraps
 * (README: console breadcrumbs). Throws naming the map that is not.
 */
function checkIgnoreLists(dist) {
  const maps = readdirSync(dist).filter((f) => f.endsWith('.map'));
  for (const file of maps) {
    const map = JSON.parse(readFileSync(join(dist, file), 'utf8'));
    const listed = new Set(map.x_google_ignoreList || []);
    const missing = map.sources.filter((_, i) => !listed.has(i));
    if (missing.length) throw new Error(`package: ${file} does not ignore-list ${missing.length} of its ${map.sources.length} sources (${missing.slice(0, 3).join(', ')}...)`);
  }
  console.log(`package: the ${maps.length} source maps ignore-list every source (${maps.join(', ')})`);
}

/**
 * The script tags parse in the oldest browsers the README's "Browsers" section names (Chrome 80,
 * Firefox 74, Safari 14.1): ES2020 syntax, and of ES2022 only public instance class fields
 * (web-vitals 5 has them); no regular-expression lookbehind, a SyntaxError before Safari 16.4. The
 * loader, pasted inline, is ES2020. A dependency update that needs newer syntax fails here.
 */
function checkBrowserSyntax(dist) {
  const consent = readdirSync(join(dist, 'consent')).filter((f) => f.endsWith('.min.js')).map((f) => `consent/${f}`);
  const files = ['tracely.min.js', 'tracely.otel.min.js', 'loader.min.js', ...consent];
  for (const file of files) {
    const patterns = [];
    const ast = parse(readFileSync(join(dist, file), 'utf8'), {
      ecmaVersion: file === 'loader.min.js' ? 2020 : 2022,
      onToken: (token) => token.type.label === 'regexp' && patterns.push(token.value.pattern),
    });
    const newer = new Set();
    const walk = (node) => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (!node || typeof node.type !== 'string') return;
      if (node.type === 'PrivateIdentifier') newer.add('a private name');
      if (node.type === 'StaticBlock') newer.add('a static block');
      if (node.type === 'PropertyDefinition' && node.static) newer.add('a static class field');
      for (const value of Object.values(node)) if (value && typeof value === 'object') walk(value);
    };
    walk(ast);
    if (patterns.some((p) => /\(\?<[=!]/.test(p))) newer.add('a regular-expression lookbehind');
    if (newer.size) throw new Error(`package: ${file} has ${[...newer].join(', ')}: newer than the README's browsers`);
  }
  console.log(`package: the ${files.length} script tags parse as ES2020 plus public class fields (the loader as ES2020), no lookbehind`);
}

/**
 * The README's code from Install up to Consent (js, jsx), one module per block, written into the
 * readme app: each must compile with `strict` as a user would paste it. A block without imports
 * continues the one above it and gets that one's imports. Returns how many were written.
 */
function writeReadmeSnippets(to) {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const part = text.slice(text.indexOf('\n## Install'), text.indexOf('\n## Consent and privacy'));
  let imports = '';
  let count = 0;
  for (const [, lang, code] of part.matchAll(/```(jsx?|tsx?)\n([\s\S]*?)```/g)) {
    const own = code.split('\n').filter((line) => line.startsWith('import ')).join('\n');
    if (own) imports = own;
    writeFileSync(join(to, `snippet-${++count}.${lang.endsWith('x') ? 'tsx' : 'ts'}`), `${own ? '' : imports + '\n'}${code}export {};\n`);
  }
  return count;
}

const work = mkdtempSync(join(tmpdir(), 'tracely-package-'));
try {
  const tarball = join(work, execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop());
  run(bin('attw'), [tarball]);
  run(bin('publint'), [tarball]);
  for (const kind of ['cjs', 'esm', 'readme']) {
    const app = join(work, kind);
    cpSync(join(root, 'test/package', kind), app, { recursive: true });
    // Installed the way npm lays it out, from the tarball; its one dependency from this checkout.
    const installed = join(app, 'node_modules/@tracely/browser');
    mkdirSync(installed, { recursive: true });
    run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    symlinkSync(join(root, 'node_modules/web-vitals'), join(app, 'node_modules/web-vitals'), 'dir');
    // The react entry's optional peer, with its types, as an app that uses it has them.
    mkdirSync(join(app, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(root, 'node_modules/@types/react'), join(app, 'node_modules/@types/react'), 'dir');
    if (kind === 'esm') {
      checkIgnoreLists(join(installed, 'dist'));
      checkBrowserSyntax(join(installed, 'dist'));
    }
    if (kind === 'readme') {
      // The libraries the snippets import, from this checkout.
      for (const name of ['react', 'vue', 'vue-router', 'react-router']) symlinkSync(join(root, 'node_modules', name), join(app, 'node_modules', name), 'dir');
      const count = writeReadmeSnippets(app);
      run(bin('tsc'), ['-p', app]);
      console.log(`package: the README's ${count} js/jsx snippets (Install to Breadcrumbs) type-check with strict against the tarball`);
      continue;
    }
    run(bin('tsc'), ['-p', app]);
    console.log(`package: a ${kind === 'cjs' ? 'CommonJS' : 'ES module'} TypeScript app (module node16) type-checks against the tarball`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
