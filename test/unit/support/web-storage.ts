import { afterEach, beforeEach } from 'vitest';
import { allowStorage } from '../../../src/tools/env';

// Node has no Web Storage: a minimal one whose keys are own properties (as in browsers)
// stands in for it, so `Object.keys(storage)` lists what is stored.
export class PropStorage {
  [key: string]: unknown;
  getItem(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this, key) ? (this[key] as string) : null;
  }
  setItem(key: string, value: string): void {
    this[key] = String(value);
  }
  removeItem(key: string): void {
    delete this[key];
  }
}

/** Fresh stand-in storages as the page's `localStorage` and `sessionStorage`; undo removes them. */
export function installWebStorage(): { local: PropStorage; session: PropStorage; undo: () => void } {
  const local = new PropStorage();
  const session = new PropStorage();
  (globalThis as any).window = { localStorage: local, sessionStorage: session };
  (globalThis as any).localStorage = local;
  return {
    local,
    session,
    undo: () => {
      delete (globalThis as any).window;
      delete (globalThis as any).localStorage;
    },
  };
}

/**
 * For a whole test file: fresh stand-in storages before each test, storage allowed (the
 * consent switch of env.ts), and both undone after it. Read `.local` and `.session` in a test.
 */
export function useWebStorage(): { local: PropStorage; session: PropStorage } {
  const current = { local: new PropStorage(), session: new PropStorage() };
  let undo = () => {};
  beforeEach(() => {
    ({ local: current.local, session: current.session, undo } = installWebStorage());
    allowStorage(true);
  });
  afterEach(() => {
    allowStorage(true);
    undo();
  });
  return current;
}
