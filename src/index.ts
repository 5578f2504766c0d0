// npm entry. Import-safe: nothing here touches window at import time, so importing in Node
// or during server rendering does nothing until init().
//
// Two ways in: `new Tracely(options)` has every part (as the script tag does);
// `new Client(options, [parts])` has only the parts the app imports, and a bundler leaves
// the others out.
export { Tracely } from './tracely';
export { Client } from './client';
export { breadcrumbs } from './sources/breadcrumbs';
export { routes } from './sources/routes';
export { dwell } from './sources/dwell';
export { webVitals } from './sources/vitals';
export { traceContext } from './sources/trace-context';
export { batchDialect } from './delivery/dialects/batch';
export { otlpDialect } from './delivery/dialects/otlp';
export { captureError, reportEvent, onRouteChange } from './functions';
export { SDK_VERSION } from './tools/sdk';
export type { TracelyOptions } from './tracely';
export type { ClientOptions, CoreOptions, UnsignedClientOptions } from './root/config';
export type { Part } from './tools/part';
export type { Dialect, UnsignedDialect } from './delivery/dialect';
// Consent decided before the SDK loads: the `consent` option, or the page's `tracelyConsent` stub (README: consent).
export type { Consent, ConsentState } from './gates/consent';
export type { BeforeSend } from './gates/before-send';
export type { Pattern } from './gates/filters';
export type { BreadcrumbSwitches } from './sources/breadcrumbs';
export type { TraceContextOptions, TraceTarget } from './sources/trace-context';
export type { Breadcrumb, BeforeBreadcrumb } from './sources/breadcrumbs/ring';
export type { ErrorItem, EventItem, Frame, Cause, ErrorType, ReportInfo } from './tools/types';
export { Tracely as default } from './tracely';
