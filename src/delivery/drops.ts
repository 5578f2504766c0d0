// Reports that passed the gates but will not be delivered are counted, by reason, in one
// place. Where the dialect can carry them (the batch dialect), the counts go to the server
// as a drop report with an id, so a collector adds one report's counts once even when it
// arrives twice; a report is kept until a 2xx answer acknowledges it.
import { randomHex } from '../tools/env';
import type { Logger } from '../tools/logger';

export type DropReason =
  | 'queue_full'
  | 'final_4xx'
  | 'rejected'
  | 'retries_exhausted'
  | 'too_old'
  | 'spool_full'
  | 'spool_invalid'
  | 'no_fetch'
  | 'consent_revoked'
  | 'build_failed';

/** Drop counts by reason (`c`), with an id (`i`, 32 hex): the body's `dropped` and `dropsId`. */
export interface DropReport {
  i: string;
  c: Record<string, number>;
}

/** Unacknowledged drop reports kept; beyond it the oldest go. */
export const MAX_DROP_REPORTS = 8;

/** The one maker of drop reports. */
export const dropReport = (counts: Record<string, number>): DropReport => ({ i: randomHex(), c: counts });

const hasAny = (counts: object): boolean => Object.keys(counts).length > 0;

export interface Drops {
  /** Counts `count` items dropped for `reason`. */
  _count(reason: DropReason, count: number): void;
  /** Takes back reports an earlier page left unacknowledged (from the spool). */
  _restore(reports: DropReport[]): void;
  /** The report the next request carries: the oldest unacknowledged one, else the fresh counts. */
  _next(): DropReport | undefined;
  /** The server has the report: it is never sent again. */
  _ack(report: DropReport | undefined): void;
  /** What the spool keeps: every unacknowledged report, and the fresh counts as one more (not taken: this page may still send them). */
  _unsent(): DropReport[];
}

/** `carried`: the dialect carries drop reports (otherwise drops are only logged and passed to `onDrop`). */
export function drops(carried: boolean, log: Logger, onDrop?: (reason: DropReason, count: number) => void): Drops {
  /** Counts not yet in a report, and reports not yet acknowledged. */
  let fresh: Record<string, number> = {};
  let reports: DropReport[] = [];
  return {
    _count(reason, count) {
      log(`dropped ${count} item(s): ${reason}`);
      if (carried) fresh[reason] = (fresh[reason] || 0) + count;
      try {
        onDrop?.(reason, count);
      } catch {
        // A drop counter never breaks delivery.
      }
    },
    _restore(old) {
      if (carried) reports = reports.concat(old).slice(-MAX_DROP_REPORTS);
    },
    _next() {
      if (!reports.length && hasAny(fresh)) {
        reports.push(dropReport(fresh));
        fresh = {};
      }
      return reports[0];
    },
    _ack(report) {
      reports = reports.filter((r) => r !== report);
    },
    _unsent: () => (hasAny(fresh) ? reports.concat(dropReport({ ...fresh })) : reports),
  };
}
