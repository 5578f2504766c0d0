// npm entry. Import-safe: nothing here touches window at import time, so importing in Node
// or during server rendering does nothing until init().
export { Tracely } from './root/client';
export { captureError, reportEvent, onRouteChange } from './root/functions';
export type { TracelyOptions } from './root/config';
// Consent decided before the SDK loads: the `consent` option, or the page's `tracelyConsent` stub (README: consent).
export type { Consent, ConsentState } from './gates/consent';
export type { BeforeSend } from './gates/before-send';
export type { Pattern } from './gates/filters';
export type { BreadcrumbSwitches } from './root/config';
export type { Breadcrumb, BeforeBreadcrumb } from './sources/breadcrumbs/ring';
export type { ErrorItem, EventItem, Frame, Cause, ErrorType } from './tools/types';
export { Tracely as default } from './root/client';
