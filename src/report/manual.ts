// The object form of reportError(error, info): context carried as fields of their own, never
// glued into the message (so grouping on a stock server, md5 of type + message, stays stable
// across builds). Read without running the page's code: describeJson copies own data
// properties only (no getter or toJSON runs), at most MAX_DESCRIBED_NODES values and
// MAX_DESCRIBED_STRING characters per string, MAX_FIELD_CHARS per field.
import { describeJson, toJson } from '../tools/json';

export type { ReportInfo } from '../tools/types';

/** Characters of JSON kept per field; a larger field is replaced by TOO_LARGE. */
export const MAX_FIELD_CHARS = 4096;
export const TOO_LARGE = '[too large]';
/** The fields the object form carries (any other key is ignored: it could not override the report's own). */
export const REPORT_FIELDS = ['tags', 'extra', 'componentStack', 'component', 'componentTrace', 'lifecycle'] as const;

/**
 * The object form read: the message suffix, and the fields for the report. An object with
 * none of these keys is the old form: described and appended to the message, as before.
 */
export function reportFields(info: object): { info?: unknown; fields?: Record<string, unknown> } {
  const fields: Record<string, unknown> = {};
  let copy: Record<string, unknown> = {};
  try {
    copy = JSON.parse(describeJson(info) || '{}');
  } catch {
    // A cycle (or a trap that throws): no fields.
  }
  // A value that is no object as JSON (a Date: its time) is the old form too.
  if (!copy || typeof copy != 'object') copy = {};
  let known = 'info' in copy;
  for (const key of REPORT_FIELDS) if (copy[key] != null) (known = true), (fields[key] = toJson(copy[key]).length > MAX_FIELD_CHARS ? TOO_LARGE : copy[key]);
  return known ? { info: copy.info, fields } : { info };
}
