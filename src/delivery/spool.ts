// What is still unsent when the page is left waits in localStorage for the next page load
// of the same origin. Written synchronously (nothing asynchronous survives a page exit),
// bounded in size and age, and shared by the origin's tabs: each page keeps its own record
// under its own id, so one tab never overwrites another's.
//
// Storage is not ours alone: an older version, another script or a truncated write can leave
// a value of the right shape with wrong contents. Everything read back is checked record by
// record, entry by entry and report by report; what is invalid is discarded and counted (the
// caller's `invalid` callback, as `spool_invalid`), and never stops the rest from going.
import { readStorage, removeStorage, writeStorage } from '../tools/env';
import { toJson } from '../tools/json';
import { dropReport, type DropReport } from './drops';

export const SPOOL_KEY = '_tracely_spool';
/** Characters kept free, beyond the entries, for a record's frame and its drop report. */
export const RECORD_SLACK = 100;
/** Reasons one drop report may name (the collector takes 32). */
export const MAX_DROP_REASONS = 32;

/** One queued item as spooled: kind, JSON body, time it was queued (ms epoch). */
export type SpooledEntry = [kind: 'error' | 'event' | 'repeat', body: string, queuedAt: number];

/** One page's leftovers: entries, and drop reports not yet acknowledged. */
export interface SpoolRecord {
  e: SpooledEntry[];
  d: DropReport[];
}

/** Records by page id (no prototype: a page id is only a name). */
export type Spool = Record<string, SpoolRecord>;

const REPORT_ID = /^[0-9a-f]{32}$/;
const REASON = /^[a-z][a-z0-9_]{0,63}$/;

// The checks take a parsed value as it comes: whatever they cannot read (a throw) is invalid.

/** A kind the SDK sends; a body within the spool's bound that is a JSON object (a batch splices its kind in); a real time. */
function validEntry(entry: any, maxChars: number): boolean {
  try {
    const [kind, body, at] = entry;
    return (
      (kind == 'error' || kind == 'event' || kind == 'repeat') &&
      typeof body == 'string' &&
      body[0] == '{' &&
      body.length <= maxChars &&
      typeof at == 'number' &&
      at > 0 &&
      at < Infinity &&
      // Throws unless the whole body is JSON; with the `{`, it is an object.
      !!JSON.parse(body)
    );
  } catch {
    return false;
  }
}

/** A 32-hex id and a few named, whole, non-negative counts (a report rides on every batch until acknowledged). */
function validReport(report: any): boolean {
  try {
    const counts = report.c;
    const reasons = Object.keys(counts);
    return (
      REPORT_ID.test(report.i) &&
      typeof counts == 'object' &&
      reasons.length <= MAX_DROP_REASONS &&
      reasons.every((r) => REASON.test(r) && Number.isSafeInteger(counts[r]) && counts[r] >= 0)
    );
  } catch {
    return false;
  }
}

/**
 * Every page's valid record from storage, and whether anything is stored at all. Calls
 * `invalid(n)` with how many records, entries and reports it discarded (an unreadable value
 * counts one).
 */
export function readSpool(maxChars: number, invalid: (count: number) => void): [spool: Spool, stored: boolean] {
  const text = readStorage(SPOOL_KEY);
  const spool: Spool = Object.create(null);
  let records: any;
  let bad = 0;
  const now = Date.now();
  try {
    records = JSON.parse(text || '{}');
  } catch {
    // Truncated, or not JSON at all: counted below.
  }
  if (!records || typeof records != 'object') {
    records = {};
    bad = 1;
  }
  for (const page of Object.keys(records)) {
    const { e, d } = records[page] || {};
    if (!Array.isArray(e) || !Array.isArray(d)) {
      bad++;
      continue;
    }
    // A time ahead of the clock (set back since) counts as now: else the entry would never age,
    // and a batch would wait for company as long.
    const entries = e.filter((entry) => validEntry(entry, maxChars) && ((entry[2] = Math.min(entry[2], now)), true));
    const reports = d.filter(validReport);
    bad += e.length + d.length - entries.length - reports.length;
    if (entries.length + reports.length) spool[page] = { e: entries, d: reports };
  }
  if (bad) invalid(bad);
  return [spool, text != null];
}

/** Takes every page's leftovers out of storage, so that no other tab sends them too (nor counts the invalid twice). */
export function takeSpool(maxChars: number, invalid: (count: number) => void): SpoolRecord[] {
  const [spool, stored] = readSpool(maxChars, invalid);
  if (stored) removeStorage(SPOOL_KEY);
  return Object.values(spool);
}

/**
 * Replaces page `page`'s record in `spool` (as read) with `entries` (oldest first) and
 * `reports`, and stores it, keeping the whole spool within `maxChars` (localStorage counts
 * UTF-16 units). Entries that do not fit are counted as `spool_full` in the record itself:
 * they are lost only if this page never sends them. `sent` (already sent, delivery unknown) is
 * kept after them as room allows, and never counted. An empty record is removed. Returns
 * whether a record remains.
 */
export function writeSpool(spool: Spool, page: string, entries: SpooledEntry[], reports: DropReport[], maxChars: number, sent: SpooledEntry[] = []): boolean {
  delete spool[page];
  let size = toJson(spool).length + toJson(reports).length + RECORD_SLACK;
  const kept: SpooledEntry[] = [];
  for (const entry of entries.concat(sent)) {
    if ((size += toJson(entry).length + 1) > maxChars) break;
    kept.push(entry);
  }
  const lost = Math.max(0, entries.length - kept.length);
  if (lost) reports = reports.concat(dropReport({ spool_full: lost }));
  const keep = kept.length + reports.length > 0;
  if (keep) spool[page] = { e: kept, d: reports };
  if (Object.keys(spool).length) writeStorage(SPOOL_KEY, toJson(spool));
  else removeStorage(SPOOL_KEY);
  return keep;
}
