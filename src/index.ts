// npm entry. Import-safe: nothing here touches window at import time, so importing in Node
// or during server rendering does nothing until init().
export { Tracely } from './core/client';
export { captureError, reportEvent, onRouteChange } from './core/functions';
export type { TracelyOptions } from './core/config';
// Consent decided before the SDK loads: the `consent` option, or the page's `tracelyConsent` stub (README: consent).
export type { Consent, ConsentState } from './gates/consent';
export type { BeforeSend } from './gates/before-send';
export type { Pattern } from './gates/filters';
export type { BreadcrumbSwitches } from './core/config';
export type { Breadcrumb, BeforeBreadcrumb } from './sources/breadcrumbs/ring';
export type { ErrorItem, EventItem, Frame, Cause, ErrorType } from './core/types';
export { Tracely as default } from './core/client';
