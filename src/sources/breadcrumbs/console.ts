// Console crumbs. The original method still runs with the same arguments; DevTools keeps
// showing the page's call site because the bundles' source maps mark the SDK ignore-listed.
import { describeArgument } from '../../report/describe';
import { cut } from '../../tools/text';
import { wrap, wrapAll } from '../../tools/wrap';
import { quietly } from '../../tools/guard';
import type { AddCrumb } from './ring';

/** Arguments read per call; each is described and cut before joining. */
export const MAX_CONSOLE_ARGS = 10;
/** Characters kept of each argument. */
export const MAX_CONSOLE_ARG = 300;
/** The SDK's own debug lines start with this: never crumbs. */
const OWN = '[Tracely]';

export function installConsole(add: AddCrumb, levels: string[]): () => void {
  // A getter run while describing an argument may log too: no crumbs from inside a crumb.
  let busy = false;
  return wrapAll(
    levels.map((level) => () =>
      wrap(console, level, (original, self, args) => {
      const first = args[0];
      if (!busy && !(typeof first == 'string' && first.startsWith(OWN))) {
        busy = true;
        quietly(() => {
          const parts: string[] = [];
          for (let i = 0; i < args.length && i < MAX_CONSOLE_ARGS; i++) parts.push(cut(describeArgument(args[i]), MAX_CONSOLE_ARG));
          add({ type: 'console', category: level, time: Date.now(), message: parts.join(' ') });
        });
        busy = false;
      }
      return original.apply(self, args);
      }),
    ),
  );
}
