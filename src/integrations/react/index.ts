// `@tracely/browser/react`: an error boundary and React 19's root error options, each reporting
// to a Tracely client with the component stack as a field of its own. `react` is an optional
// peer dependency, never bundled. One report per error: the same Error object seen by the
// boundary, a root option and window's error event is reported once (its first report takes
// the component fields of the later ones while it waits to be built).
export { ErrorBoundary, type ErrorBoundaryProps, type FallbackProps } from './boundary';
export { reactErrorHandlers, type ReactErrorHandlers } from './root';
export { reactFields, componentOf, type ReactHandler } from './fields';
export type { ReportInfo } from '../../tools/types';
/** What the integration needs of a client: Tracely, Client, or anything with reportError. */
export type { Reporter } from './reporter';
