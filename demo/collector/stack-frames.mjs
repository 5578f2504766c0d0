// An error's frames: the SDK sends them parsed (`frames`); a client that sends only the
// `stack` text (the original SDKs, the stock dialect's minimum) gets them parsed here with
// error-stack-parser, so its minified frames can be resolved and shown too.
import ErrorStackParser from 'error-stack-parser';

/** Characters of a stack parsed (the SDK caps its stacks at 8000). */
export const MAX_PARSED_STACK_CHARS = 16_000;

/**
 * @typedef {{ file?: string, line?: number, column?: number, function?: string, inApp?: boolean, parsedByCollector?: true }} ParsedFrame
 */

/**
 * The frames as sent, or parsed from `stack` when the body has no `frames` array.
 * @param {Record<string, unknown>} body client JSON
 * @returns {unknown[] | null} null: neither frames nor a stack that parses
 */
export function framesOf(body) {
  if (Array.isArray(body.frames)) return body.frames;
  if (typeof body.stack !== 'string' || body.stack === '') return null;
  try {
    const parsed = ErrorStackParser.parse(/** @type {Error} */ ({ name: '', message: '', stack: body.stack.slice(0, MAX_PARSED_STACK_CHARS) }));
    return parsed.map((f) => /** @type {ParsedFrame} */ ({ file: f.fileName, line: f.lineNumber, column: f.columnNumber, function: f.functionName, parsedByCollector: true }));
  } catch {
    return null; // not a stack any browser writes
  }
}
