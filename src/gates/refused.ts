// Event names the server refused (a stock server answers 403 to a name not on its whitelist,
// e.g. `web_vitals`) are not sent again for the rest of the visitor's session: one request per
// session, not one per page view. Kept in localStorage with the session id (consent permitting,
// through env.ts), else in memory for this page.
import { readStorage, writeStorage } from '../tools/env';
import { cut } from '../tools/text';
import { toJson } from '../tools/json';

export const REFUSED_KEY = '_tracely_refused';
/** Names remembered per session; the oldest go first. */
export const MAX_REFUSED_NAMES = 20;
const MAX_NAME = 200;

export interface RefusedNames {
  _has(name: string): boolean;
  _add(name: string): void;
}

/** `session()` gives the current session id; names of another session are forgotten. */
export function refusedNames(session: () => string): RefusedNames {
  let memory: string[] = [];
  const read = (): string[] => {
    try {
      const stored = JSON.parse(readStorage(REFUSED_KEY) || 'null');
      if (stored && stored.s === session() && Array.isArray(stored.n)) return stored.n.filter((n: unknown) => typeof n == 'string');
    } catch {
      // Unreadable: what this page knows.
    }
    return memory;
  };
  return {
    _has: (name) => read().includes(name),
    _add(name) {
      const names = read().filter((n) => n !== name);
      names.push(cut(name, MAX_NAME));
      memory = names.slice(-MAX_REFUSED_NAMES);
      writeStorage(REFUSED_KEY, toJson({ s: session(), n: memory }));
    },
  };
}
