// The session: one id per visit, shared by the origin's tabs, new after 30 minutes without
// activity or 4 hours in all. Kept in localStorage (consent permitting, through env.ts),
// else in memory for this page.
import { randomHex, readStorage, writeStorage } from './env';

export const SESSION_KEY = '_tracely_session';
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_MAX_MS = 4 * 3600_000;
/** Activity is written back at most this often: a storage write per click would be waste. */
export const SESSION_WRITE_MS = 10_000;
/** A stored time at most this far ahead of now is kept: clocks are corrected by small steps. */
export const SESSION_AHEAD_MS = 60_000;

interface Session {
  id: string;
  start: number;
  last: number;
}

let memory: Session | undefined;

/** The current session id (32 hex); calling it is activity (capture, click). */
export function sessionId(now: number = Date.now()): string {
  let s = memory;
  try {
    const stored = JSON.parse(readStorage(SESSION_KEY) || 'null');
    if (stored && typeof stored.id == 'string') s = stored;
  } catch {
    // Unreadable: the memory copy, or a new session.
  }
  // Written this way, a corrupt stored value (NaN times, an id that is not 32 hex) also starts a new session.
  // Times ahead of now (a clock set back since) would never expire: `last` is never rewritten.
  if (!(s && /^[0-9a-f]{32}$/.test(s.id) && now - s.last <= SESSION_IDLE_MS && now - s.start <= SESSION_MAX_MS && Math.max(s.start, s.last) - now <= SESSION_AHEAD_MS)) {
    s = { id: randomHex(16), start: now, last: now - SESSION_WRITE_MS };
  }
  if (now - s.last >= SESSION_WRITE_MS) {
    s.last = now;
    // Written by hand: hex and numbers only, and no JSON.stringify a page may have replaced.
    writeStorage(SESSION_KEY, `{"id":"${s.id}","start":${s.start},"last":${s.last}}`);
  }
  memory = s;
  return s.id;
}
