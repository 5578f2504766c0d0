// Any thrown or rejected value becomes a message and a stack, without ever throwing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeArgument, describeThrown } from '../../../src/report/describe';

describe('describeThrown: errors', () => {
  it('gives "Name: message" and the stack of an Error', () => {
    const error = new Error('boom');
    const d = describeThrown(error);
    expect(d.message).toBe('Error: boom');
    expect(d.stack).toBe(error.stack);
    expect(d.stack).toContain('boom');
    expect(d.cause).toBeUndefined();
  });

  it('uses the subclass name', () => {
    expect(describeThrown(new TypeError('x is not a function')).message).toBe('TypeError: x is not a function');
    class PaymentError extends Error {
      name = 'PaymentError';
    }
    expect(describeThrown(new PaymentError('declined')).message).toBe('PaymentError: declined');
  });

  it('gives the name alone for an empty message', () => {
    expect(describeThrown(new RangeError()).message).toBe('RangeError');
  });

  it('survives an Error whose message getter throws', () => {
    class Nasty extends Error {
      name = 'Nasty';
      get message(): string {
        throw new Error('gotcha');
      }
    }
    const error = new Nasty();
    let d: ReturnType<typeof describeThrown> | undefined;
    expect(() => (d = describeThrown(error))).not.toThrow();
    expect(d!.message).toBe('Nasty');
    expect(typeof d!.stack).toBe('string');
  });

  it('survives an Error whose stack getter throws', () => {
    const error = new Error('boom');
    Object.defineProperty(error, 'stack', {
      get() {
        throw new Error('no stack for you');
      },
    });
    expect(describeThrown(error)).toMatchObject({ message: 'Error: boom', stack: '' });
  });

  // DOMException's name and message are accessors on its prototype (Firefox's stack too):
  // unread, every DOMException was a bare "Error" (in Firefox also without a stack).
  it("reads a DOMException's name and message through the engine's own getters", () => {
    const d = describeThrown(new DOMException('The operation was aborted.', 'AbortError'));
    expect(d.message).toBe('AbortError: The operation was aborted.');
    expect(d.stack).toContain('describe.test.ts');
    expect(describeThrown(new DOMException('quota', 'QuotaExceededError')).message).toBe('QuotaExceededError: quota');
  });

  it("runs no getter of the page's on a DOMException", () => {
    let ran = false;
    const error = new DOMException('hidden', 'SecurityError');
    // V8 writes the stack lazily and reads `message` to do so: that is the engine, not the SDK.
    expect(error.stack).toContain('SecurityError');
    Object.defineProperty(error, 'message', {
      get() {
        ran = true;
        return 'from the page';
      },
    });
    expect(describeThrown(error).message).toBe('SecurityError');
    expect(ran).toBe(false);
  });

  it("runs no getter of the page's on a DOMException subclass's prototype", () => {
    let ran = false;
    class PageError extends DOMException {
      get message() {
        ran = true;
        return 'from the page';
      }
    }
    const error = new PageError('real', 'DataError');
    // The engine formats the stack on first read, and reads `message` to do so: read it first.
    expect(error.stack).toBeTypeOf('string');
    ran = false;
    expect(describeThrown(error).message).toBe('DataError');
    expect(ran).toBe(false);
  });

  it('describes a value with accessors where the page has no DOMException', async () => {
    const saved = globalThis.DOMException;
    vi.resetModules();
    delete (globalThis as { DOMException?: unknown }).DOMException;
    try {
      const { describeThrown: describeFresh } = await import('../../../src/report/describe');
      // An Error whose message is the page's accessor: the accessor is not run, the error still described.
      class PageError extends Error {
        get message() {
          return 'from a getter';
        }
      }
      const thrown = new PageError();
      expect(thrown.stack).toContain('from a getter');
      expect(describeFresh(thrown)).toMatchObject({ message: 'Error', stack: thrown.stack });
      expect(describeFresh(new Error('plain')).message).toBe('Error: plain');
    } finally {
      globalThis.DOMException = saved;
    }
  });

  it('treats an error-like object (message and stack strings) as an error', () => {
    const d = describeThrown({ name: 'DOMException', message: 'The operation was aborted.', stack: 'at x (https://e.com/a.js:1:1)' });
    expect(d.message).toBe('DOMException: The operation was aborted.');
    expect(d.stack).toBe('at x (https://e.com/a.js:1:1)');
  });

  it("treats an object with a string name and message as an error without a stack (Angular's HttpErrorResponse): its fields, the response body among them, are not the message", () => {
    class HttpErrorResponse {
      readonly name = 'HttpErrorResponse';
      readonly message = 'Http failure response for https://api.example/cart: 500 Internal Server Error';
      readonly status = 500;
      readonly error = { detail: 'card 4242 4242 4242 4242 declined' };
    }
    expect(describeThrown(new HttpErrorResponse())).toEqual({ message: 'HttpErrorResponse: Http failure response for https://api.example/cart: 500 Internal Server Error', stack: '', cause: undefined, bare: undefined });
    // A message alone is not enough: a plain object's fields are what describes it.
    expect(describeThrown({ message: 'hi', code: 7 })).toEqual({ message: '{"message":"hi","code":7}', stack: '' });
  });
});

describe('describeThrown: other values', () => {
  it.each([
    ['a string', 'something failed', 'something failed'],
    ['a number', 42, '42'],
    ['NaN', NaN, 'NaN'],
    ['a bigint', 10n, '10n'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['a Symbol', Symbol('x'), 'Symbol(x)'],
    ['a plain object', { code: 'E_FAIL', retry: false }, '{"code":"E_FAIL","retry":false}'],
    ['an array', [1, 'two'], '[1,"two"]'],
    ['an object holding a bigint', { n: 5n }, '{"n":"5n"}'],
  ])('describes %s', (_name, value, message) => {
    expect(describeThrown(value)).toEqual({ message, stack: '' });
  });

  it('names an object by its class (Symbol.toStringTag, else its constructor), with its own fields where it has any', () => {
    class ApiError {
      code = 'E42';
    }
    expect(describeThrown(new ApiError())).toEqual({ message: 'ApiError {"code":"E42"}', stack: '' });
    expect(describeThrown(new Map([[1, 2]]))).toEqual({ message: 'Map', stack: '' });
    expect(describeThrown(Object.create(null))).toEqual({ message: '{}', stack: '' });
    // A constructor whose name is a getter of the page's is not asked.
    class Sly {}
    Object.defineProperty(Sly, 'name', { get: () => { throw new Error('getter ran'); } });
    expect(describeThrown(new Sly())).toEqual({ message: '{}', stack: '' });
  });

  it('names an event by its class and type (an image\'s error event handed to reject)', () => {
    expect(describeThrown(new Event('error'))).toEqual({ message: 'Event: error', stack: '' });
  });

  it('names a function', () => {
    function onLoad() {}
    expect(describeThrown(onLoad).message).toBe('function onLoad');
  });

  it('does not throw on a cyclic object', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const d = describeThrown(cyclic);
    expect(typeof d.message).toBe('string');
    expect(d.message.length).toBeGreaterThan(0);
  });

  it('does not throw on a Proxy whose every trap throws', () => {
    const handler = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('trap');
        },
      },
    );
    const monster = new Proxy({}, handler);
    // The Proxy really is hostile: touching it throws.
    expect(() => Object.keys(monster)).toThrow('trap');
    expect(() => String(monster)).toThrow('trap');
    let d: ReturnType<typeof describeThrown> | undefined;
    expect(() => (d = describeThrown(monster))).not.toThrow();
    expect(typeof d!.message).toBe('string');
    expect(d!.message.length).toBeGreaterThan(0);
    expect(d!.stack).toBe('');
  });

  it("never runs the value's toJSON, getters, toString or valueOf", () => {
    const ran: string[] = [];
    const value = {
      code: 7,
      toJSON() {
        ran.push('toJSON');
        throw new Error('nope');
      },
      get secret() {
        ran.push('getter');
        return 'x';
      },
      toString() {
        ran.push('toString');
        return 's';
      },
      valueOf() {
        ran.push('valueOf');
        return 1;
      },
    };
    const d = describeThrown(value);
    expect(d.message).toBe('{"code":7}');
    expect(ran).toEqual([]);
  });

  it('never runs a getter of an Error (message, name, cause)', () => {
    const ran: string[] = [];
    const error = new Error('real');
    // Node formats the stack lazily, through the test runner's prepareStackTrace (which reads
    // name); browsers format it at construction. Format it now, as a browser would have.
    void error.stack;
    Object.defineProperty(error, 'cause', { get: () => (ran.push('cause'), 'c') });
    Object.defineProperty(error, 'name', { get: () => (ran.push('name'), 'N') });
    const d = describeThrown(error);
    expect(d.message).toBe('Error: real');
    expect(d.cause).toBeUndefined();
    expect(ran).toEqual([]);
  });


  it('describes a huge object quickly and with a bounded message', () => {
    const huge: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) huge[`key${i}`] = `value number ${i}`;
    const started = performance.now();
    const d = describeThrown(huge);
    expect(performance.now() - started).toBeLessThan(200);
    expect(d.message.startsWith('{"key0":"value number 0"')).toBe(true);
    // The full JSON is over 250 KB; the node budget keeps it to a small fraction.
    expect(JSON.stringify(huge).length).toBeGreaterThan(250_000);
    expect(d.message.length).toBeLessThan(5_000);
  });
});

describe('describeThrown: cause chains', () => {
  it('keeps the cause chain, described like the error itself', () => {
    const root = new Error('disk full');
    const mid = new Error('write failed', { cause: root });
    const top = new TypeError('save failed', { cause: mid });
    const d = describeThrown(top);
    expect(d.message).toBe('TypeError: save failed');
    expect(d.cause).toEqual([
      { message: 'Error: write failed', stack: mid.stack },
      { message: 'Error: disk full', stack: root.stack },
    ]);
  });

  it('keeps 3 levels and stops there', () => {
    let error = new Error('level 5');
    for (let i = 4; i >= 0; i--) error = new Error(`level ${i}`, { cause: error });
    const d = describeThrown(error);
    expect(d.message).toBe('Error: level 0');
    expect(d.cause?.map((c) => c.message)).toEqual(['Error: level 1', 'Error: level 2', 'Error: level 3']);
  });

  it('stops on an error that is its own cause', () => {
    const error = new Error('loop');
    (error as { cause?: unknown }).cause = error;
    const d = describeThrown(error);
    expect(d.message).toBe('Error: loop');
    expect(d.cause).toBeUndefined();
  });

  it('stays bounded on a two-error cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(describeThrown(a).cause?.map((c) => c.message)).toEqual(['Error: b', 'Error: a', 'Error: b']);
  });

  it('describes a non-error cause as a value', () => {
    const d = describeThrown(new Error('request failed', { cause: { status: 503 } }));
    expect(d.cause).toEqual([{ message: '{"status":503}' }]);
  });

  it('ends the chain at a throwing cause getter, keeping what was read', () => {
    const inner = new Error('inner');
    Object.defineProperty(inner, 'cause', {
      get() {
        throw new Error('no');
      },
    });
    const d = describeThrown(new Error('outer', { cause: inner }));
    expect(d.message).toBe('Error: outer');
    expect(d.cause?.map((c) => c.message)).toEqual(['Error: inner']);
  });
});

describe('describeArgument (console arguments)', () => {
  it('describes primitives and names objects without touching them', () => {
    let traps = 0;
    const handler = new Proxy({}, { get: () => () => (traps++, undefined) });
    const proxy = new Proxy({ a: 1 }, handler);
    expect(describeArgument('text')).toBe('text');
    expect(describeArgument(3)).toBe('3');
    expect(describeArgument(10n)).toBe('10n');
    expect(describeArgument(Symbol('s'))).toBe('Symbol(s)');
    expect(describeArgument(null)).toBe('null');
    expect(describeArgument(undefined)).toBe('undefined');
    expect(describeArgument(proxy)).toBe('[object]');
    expect(describeArgument([1, 2])).toBe('[array]');
    expect(traps).toBe(0);
  });

  it('describes a revoked Proxy without throwing', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(() => describeArgument(proxy)).not.toThrow();
  });
});

// Regressions found by review: each of these once froze a page or lost a report's location.
describe('regressions', () => {
  it('a rejected array of a million items is described in bounded size', () => {
    expect(describeThrown(new Array(1e6).fill(1)).message.length).toBeLessThan(1000);
  });
});

// SES's lockdown() (real-browser proof: test/e2e/ses.spec.ts). Its override taming turns a frozen
// prototype's data property into an accessor whose getter carries the value as `originalValue`
// (ses/src/enable-property-overrides.js); its error taming leaves `stack` empty in V8 and gives
// the frames through a global getStackString (ses/src/error/tame-v8-error-constructor.js).
describe('describeThrown under SES lockdown()', () => {
  /** A prototype whose `name` is an accessor, as lockdown() leaves TypeError.prototype. */
  function overrideTamed(getter: () => unknown, originalValue?: unknown) {
    const proto = Object.create(Error.prototype);
    if (originalValue !== undefined) Object.defineProperty(getter, 'originalValue', { value: originalValue });
    Object.defineProperty(proto, 'name', { get: getter, configurable: true });
    const error = new Error('probe');
    // (V8 writes the stack's first line when it is first read: read before, so only the description reads `name`.)
    void error.stack;
    Object.setPrototypeOf(error, proto);
    return error;
  }

  it("reads a tamed prototype's name from its getter's originalValue, without running the getter", () => {
    let runs = 0;
    expect(describeThrown(overrideTamed(() => (runs++, 'TypeError'), 'TypeError')).message).toBe('TypeError: probe');
    expect(runs).toBe(0);
  });

  it("still runs no getter of the page's that has no originalValue", () => {
    let runs = 0;
    expect(describeThrown(overrideTamed(() => (runs++, 'Secret'))).message).toBe('Error: probe');
    expect(runs).toBe(0);
  });

  describe('with a global getStackString', () => {
    const g = globalThis as { getStackString?: unknown };
    afterEach(() => delete g.getStackString);
    /** An error whose stack is '' as SES leaves it. */
    const tamed = () => Object.defineProperty(new TypeError('probe'), 'stack', { value: '' });

    it('takes the frames from it when the stack is empty, under the usual first line', () => {
      g.getStackString = () => '\n  at f (https://shop.example/app.js:2:27)';
      expect(describeThrown(tamed()).stack).toBe('TypeError: probe\n  at f (https://shop.example/app.js:2:27)');
    });

    it('never asks it when the stack is there', () => {
      let asked = 0;
      g.getStackString = () => (asked++, 'other');
      const error = new Error('boom');
      expect(describeThrown(error).stack).toBe(error.stack);
      expect(asked).toBe(0);
    });

    it('gives an empty stack when it throws or gives nothing', () => {
      g.getStackString = () => {
        throw new Error('not SES');
      };
      expect(describeThrown(tamed())).toMatchObject({ message: 'TypeError: probe', stack: '' });
      g.getStackString = () => '';
      expect(describeThrown(tamed()).stack).toBe('');
    });
  });
});
