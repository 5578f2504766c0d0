// The visitor id keeps to the storage switch: made without storage it is not kept, and
// forgetting it makes the next one new. A stand-in Web Storage (support/web-storage.ts).
import { beforeEach, describe, expect, it } from 'vitest';
import { allowStorage } from '../../../src/tools/env';
import { MAX_VISITOR_ID, VISITOR_KEY, forgetVisitor, visitorId } from '../../../src/tools/visitor';
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

describe('a stored visitor id', () => {
  it("keeps the original SDK's id", () => {
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    storage.local.setItem(VISITOR_KEY, id);
    expect(visitorId()).toBe(id);
  });

  // Every report carries it as userId, uncut: 100 000 characters would not fit the body's limit.
  it(`is not taken when longer than ${MAX_VISITOR_ID} characters or holding a control character: a new id is made and stored`, () => {
    for (const bad of ['x'.repeat(100_000), 'x'.repeat(MAX_VISITOR_ID + 1), 'a\nb', 'a\u0000b']) {
      forgetVisitor();
      storage.local.setItem(VISITOR_KEY, bad);
      const id = visitorId();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(storage.local.getItem(VISITOR_KEY)).toBe(id);
    }
    storage.local.setItem(VISITOR_KEY, 'x'.repeat(MAX_VISITOR_ID));
    expect(visitorId()).toBe('x'.repeat(MAX_VISITOR_ID));
  });
});
