// Stack frames through error-stack-parser, normalised to { file, line, column, function, inApp }.
// Parsing is deferred work (it never runs inside the event that raised the error); the
// cheap `topFrameKey` below is what the hot path uses for the duplicate check.
import ErrorStackParser from 'error-stack-parser';
import type { Frame } from '../tools/types';

export const MAX_FRAMES = 40;
/**
 * A stack line longer than this (UTF-16 units) is not parsed: a frame's URL is sent up to 2 000,
 * and error-stack-parser's Firefox/Safari function-name regex backtracks quadratically on a
 * long line without '@' (a V8 stack that is only a message of 8 000 characters: 150 ms in Chromium).
 */
export const MAX_FRAME_LINE = 2048;
/** A line of more than MAX_FRAME_LINE characters, written out as a literal (the stack tests check both sides of it). */
const LONG_LINE = /^.{2049,}$/gm;
const SCAN_CHARS = 4000;
/**
 * No frame has a double quote after its last '@' (a URL holds none raw), and a line with one is
 * left out: error-stack-parser's Firefox/Safari function-name regex /((.*".+"[^@]*)?[^@]*)(?:@)/
 * backtracks exponentially on it (a stack that is JSON, an error-like object's: 20 fields 5 s).
 */
const frameLike = (line: string) => line.indexOf('"', line.lastIndexOf('@') + 1) < 0;
// Bounded scheme: linear time on long runs of letters. `@` is allowed inside a URL (CDN paths like lib@1.2.3).
const LOCATION = /([a-z][a-z0-9+.-]{0,31}:\/\/[^\s()]*?):(\d+):(\d+)/gi;
// Firefox places code made by `new Function` at "<url> line <n> > Function:<line>:<column>";
// error-stack-parser reads only eval's form of it. Read as the line that made the function (as
// Chrome's "eval at" frames are), not as a file named "<url> line <n> > Function".
const FUNCTION_CODE = / line (\d+) > Function:\d+:\d+/g;

export function isInApp(file: string, origin: string): boolean {
  return !!origin && file.startsWith(origin + '/');
}

export function parseFrames(stack: string, origin: string): Frame[] {
  let parsed: ErrorStackParser.StackFrame[];
  try {
    // error-stack-parser throws on a stack it cannot read (an empty one too); the report
    // still goes out with its raw `stack` and no frames.
    const lines = stack.replace(LONG_LINE, '').replace(FUNCTION_CODE, ':$1').split('\n');
    parsed = ErrorStackParser.parse({ stack: lines.filter(frameLike).join('\n'), message: '', name: '' } as Error);
  } catch {
    return [];
  }
  const frames: Frame[] = [];
  for (const f of parsed) {
    if (frames.length >= MAX_FRAMES) break;
    const file = f.fileName || '';
    // error-stack-parser's Firefox/Safari branch turns any text line into a "frame"
    // (a stack that is only the message, Error.stackTraceLimit = 0): a frame without a line is not one
    // (native frames such as Safari's `forEach@[native code]` excepted).
    if (!f.lineNumber && file !== '[native code]') continue;
    frames.push({
      file,
      line: f.lineNumber,
      column: f.columnNumber,
      function: f.functionName || undefined,
      inApp: isInApp(file, origin),
    });
  }
  return frames;
}

/** `file:line:column` of the top in-app frame (else the top frame), read with one regex pass. */
export function topFrameKey(stack: string, origin: string): string {
  let first = '';
  LOCATION.lastIndex = 0;
  const head = stack.slice(0, SCAN_CHARS);
  for (let m = LOCATION.exec(head); m; m = LOCATION.exec(head)) {
    const key = m[0];
    if (isInApp(m[1], origin)) return key;
    if (!first) first = key;
  }
  return first;
}
