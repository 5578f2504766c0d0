// Fault injection: a test facility, not part of the Tracely protocol. It lets the end-to-end
// tests play a failing server (429/5xx) or a flaky network (connections cut) against the real
// SDK. It exists only in a collector started for tests (createCollector({ testControls: true }),
// `--test-controls` or TRACELY_TEST_CONTROLS=1), on a loopback address, and answers only
// requests from this machine that no web page made: otherwise any page could switch every
// report to 503.
import { readJson, sendJson, HttpError } from './http.mjs';
import { isLoopbackAddress } from './loopback.mjs';

/**
 * @typedef {{ status?: number, retryAfter?: number, forMs?: number, dropEveryOther?: boolean }} FaultSpec
 */

/**
 * @param {Record<string, any>} spec a request body: any JSON object from the network, checked field by field here
 * @returns {FaultSpec} the spec, or throws HttpError 400 naming the bad field
 */
function parseSpec(spec) {
  /** @type {(field: string, want: string) => never} */
  const bad = (field, want) => { throw new HttpError(400, `${field} must be ${want}`); };
  const { status, retryAfter, forMs, dropEveryOther } = spec;
  for (const key of Object.keys(spec)) if (!['status', 'retryAfter', 'forMs', 'dropEveryOther'].includes(key)) bad(key, 'absent (unknown field)');
  if (status !== undefined && !(Number.isInteger(status) && status >= 400 && status <= 599)) bad('status', 'an HTTP error status such as 429, 500 or 503');
  if (retryAfter !== undefined && !(Number.isInteger(retryAfter) && retryAfter >= 0)) bad('retryAfter', 'a non-negative integer (seconds)');
  if (forMs !== undefined && !(Number.isFinite(forMs) && forMs > 0)) bad('forMs', 'a positive number of milliseconds');
  if (dropEveryOther !== undefined && typeof dropEveryOther !== 'boolean') bad('dropEveryOther', 'a boolean');
  return { status, retryAfter, forMs, dropEveryOther };
}

export function createFaults(clock = Date.now) {
  /** @type {FaultSpec} */
  let spec = {};
  let until = Infinity;
  let seen = 0;
  const active = () => clock() < until;
  return {
    /**
     * Replaces the current settings; `{}` clears them.
     * @param {Record<string, unknown>} next
     */
    set(next) {
      spec = parseSpec(next);
      until = spec.forMs ? clock() + spec.forMs : Infinity;
      seen = 0;
    },
    describe: () => (active() ? { ...spec, remainingMs: until === Infinity ? null : until - clock() } : {}),
    /**
     * What to do with an incoming /report/* POST: 'drop' (cut the connection), an injected
     * answer, or null to serve it normally. With dropEveryOther the first request after the
     * setting is cut, the second served, and so on: a test can count on the first loss.
     * @returns {'drop' | { status: number, headers: Record<string, string> } | null}
     */
    decide() {
      if (!active()) return null;
      if (spec.dropEveryOther && seen++ % 2 === 0) return 'drop';
      if (spec.status) return { status: spec.status, headers: spec.retryAfter !== undefined ? { 'Retry-After': String(spec.retryAfter) } : {} };
      return null;
    },
  };
}

/**
 * POST /_control/faults (body: FaultSpec), GET /_control/faults, POST /_control/reset-rate-limit.
 * @param {ReturnType<typeof createFaults>} faults
 * @param {{ reset(): void }} limiter
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, path: string) => Promise<void>}
 */
export function createControl(faults, limiter) {
  return async function control(req, res, path) {
    // Browsers send Origin on every POST (and on cross-origin GETs); test runners do not.
    if (!isLoopbackAddress(req.socket.remoteAddress) || req.headers.origin !== undefined) {
      return sendJson(res, 403, { error: 'test controls answer only local test runners, not web pages' });
    }
    if (path === '/_control/faults') {
      if (req.method === 'GET') return sendJson(res, 200, faults.describe());
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'GET, POST' });
      const { body } = await readJson(req, 4096);
      faults.set(body);
      return sendJson(res, 200, faults.describe());
    }
    if (path === '/_control/reset-rate-limit') {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' }, { Allow: 'POST' });
      limiter.reset();
      return sendJson(res, 200, { ok: true });
    }
    sendJson(res, 404, { error: 'not found' });
  };
}
