/** One stack frame, normalised across Chrome, Firefox and Safari. */
export interface Frame {
  file: string;
  line?: number;
  column?: number;
  function?: string;
  /** The frame's file is served from the page's own origin (not a CDN, extension or eval). */
  inApp: boolean;
}

export interface Cause {
  message: string;
  stack?: string;
}

export type ErrorType = 'jsError' | 'resourceError' | 'promiseError' | 'cspError' | 'manualError';

/** Where the frames of a V8 stack begin, after its first line (the error's name and message). */
export const V8_FIRST_FRAME = '\n    at ';

/** What a source hands the pipeline: the minimum taken synchronously at capture time. */
export interface ErrorDraft {
  type: ErrorType;
  message: string;
  stack: string;
  /** The thrown value's `cause` chain, described at capture time (the value may change later). */
  cause?: Cause[];
  /** Extra fields a source knows (for instance the failed resource's tag). */
  extra?: Record<string, unknown>;
  time: number;
  /** Fields already cut at capture (see boundDraft). */
  truncated?: string[];
  /** The thrown or rejected value itself: the same object is reported once, whichever way it comes in. Dropped at capture. */
  thrown?: unknown;
}

/** An error report: the stock five fields plus the SDK's additions (docs/PROTOCOL.md section 3). */
export interface ErrorItem {
  id: string;
  type: ErrorType;
  message: string;
  stack: string;
  url: string;
  appId: string;
  time: number;
  frames: Frame[];
  repeat: number;
  release?: string;
  environment?: string;
  page: string;
  cause?: Cause[];
  userId?: string;
  /** Names of the fields that were cut to fit the limits. */
  truncated?: string[];
  [extra: string]: unknown;
}

export interface EventItem {
  id: string;
  eventName: string;
  metadata?: Record<string, unknown>;
  appId: string;
  userId: string;
  time: number;
  page: string;
  release?: string;
  environment?: string;
  [extra: string]: unknown;
}

export type Item = { kind: 'error'; body: ErrorItem } | { kind: 'event'; body: EventItem };

/** reportError's second argument in its object form; every field optional. */
export interface ReportInfo {
  /** Appended to the message as the string form is (`"<message>: <info>"`): only for what should split groups. */
  info?: string;
  /** Tags for this report, over the ones set with setTag(). */
  tags?: Record<string, string | number | boolean>;
  /** Any data, sent as JSON. */
  extra?: Record<string, unknown>;
  /** React's component stack (cut to 1000 characters). */
  componentStack?: string;
  /** The component that failed (its name). */
  component?: string;
  /** Names of the components from the failed one up to the root. */
  componentTrace?: string[];
  /** Where in the component's life it failed (a Vue hook, `render`, an event handler...). */
  lifecycle?: string;
}
