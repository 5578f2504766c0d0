// The layers of DESIGN.md, checked on every `npm test`: tools at the bottom, the stages left
// to right (sources ► report ► gates ► delivery), one composition root (root/), and the
// public facade on top (client.ts, tracely.ts, functions.ts, index.ts, browser.ts).
// A stage imports the tools, and at most the stage right after it; nothing imports upwards.
/** @type {import('dependency-cruiser').IConfiguration} */
const stage = (name, allowed) => ({
  name: `${name}-imports-only-${allowed.join('-')}`,
  severity: 'error',
  comment: `src/${name}/ may import ${allowed.map((a) => `src/${a}/`).join(', ')} and npm packages only`,
  from: { path: `^src/${name}/` },
  to: { path: '^src/', pathNot: `^src/(${[name, ...allowed].join('|')})/` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'No import cycle, between modules or (through them) between folders.',
      from: {},
      to: { circular: true },
    },
    stage('tools', []),
    stage('sources', ['tools', 'report']),
    stage('report', ['tools']),
    stage('gates', ['tools']),
    stage('delivery', ['tools']),
    stage('integrations', ['tools', 'gates']),
    {
      name: 'root-below-the-facade',
      severity: 'error',
      comment: 'The composition root wires the stages; the facade files use it, never the other way round.',
      from: { path: '^src/root/' },
      to: { path: '^src/[^/]+\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
