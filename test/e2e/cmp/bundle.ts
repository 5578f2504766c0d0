// Bundles the test CMP (tcf-cmp.mjs and IAB's libraries) into one classic script, in
// memory, for a test page to inline: nothing is written to disk.
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { fileURLToPath } from 'node:url';

let cached: Promise<string> | undefined;

export function tcfCmpScript(): Promise<string> {
  cached ||= (async () => {
    const bundle = await rollup({
      input: fileURLToPath(new URL('./tcf-cmp.mjs', import.meta.url)),
      plugins: [resolve({ browser: true }), commonjs()],
      onwarn: () => {},
    });
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();
    // Inlined in a <script>: a literal "</script" inside would end it.
    return output[0].code.replace(/<\/script/gi, '<\\/script');
  })();
  return cached;
}
