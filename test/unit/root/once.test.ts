// One report per error (root/once.ts): the same object once, whichever way it comes in; a
// later way in adds its fields to the first draft; React 18's twin (another object, the same
// place, another way in, the same task) folds in, and so does a thrown primitive coming another
// way in the same task; anything else is reported.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TASK_DRAFTS, oncePerError } from '../../../src/root/once';
import type { ErrorDraft } from '../../../src/tools/types';

const STACK = 'Error: boom\n    at Cart (https://shop.example/app.js:10:5)\n    at render (https://shop.example/app.js:99:1)';
const draft = (over: Partial<ErrorDraft> = {}): ErrorDraft => ({ type: 'jsError', message: 'boom', stack: STACK, time: 1, ...over });

describe('oncePerError', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reports an object once, whichever way it comes in, and the later way adds its fields to the first', () => {
    const already = oncePerError();
    const error = new Error('boom');
    const first = draft({ thrown: error });
    expect(already(first)).toBe(false);
    expect(first.thrown).toBeUndefined();
    vi.runAllTimers();
    const later = draft({ type: 'manualError', thrown: error, extra: { componentStack: 'at Cart' } });
    expect(already(later)).toBe(true);
    expect(first.extra).toEqual({ componentStack: 'at Cart' });
  });

  it('folds a twin of the same place and task that came another way; not one that came the same way', () => {
    const already = oncePerError();
    expect(already(draft({ thrown: new Error('boom') }))).toBe(false);
    // The same way in (two throws from one place in one task): two errors.
    expect(already(draft({ thrown: new Error('boom') }))).toBe(false);
    // Another way in, the same place, the same task: React 18's re-rendered twin.
    expect(already(draft({ type: 'manualError', thrown: new Error('boom') }))).toBe(true);
  });

  it('forgets the task after it: a later error from the same place is reported', () => {
    const already = oncePerError();
    expect(already(draft({ thrown: new Error('boom') }))).toBe(false);
    vi.runAllTimers();
    expect(already(draft({ type: 'manualError', thrown: new Error('boom') }))).toBe(false);
  });

  it('holds a thrown function like an object; reports null and undefined each time, and drafts without a stack are never twins', () => {
    const already = oncePerError();
    const thrownFunction = () => undefined;
    expect(already(draft({ thrown: thrownFunction, stack: '' }))).toBe(false);
    expect(already(draft({ type: 'promiseError', thrown: thrownFunction, stack: '' }))).toBe(true);
    expect(already(draft({ thrown: null, stack: '' }))).toBe(false);
    expect(already(draft({ type: 'manualError', thrown: null, stack: '' }))).toBe(false);
    expect(already(draft({ type: 'resourceError', stack: '' }))).toBe(false);
    expect(already(draft({ type: 'manualError', stack: '' }))).toBe(false);
  });

  it("folds a thrown primitive that came another way in the same task, its value its place (Angular's global error listeners hand window's error to ErrorHandler)", () => {
    const already = oncePerError();
    // Window's error event: a one-frame stack from the event's location; reportError: none.
    expect(already(draft({ thrown: 'a string', message: 'a string', stack: '    at https://shop.example/main.js:5:10' }))).toBe(false);
    expect(already(draft({ type: 'manualError', thrown: 'a string', message: 'a string', stack: '' }))).toBe(true);
    // The same way twice: two throws.
    expect(already(draft({ type: 'promiseError', thrown: 42, stack: '' }))).toBe(false);
    expect(already(draft({ type: 'promiseError', thrown: 42, stack: '' }))).toBe(false);
    // Another value: another error.
    expect(already(draft({ type: 'manualError', thrown: 'another string', stack: '' }))).toBe(false);
    vi.runAllTimers();
    // After the task: reported again.
    expect(already(draft({ type: 'manualError', thrown: 'a string', stack: '' }))).toBe(false);
  });

  it('remembers at most MAX_TASK_DRAFTS places in one task', () => {
    const already = oncePerError();
    for (let i = 0; i <= MAX_TASK_DRAFTS; i++) already(draft({ stack: `Error: ${i}\n    at f (https://shop.example/app.js:${i}:1)` }));
    // The place past the limit was not kept: its twin is reported.
    const past = `Error: ${MAX_TASK_DRAFTS}\n    at f (https://shop.example/app.js:${MAX_TASK_DRAFTS}:1)`;
    expect(already(draft({ type: 'manualError', stack: past }))).toBe(false);
    // One within the limit was.
    expect(already(draft({ type: 'manualError', stack: 'Error: 0\n    at f (https://shop.example/app.js:0:1)' }))).toBe(true);
  });
});
