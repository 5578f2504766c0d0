// An error boundary that reports what it catches (React 16.8 to 19). Written without JSX so the
// build needs no React tooling.
import { Component, createElement, type ErrorInfo, type ReactNode } from 'react';
import { reactFields } from './fields';
import { report, type Reporter } from './reporter';

export interface FallbackProps {
  error: unknown;
  /** Clears the error and renders the children again. */
  reset: () => void;
}

export interface ErrorBoundaryProps {
  /** The client to report to (`new Tracely(...)` or `new Client(...)`). */
  client: Reporter | null | undefined;
  /** Rendered instead of the children after an error: a node, or a function of the error and reset. */
  fallback?: ReactNode | ((props: FallbackProps) => ReactNode);
  /** Called after the report, with React's errorInfo (componentStack). */
  onError?: (error: unknown, errorInfo: ErrorInfo) => void;
  /** Called when reset() clears the error. */
  onReset?: () => void;
  children?: ReactNode;
}

interface State {
  failed: boolean;
  error: unknown;
}

export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  state: State = { failed: false, error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { failed: true, error };
  }

  componentDidCatch(error: unknown, errorInfo: ErrorInfo): void {
    report(this.props.client, error, reactFields(errorInfo, 'boundary'));
    // The page's own callback: its exception is React's to handle, as with any boundary.
    this.props.onError?.(error, errorInfo);
  }

  reset = (): void => {
    this.setState({ failed: false, error: undefined });
    this.props.onReset?.();
  };

  render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const { fallback } = this.props;
    return typeof fallback == 'function' ? createElement(FallbackOf, { render: fallback, error: this.state.error, reset: this.reset }) : (fallback ?? null);
  }
}

/** Calls a fallback function as a component, so it may use hooks. */
function FallbackOf(props: { render: (p: FallbackProps) => ReactNode; error: unknown; reset: () => void }): ReactNode {
  return props.render({ error: props.error, reset: props.reset });
}
