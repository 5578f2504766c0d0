// The visitor id keeps to the storage switch: made without storage it is not kept, and
// forgetting it makes the next one new. A stand-in Web Storage (support/web-storage.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { allowStorage } from '../../../src/tools/env';
import { VISITOR_KEY, forgetVisitor, visitorId } from '../../../src/tools/visitor';
import { useWebStorage } from '../support/web-storage';

const storage = useWebStorage();
beforeEach(() => forgetVisitor());

describe('visitor id and storage permission', () => {
  it('a visitor id made without storage is not kept', () => {
    allowStorage(false);
    visitorId();
    expect(storage.local.getItem(VISITOR_KEY)).toBeNull();
  });

  it('forgetVisitor: the next id is a new one', () => {
    allowStorage(false);
    const first = visitorId();
    expect(visitorId()).toBe(first);
    forgetVisitor();
    expect(visitorId()).not.toBe(first);
  });
});
