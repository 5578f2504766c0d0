// One report per error (root/once.ts): the same object once, whichever way it comes in; a
// later way in adds its fields to the first draft; React 18's twin (another object, the same
// place, another way in, the same task) folds in, and so does an error without an object (a
// thrown primitive, `throw null`) whose message comes another way in the same task, before or
// after it; anything else is reported.
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

  it('holds a thrown function like an object; objects without a stack are never twins by place', () => {
    const already = oncePerError();
    const thrownFunction = () => undefined;
    expect(already(draft({ thrown: thrownFunction, stack: '' }))).toBe(false);
    expect(already(draft({ type: 'promiseError', thrown: thrownFunction, stack: '' }))).toBe(true);
    // Two objects without a stack (HttpErrorResponse), each its own way in: two errors.
    expect(already(draft({ thrown: { name: 'HttpErrorResponse' }, stack: '' }))).toBe(false);
    expect(already(draft({ type: 'manualError', thrown: { name: 'HttpErrorResponse' }, stack: '' }))).toBe(false);
  });

  it("folds an error event without an error (`throw null`) and an Error of its message that came another way in the same task (Angular's global error listeners); not after the task, nor another message", () => {
    const already = oncePerError();
    // Window's error event: no error, the message the browser made, a one-frame stack.
    const event = draft({ thrown: null, message: 'Uncaught null', stack: '    at https://shop.example/polyfills.js:1:99' });
    expect(already(event)).toBe(false);
    // Angular's listener: `new Error(event.message, { cause: event })` to ErrorHandler, reported there.
    const handed = draft({ type: 'manualError', thrown: new Error('Uncaught null'), message: 'Uncaught null', stack: 'Error: Uncaught null\n    at errorListener (https://shop.example/main.js:1:5)', extra: { handler: 1 } });
    expect(already(handed)).toBe(true);
    expect(event.extra).toEqual({ handler: 1 });
    // Another message in the same task, and the same way in again: other errors.
    expect(already(draft({ type: 'manualError', thrown: new Error('Uncaught undefined'), message: 'Uncaught undefined', stack: 'Error: Uncaught undefined\n    at f (https://shop.example/main.js:2:5)' }))).toBe(false);
    expect(already(draft({ thrown: null, message: 'Uncaught null', stack: '    at https://shop.example/polyfills.js:1:99' }))).toBe(false);
    vi.runAllTimers();
    // After the task: reported again.
    expect(already(draft({ type: 'manualError', thrown: new Error('Uncaught null'), message: 'Uncaught null', stack: 'Error: Uncaught null\n    at g (https://shop.example/main.js:3:5)' }))).toBe(false);
  });

  it("folds an error event without an error into the Error of its message that came first another way in the same task (Angular's listeners on window before the SDK's); not one that came the same way", () => {
    const already = oncePerError();
    const handed = draft({ type: 'manualError', thrown: new Error('Uncaught null'), message: 'Uncaught null', stack: 'Error: Uncaught null\n    at errorListener (https://shop.example/main.js:1:5)' });
    expect(already(handed)).toBe(false);
    const event = draft({ thrown: null, message: 'Uncaught null', stack: '    at https://shop.example/polyfills.js:1:99', extra: { from: 'window' } });
    expect(already(event)).toBe(true);
    expect(handed.extra).toEqual({ from: 'window' });
    // The same way in as the Error (two manual reports), or another message: other errors.
    expect(already(draft({ type: 'manualError', thrown: null, message: 'Uncaught null', stack: '' }))).toBe(false);
    expect(already(draft({ thrown: null, message: 'Uncaught undefined', stack: '    at https://shop.example/polyfills.js:1:99' }))).toBe(false);
    vi.runAllTimers();
    expect(already(draft({ thrown: null, message: 'Uncaught null', stack: '    at https://shop.example/polyfills.js:1:99' }))).toBe(false);
  });

  it('never folds an error with its message into another Error of that message (React twins fold by place only)', () => {
    const already = oncePerError();
    expect(already(draft({ thrown: new Error('boom') }))).toBe(false);
    expect(already(draft({ type: 'manualError', thrown: new Error('boom'), stack: 'Error: boom\n    at elsewhere (https://shop.example/app.js:50:1)' }))).toBe(false);
  });

  it("folds a thrown primitive that came another way in the same task, placed by its message, a primitive's value (Angular's global error listeners hand window's error to ErrorHandler)", () => {
    const already = oncePerError();
    // Window's error event: a one-frame stack from the event's location; reportError: none.
    expect(already(draft({ thrown: 'a string', message: 'a string', stack: '    at https://shop.example/main.js:5:10' }))).toBe(false);
    expect(already(draft({ type: 'manualError', thrown: 'a string', message: 'a string', stack: '' }))).toBe(true);
    // The same way twice: two throws.
    expect(already(draft({ type: 'promiseError', thrown: 42, message: '42', stack: '' }))).toBe(false);
    expect(already(draft({ type: 'promiseError', thrown: 42, message: '42', stack: '' }))).toBe(false);
    // Another value: another error.
    expect(already(draft({ type: 'manualError', thrown: 'another string', message: 'another string', stack: '' }))).toBe(false);
    vi.runAllTimers();
    // After the task: reported again.
    expect(already(draft({ type: 'manualError', thrown: 'a string', message: 'a string', stack: '' }))).toBe(false);
  });

  it('remembers at most MAX_TASK_DRAFTS places in one task', () => {
    const already = oncePerError();
    for (let i = 0; i <= MAX_TASK_DRAFTS; i++) already(draft({ thrown: new Error(), stack: `Error: ${i}\n    at f (https://shop.example/app.js:${i}:1)` }));
    // The place past the limit was not kept: its twin is reported.
    const past = `Error: ${MAX_TASK_DRAFTS}\n    at f (https://shop.example/app.js:${MAX_TASK_DRAFTS}:1)`;
    expect(already(draft({ type: 'manualError', thrown: new Error(), stack: past }))).toBe(false);
    // One within the limit was.
    expect(already(draft({ type: 'manualError', thrown: new Error(), stack: 'Error: 0\n    at f (https://shop.example/app.js:0:1)' }))).toBe(true);
  });
});
