#!/usr/bin/env node
// CLI: node demo/collector/main.mjs [--config path] [--port n] [--db path] [--host h] [--trace-url template] [--test-controls]
// --test-controls (or TRACELY_TEST_CONTROLS=1) adds the fault-injection routes for tests;
// `npm run collector` and `npm run demo` never pass it.
import { parseArgs } from 'node:util';
import { createCollector } from './server.mjs';

const USAGE = 'usage: node demo/collector/main.mjs [--config path] [--port n] [--db path] [--host address] [--trace-url "https://tracing.example/trace/{traceId}"] [--test-controls]';

let args;
try {
  args = parseArgs({ options: { config: { type: 'string' }, port: { type: 'string' }, db: { type: 'string' },
    host: { type: 'string' }, 'trace-url': { type: 'string' }, 'test-controls': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }).values;
} catch (err) {
  console.error(`${/** @type {Error} */ (err).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) { console.log(USAGE); process.exit(0); }
if (args.port !== undefined && !/^\d{1,5}$/.test(args.port)) { console.error(`--port must be a number\n${USAGE}`); process.exit(2); }

try {
  const collector = await createCollector({
    configPath: args.config, config: args['trace-url'] === undefined ? undefined : { view: { traceUrl: args['trace-url'] } }, port: args.port === undefined ? undefined : Number(args.port), dbPath: args.db, host: args.host,
    testControls: args['test-controls'] === true || process.env.TRACELY_TEST_CONTROLS === '1',
  });
  if (collector.testControls) console.log('Test controls are ON (/_control/*): for tests only.');
  console.log(`Tracely collector listening on ${collector.url}  (database: ${args.db ?? collector.config.database.path})`);
  const stop = async () => { await collector.close(); process.exit(0); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  console.error(`Tracely collector failed to start: ${/** @type {Error} */ (err).message}`);
  process.exit(1);
}
