// Stack frames normalised across Chrome, Firefox and Safari, from recorded stack strings.
import { describe, expect, it } from 'vitest';
import { MAX_FRAMES, MAX_FRAME_LINE, isInApp, parseFrames, topFrameKey } from '../../../src/report/stack';

const ORIGIN = 'https://example.com';

// Chrome / Edge (V8): the message line first, then "    at" frames.
const CHROME = [
  "TypeError: Cannot read properties of undefined (reading 'id')",
  '    at renderUser (https://example.com/assets/app.3f2a1b.js:12:2345)',
  '    at https://example.com/assets/app.3f2a1b.js:40:17',
  '    at Array.forEach (<anonymous>)',
  '    at async loadUsers (https://example.com/assets/app.3f2a1b.js:88:9)',
  '    at eval (eval at compile (https://example.com/assets/app.3f2a1b.js:3:50), <anonymous>:1:7)',
  '    at new Widget (https://cdn.example.net/widget/2.0/widget.min.js:1:900)',
  '    at HTMLButtonElement.<anonymous> (chrome-extension://abcdefghijklmnopabcdefghijklmnop/content.js:10:20)',
].join('\n');

// Firefox: "function@url:line:column", no message line; async frames are prefixed "async*".
const FIREFOX = [
  'renderUser@https://example.com/assets/app.js:12:2345',
  'loadUsers/<@https://example.com/assets/app.js:40:17',
  'async*loadUsers@https://example.com/assets/app.js:88:9',
  '@https://example.com/assets/app.js:5:1',
  'compile@https://example.com/assets/app.js line 3 > eval:1:7',
  'Widget@https://cdn.example.net/widget/2.0/widget.min.js:1:900',
  'inject@moz-extension://0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0/content.js:10:20',
  '',
].join('\n');

// Safari: like Firefox, plus "global code" and native frames.
const SAFARI = [
  'renderUser@https://example.com/assets/app.js:12:2345',
  'forEach@[native code]',
  '@https://example.com/assets/app.js:40:17',
  '[native code]',
  'global code@https://example.com/assets/app.js:90:1',
].join('\n');

describe('parseFrames: Chrome', () => {
  const frames = parseFrames(CHROME, ORIGIN);

  it('reads function, file, line and column, skipping the message line', () => {
    expect(frames[0]).toEqual({ file: 'https://example.com/assets/app.3f2a1b.js', line: 12, column: 2345, function: 'renderUser', inApp: true });
  });

  it('reads an anonymous frame without a function name', () => {
    expect(frames[1]).toEqual({ file: 'https://example.com/assets/app.3f2a1b.js', line: 40, column: 17, function: undefined, inApp: true });
  });

  it('drops a frame with neither file nor location (native <anonymous>)', () => {
    expect(frames.some((f) => f.function === 'Array.forEach')).toBe(false);
  });

  it('reads async frames', () => {
    expect(frames[2]).toMatchObject({ file: 'https://example.com/assets/app.3f2a1b.js', line: 88, column: 9, function: 'async loadUsers' });
  });

  it('reads an eval frame at the place eval was called', () => {
    expect(frames[3]).toMatchObject({ file: 'https://example.com/assets/app.3f2a1b.js', line: 3, column: 50, function: 'eval' });
  });

  it('marks CDN and extension frames as not in-app', () => {
    expect(frames[4]).toEqual({ file: 'https://cdn.example.net/widget/2.0/widget.min.js', line: 1, column: 900, function: 'new Widget', inApp: false });
    expect(frames[5]).toMatchObject({ file: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/content.js', line: 10, column: 20, inApp: false });
    expect(frames).toHaveLength(6);
  });
});

describe('parseFrames: Firefox', () => {
  const frames = parseFrames(FIREFOX, ORIGIN);

  it('reads function, file, line and column', () => {
    expect(frames[0]).toEqual({ file: 'https://example.com/assets/app.js', line: 12, column: 2345, function: 'renderUser', inApp: true });
    expect(frames[1]).toMatchObject({ function: 'loadUsers/<', line: 40, column: 17, inApp: true });
    expect(frames[2]).toMatchObject({ function: 'async*loadUsers', line: 88, column: 9, inApp: true });
  });

  it('reads an anonymous frame', () => {
    expect(frames[3]).toEqual({ file: 'https://example.com/assets/app.js', line: 5, column: 1, function: undefined, inApp: true });
  });

  it('reads an eval frame as the line that called eval', () => {
    expect(frames[4]).toMatchObject({ file: 'https://example.com/assets/app.js', line: 3, function: 'compile' });
  });

  // Recorded in Firefox ESR 153 (test/firefox/capture.test.mjs): error-stack-parser reads only eval's form.
  it('reads a `new Function` frame as the line that made the function, not as a file "… line 6 > Function"', () => {
    const [made, maker] = parseFrames('anonymous@https://example.com/assets/app.js line 6 > Function:5:7\nbuild@https://example.com/assets/app.js:6:79\n', ORIGIN);
    expect(made).toEqual({ file: 'https://example.com/assets/app.js', line: 6, column: undefined, function: 'anonymous', inApp: true });
    expect(maker).toEqual({ file: 'https://example.com/assets/app.js', line: 6, column: 79, function: 'build', inApp: true });
  });

  it('marks CDN and extension frames as not in-app, and skips the empty trailing line', () => {
    expect(frames[5]).toMatchObject({ file: 'https://cdn.example.net/widget/2.0/widget.min.js', line: 1, column: 900, inApp: false });
    expect(frames[6]).toMatchObject({ function: 'inject', line: 10, column: 20, inApp: false });
    expect(frames).toHaveLength(7);
  });
});

describe('parseFrames: Safari', () => {
  const frames = parseFrames(SAFARI, ORIGIN);

  it('reads named, anonymous and global code frames', () => {
    expect(frames[0]).toEqual({ file: 'https://example.com/assets/app.js', line: 12, column: 2345, function: 'renderUser', inApp: true });
    const anonymous = frames.find((f) => f.line === 40);
    expect(anonymous).toEqual({ file: 'https://example.com/assets/app.js', line: 40, column: 17, function: undefined, inApp: true });
    expect(frames[frames.length - 1]).toEqual({ file: 'https://example.com/assets/app.js', line: 90, column: 1, function: 'global code', inApp: true });
  });

  it('keeps native frames as not in-app and drops the bare [native code] line', () => {
    const native = frames.filter((f) => f.file === '[native code]');
    expect(native).toEqual([{ file: '[native code]', line: undefined, column: undefined, function: 'forEach', inApp: false }]);
    expect(frames).toHaveLength(4);
  });
});

describe('parseFrames: limits and bad input', () => {
  it('returns [] for an empty or blank stack', () => {
    expect(parseFrames('', ORIGIN)).toEqual([]);
    expect(parseFrames('\n\n', ORIGIN)).toEqual([]);
  });

  it('never throws on garbage', () => {
    for (const stack of ['not a stack at all', 'Error: boom', '@', ':::', '    at ', '    at (native)', '\u0000\uffff', 'x'.repeat(100_000)]) {
      expect(() => parseFrames(stack, ORIGIN), JSON.stringify(stack.slice(0, 20))).not.toThrow();
      expect(Array.isArray(parseFrames(stack, ORIGIN))).toBe(true);
    }
  });

  it('caps the frames at MAX_FRAMES, keeping the top of the stack', () => {
    const lines = ['RangeError: Maximum call stack size exceeded'];
    for (let i = 1; i <= 500; i++) lines.push(`    at recurse (https://example.com/app.js:${i}:1)`);
    const frames = parseFrames(lines.join('\n'), ORIGIN);
    expect(MAX_FRAMES).toBe(40);
    expect(frames).toHaveLength(MAX_FRAMES);
    expect(frames[0].line).toBe(1);
    expect(frames[MAX_FRAMES - 1].line).toBe(MAX_FRAMES);
  });

  it('marks nothing in-app without an origin', () => {
    expect(parseFrames(CHROME, '').every((f) => !f.inApp)).toBe(true);
  });
});

describe('isInApp', () => {
  it('matches the page origin only, not a look-alike host or another port', () => {
    expect(isInApp('https://example.com/app.js', ORIGIN)).toBe(true);
    expect(isInApp('https://example.com.evil.net/app.js', ORIGIN)).toBe(false);
    expect(isInApp('https://example.com:8443/app.js', ORIGIN)).toBe(false);
    expect(isInApp('http://example.com/app.js', ORIGIN)).toBe(false);
    expect(isInApp('https://cdn.example.com/app.js', ORIGIN)).toBe(false);
    expect(isInApp('chrome-extension://abc/app.js', ORIGIN)).toBe(false);
    expect(isInApp('https://example.com/app.js', '')).toBe(false);
  });
});

describe('topFrameKey', () => {
  it('picks the first in-app frame, skipping vendor frames above it', () => {
    const stack = [
      'Error: boom',
      '    at Object.invoke (https://cdn.example.net/vendor.js:1:100)',
      '    at chrome-extension://abc/content.js:2:3',
      '    at handler (https://example.com/app.js:7:42)',
      '    at main (https://example.com/app.js:9:1)',
    ].join('\n');
    expect(topFrameKey(stack, ORIGIN)).toBe('https://example.com/app.js:7:42');
  });

  it('reads Firefox and Safari stacks too', () => {
    expect(topFrameKey(FIREFOX, ORIGIN)).toBe('https://example.com/assets/app.js:12:2345');
    expect(topFrameKey(SAFARI, ORIGIN)).toBe('https://example.com/assets/app.js:12:2345');
    expect(topFrameKey('lib@https://cdn.example.net/x.js:1:2\nrun@https://example.com/app.js:3:4', ORIGIN)).toBe('https://example.com/app.js:3:4');
  });

  it('falls back to the first frame when none is in-app', () => {
    const stack = 'Error: x\n    at a (https://cdn.example.net/lib.js:1:2)\n    at b (https://other.example.org/c.js:3:4)';
    expect(topFrameKey(stack, ORIGIN)).toBe('https://cdn.example.net/lib.js:1:2');
    expect(topFrameKey(CHROME, '')).toBe('https://example.com/assets/app.3f2a1b.js:12:2345');
  });

  it("is '' when there is no frame", () => {
    expect(topFrameKey('', ORIGIN)).toBe('');
    expect(topFrameKey('Error: no frames here', ORIGIN)).toBe('');
    expect(topFrameKey('    at Array.forEach (<anonymous>)', ORIGIN)).toBe('');
  });

  it('gives the same answer when called again (no state left between calls)', () => {
    const stack = 'Error\n    at a (https://cdn.example.net/lib.js:1:2)\n    at b (https://example.com/app.js:3:4)';
    expect(topFrameKey(stack, ORIGIN)).toBe('https://example.com/app.js:3:4');
    expect(topFrameKey(stack, ORIGIN)).toBe('https://example.com/app.js:3:4');
    expect(topFrameKey(CHROME, ORIGIN)).toBe('https://example.com/assets/app.3f2a1b.js:12:2345');
  });
});

// Regressions found by review: each of these once froze a page or lost a report's location.
describe('regressions', () => {
  it('text that is not a stack gives no frames', () => {
    expect(parseFrames('Error: boom', 'https://example.com')).toEqual([]);
    expect(parseFrames('not a stack at all', 'https://example.com')).toEqual([]);
  });

  it('a CDN URL with "@" in its path is a frame location', () => {
    expect(topFrameKey('    at f (https://cdn.jsdelivr.net/npm/lib@1.2.3/dist/lib.js:1:2)', 'https://example.com')).toBe(
      'https://cdn.jsdelivr.net/npm/lib@1.2.3/dist/lib.js:1:2',
    );
  });
});

describe('parseFrames on long lines', () => {
  // error-stack-parser's Firefox/Safari branch ran /((.*".+"[^@]*)?[^@]*)(?:@)/ on such a line:
  // 30 quoted fields (a JSON body as an error-like object's stack) took 41 s on this machine.
  it('leaves out a line with a double quote after its last @ (no frame has one), in bounded time, and reads the frames around it', () => {
    const json = JSON.stringify(Object.fromEntries(Array.from({ length: 30 }, (_, i) => ['field' + i, 'value' + i])));
    const stack = `HttpError: ${json}\nload@https://site.test/app.js:10:5\n${json}\n@https://cdn.test/lib.js:1:2`;
    const start = performance.now();
    const frames = parseFrames(stack, 'https://site.test');
    expect(performance.now() - start).toBeLessThan(1_000);
    expect(frames.map((f) => [f.file, f.line])).toEqual([
      ['https://site.test/app.js', 10],
      ['https://cdn.test/lib.js', 1],
    ]);
  });

  it('skips a line over MAX_FRAME_LINE, reading the frames around it', () => {
    const long = `    at f (https://site.test/${'a'.repeat(MAX_FRAME_LINE)}.js:1:1)`;
    const stack = `Error: boom\n    at one (https://site.test/app.js:1:2)\n${long}\n    at two (https://site.test/app.js:3:4)`;
    expect(parseFrames(stack, 'https://site.test').map((f) => f.line)).toEqual([1, 3]);
  });

  it('reads a frame line of exactly MAX_FRAME_LINE characters', () => {
    const head = '    at f (https://site.test/';
    const tail = '.js:7:1)';
    const line = head + 'a'.repeat(MAX_FRAME_LINE - head.length - tail.length) + tail;
    expect(line).toHaveLength(MAX_FRAME_LINE);
    expect(parseFrames(`Error: boom\n${line}`, 'https://site.test').map((f) => f.line)).toEqual([7]);
  });
});
