// Small HTTP helpers: CORS headers, JSON answers, and a size-capped body reader.
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.mjs';
import { wellFormed } from './well-formed.mjs';

// The stock server's CORS policy; the allowed request headers are exactly these.
export const ALLOW_HEADERS = 'Origin, Content-Type, Authorization, X-App-Id, X-Timestamp, X-Nonce, X-Signature';
// Batch-dialect extension: lets the SDK read Retry-After and Date across origins.
export const EXPOSE_HEADERS = 'Retry-After, Date';

/** @param {import('node:http').ServerResponse} res */
export function setCors(res, methods = 'POST, OPTIONS') {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Methods', methods);
  res.setHeader('Access-Control-Allow-Headers', ALLOW_HEADERS);
}

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
  sendJsonText(res, status, JSON.stringify(body), headers);
}

/**
 * Sends text that already is JSON (pages are assembled from stored JSON, not re-encoded).
 * @param {import('node:http').ServerResponse} res @param {number} status @param {string} text
 * @param {Record<string, string>} [headers]
 */
export function sendJsonText(res, status, text, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** Thrown by readJson; the router turns it into a JSON error answer. */
export class HttpError extends Error {
  /** @param {number} status @param {string} message @param {Record<string, string>} [headers] */
  constructor(status, message, headers = {}) { super(message); this.status = status; this.headers = headers; }
}

/**
 * Reads a request body of at most `limit` bytes and parses it as a JSON object. The content
 * type is not checked, like gin's ShouldBindJSON: sendBeacon and preflight-free fetch send
 * text/plain;charset=UTF-8, others application/json.
 * @param {import('node:http').IncomingMessage} req @param {number} limit
 * @returns {Promise<{ body: Record<string, unknown>, bytes: number }>}
 */
export function readJson(req, limit) {
  return new Promise((resolve, reject) => {
    const tooLarge = () => new HttpError(413, `body larger than ${limit} bytes`, { Connection: 'close' });
    if (Number(req.headers['content-length']) > limit) return reject(tooLarge());
    /** @type {Buffer[]} */
    const chunks = [];
    let bytes = 0;
    let done = false;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (done) return; // past the cap: let the rest drain unbuffered
      bytes += chunk.length;
      if (bytes > limit) { done = true; chunks.length = 0; reject(tooLarge()); } else chunks.push(chunk);
    });
    req.on('error', (/** @type {Error} */ e) => { done = true; reject(e); });
    // A client that hangs up mid-body must not leave this promise pending forever.
    req.on('close', () => { if (!done) { done = true; reject(new Error('connection closed before the body ended')); } });
    req.on('end', () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return reject(new HttpError(400, 'request body is empty'));
      if (nestsDeeperThan(text)) return reject(new HttpError(400, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`));
      let body;
      // The parser's message quotes a bit of the input: cut it so the answer stays short.
      try { body = JSON.parse(text); } catch (e) { return reject(new HttpError(400, `malformed JSON: ${/** @type {SyntaxError} */ (e).message.slice(0, 200)}`)); }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return reject(new HttpError(400, 'request body must be a JSON object'));
      resolve({ body: wellFormed(body), bytes });
    });
  });
}
