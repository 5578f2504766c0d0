// The fixture is its own project (own node_modules and lockfile) inside the SDK's repository:
// both roots say so, or Next takes the repository's lockfile for the workspace root.
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default {
  turbopack: { root: here },
  outputFileTracingRoot: here,
};
