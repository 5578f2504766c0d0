// The visitor id keeps to the storage switch: made without storage it is not kept, and
// forgetting it makes the next one new. A stand-in Web Storage (support/web-storage.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowStorage } from '../../../src/tools/env';
import { VISITOR_KEY, forgetVisitor, visitorId } from '../../../src/tools/visitor';
import { installWebStorage, type PropStorage } from '../support/web-storage';

let local: PropStorage;
let undo: () => void;
beforeEach(() => {
  ({ local, undo } = installWebStorage());
  allowStorage(true);
  forgetVisitor();
});
afterEach(() => {
  allowStorage(true);
  undo();
});

describe('visitor id and storage permission', () => {
  it('a visitor id made without storage is not kept', () => {
    allowStorage(false);
    visitorId();
    expect(local.getItem(VISITOR_KEY)).toBeNull();
  });

  it('forgetVisitor: the next id is a new one', () => {
    allowStorage(false);
    const first = visitorId();
    expect(visitorId()).toBe(first);
    forgetVisitor();
    expect(visitorId()).not.toBe(first);
  });
});
