// What a React error report carries besides the error: React's component stack as its own
// field (never in the message, so groups stay stable between builds) and the failed component.
import type { ReportInfo } from '../../tools/types';

/** Characters of the component stack looked at for the component's name. */
const MAX_NAME_SCAN = 500;

/** Where React reported the error from (the `reactHandler` tag). */
export type ReactHandler = 'boundary' | 'caught' | 'uncaught' | 'recoverable';

/** The innermost component of a component stack: `at Name (...)` (Chrome, React 19) or `Name@...` (Firefox, Safari). */
export function componentOf(componentStack: unknown): string | undefined {
  if (typeof componentStack != 'string') return undefined;
  const m = /^\s*(?:at\s+)?([\w$.<>-]+)/.exec(componentStack.slice(0, MAX_NAME_SCAN).replace(/^\s*\n/, ''));
  return m ? m[1] : undefined;
}

/** reportError's object form for an error React handed over, with its `errorInfo`. */
export function reactFields(errorInfo: unknown, handler: ReactHandler): ReportInfo {
  let componentStack: unknown;
  try {
    // Read as data only: errorInfo is React's plain object.
    const d = errorInfo && typeof errorInfo == 'object' ? Object.getOwnPropertyDescriptor(errorInfo, 'componentStack') : undefined;
    componentStack = d && 'value' in d ? d.value : undefined;
  } catch {
    componentStack = undefined;
  }
  const out: ReportInfo = { tags: { reactHandler: handler } };
  if (typeof componentStack == 'string' && componentStack) {
    out.componentStack = componentStack;
    out.component = componentOf(componentStack);
  }
  return out;
}
