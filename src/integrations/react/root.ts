// React 19's root options (createRoot / hydrateRoot): each reports the error, then does what
// React does without the option, so the page's console and window error event stay as they were.
import { reactFields } from './fields';
import { report, type Reporter } from './reporter';

type ErrorInfo = { componentStack?: string };

export interface ReactErrorHandlers {
  onCaughtError(error: unknown, errorInfo: ErrorInfo): void;
  onUncaughtError(error: unknown, errorInfo: ErrorInfo): void;
  onRecoverableError(error: unknown, errorInfo: ErrorInfo): void;
}

/** React's own default for uncaught and recoverable errors: window.reportError, else console.error. */
function reportGlobal(error: unknown): void {
  if (typeof reportError == 'function') reportError(error);
  else if (typeof console != 'undefined') console.error(error);
}

/** `createRoot(el, { ...reactErrorHandlers(tracely) })`: reports, and keeps React's own logging. */
export function reactErrorHandlers(client: Reporter): ReactErrorHandlers {
  return {
    onCaughtError(error, errorInfo) {
      report(client, error, reactFields(errorInfo, 'caught'));
      if (typeof console != 'undefined') console.error(error);
    },
    onUncaughtError(error, errorInfo) {
      report(client, error, reactFields(errorInfo, 'uncaught'));
      reportGlobal(error);
    },
    onRecoverableError(error, errorInfo) {
      report(client, error, reactFields(errorInfo, 'recoverable'));
      reportGlobal(error);
    },
  };
}
