// npm entry. Import-safe: nothing here touches window at import time, so importing in Node
// or during server rendering does nothing until init().
export { Tracely } from './core/client';
export { captureError, reportEvent, onRouteChange } from './core/functions';
export type { TracelyOptions } from './core/config';
export type { ErrorItem, EventItem, Frame, Cause, ErrorType } from './core/types';
export { Tracely as default } from './core/client';
