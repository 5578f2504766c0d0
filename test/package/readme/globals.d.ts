// What the README's snippets (written into this folder by scripts/check-package.mjs) take from the
// app around them: the Vue app, router and routes, a root component, and, for a snippet that
// continues the one above it, the client made there.
declare const app: import('vue').App;
declare const router: import('vue-router').Router;
declare const routes: import('vue-router').RouteRecordRaw[];
declare const tracely: import('@tracely/browser').Tracely;
declare function App(): import('react').JSX.Element;

// react-dom ships no types and @types/react-dom is not installed here: createRoot as it declares it.
declare module 'react-dom/client' {
  type ErrorInfo = { componentStack?: string };
  export interface RootOptions {
    onCaughtError?: (error: unknown, errorInfo: ErrorInfo) => void;
    onUncaughtError?: (error: unknown, errorInfo: ErrorInfo) => void;
    onRecoverableError?: (error: unknown, errorInfo: ErrorInfo) => void;
  }
  export interface Root {
    render(children: import('react').ReactNode): void;
    unmount(): void;
  }
  export function createRoot(container: Element | DocumentFragment | null, options?: RootOptions): Root;
}

// Angular is not installed here: the names the README's ErrorHandler and bootstrap recipes take
// from it, as @angular/core and @angular/platform-browser declare them, and the app's config (the
// root component is the `App` above: bootstrapApplication takes any component type).
declare module '@angular/core' {
  export class ErrorHandler {
    handleError(error: any): void;
  }
  export function Injectable(options?: { providedIn?: string | null }): (target: any, context?: any) => any;
  export interface ApplicationConfig {
    providers: unknown[];
  }
}
declare module '@angular/platform-browser' {
  export function bootstrapApplication(rootComponent: unknown, options?: import('@angular/core').ApplicationConfig): Promise<unknown>;
}
declare const appConfig: import('@angular/core').ApplicationConfig;

// Nuxt is not installed here: the two auto-imports the README's Nuxt plugin uses, as nuxt declares
// them (a plugin is handed the Nuxt app, whose vueApp is the Vue app).
declare function defineNuxtPlugin<T>(plugin: (nuxtApp: { vueApp: import('vue').App }) => T): (nuxtApp: { vueApp: import('vue').App }) => T;
declare function useRouter(): import('vue-router').Router;
