import type { ReportInfo } from '../../tools/types';
import { quietly } from '../../tools/guard';

/** What the integration needs of a client: `Tracely`, `Client`, or anything with reportError. */
export interface Reporter {
  reportError(error: unknown, info?: string | ReportInfo): void;
}

/** Reports without ever throwing into React: a client's methods are guarded, a stand-in may not be. */
export function report(client: Reporter | null | undefined, error: unknown, info: ReportInfo): void {
  quietly(() => client?.reportError(error, info));
}
