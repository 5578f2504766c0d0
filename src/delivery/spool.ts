// What is still unsent when the page is left waits in localStorage for the next page load
// of the same origin. Written synchronously (nothing asynchronous survives a page exit),
// bounded in size and age, and shared by the origin's tabs: each page keeps its own record
// under its own id, so one tab never overwrites another's.
import { randomHex, readStorage, removeStorage, writeStorage } from '../tools/env';
import type { DropReport } from './batch';

export const SPOOL_KEY = '_tracely_spool';

/** One queued item as spooled: kind, JSON body, time it was queued (ms epoch). */
export type SpooledEntry = [kind: 'error' | 'event', body: string, queuedAt: number];

/** One page's leftovers: entries, and drop reports not yet acknowledged. */
export interface SpoolRecord {
  e: SpooledEntry[];
  d: DropReport[];
}

type Spool = Record<string, SpoolRecord>;

function read(): Spool {
  try {
    const spool = JSON.parse(readStorage(SPOOL_KEY) || '{}');
    return spool && typeof spool === 'object' ? spool : {};
  } catch {
    return {};
  }
}

/** Takes every page's leftovers out of storage, so that no other tab sends them too. */
export function takeSpool(): SpoolRecord[] {
  const records = Object.values(read());
  if (records.length) removeStorage(SPOOL_KEY);
  return records;
}

/**
 * Replaces this page's record with `entries` (oldest first) and `reports`, keeping the whole
 * spool within `maxChars` (localStorage counts UTF-16 units). Entries that do not fit are
 * counted as `spool_full` in the record itself: they are lost only if this page never
 * sends them. An empty record is removed. Returns whether a record remains.
 */
export function writeSpool(page: string, entries: SpooledEntry[], reports: DropReport[], maxChars: number): boolean {
  const spool = read();
  delete spool[page];
  let size = JSON.stringify(spool).length + JSON.stringify(reports).length + 100;
  const kept: SpooledEntry[] = [];
  for (const entry of entries) {
    if ((size += JSON.stringify(entry).length + 1) > maxChars) break;
    kept.push(entry);
  }
  const lost = entries.length - kept.length;
  if (lost) reports = reports.concat({ i: randomHex(), c: { spool_full: lost } });
  const keep = kept.length + reports.length > 0;
  if (keep) spool[page] = { e: kept, d: reports };
  if (Object.keys(spool).length) writeStorage(SPOOL_KEY, JSON.stringify(spool));
  else removeStorage(SPOOL_KEY);
  return keep;
}
