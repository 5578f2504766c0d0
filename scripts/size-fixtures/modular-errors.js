// The tree-shakable way in, as an app takes it: the core client with error capture and the
// stock dialect only. scripts/size.mjs bundles this (and one variant per optional part) with
// esbuild, minified, and fails when it is over its gzip budget.
import { Client } from '@tracely/browser';
/* PART_IMPORT */

const client = new Client({ appId: 'app', appSecret: 'secret', host: 'https://tracely.example.com' /* DIALECT */ } /* PARTS */).init();
client.reportError(new Error('boom'), 'checkout');
