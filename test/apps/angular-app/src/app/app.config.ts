// The providers of a CLI-made app (Angular 21 with zone.js), the SDK's ErrorHandler, HttpClient
// (fetch by default; `?http=xhr` on the first load: XHR), and, for the spec, initializers that
// throw: the app's on `?init=app`, the environment's on `?init=environment`, and an app
// initializer's rejection on `?init=reject` (outside Angular's zone: `?init=reject-outside`). Built with
// ZONELESS (build.mjs), it runs without zone.js, as Angular 21's new apps do.
import { ApplicationConfig, ErrorHandler, NgZone, inject, provideAppInitializer, provideBrowserGlobalErrorListeners, provideEnvironmentInitializer, provideZoneChangeDetection, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideRouter } from '@angular/router';
import { routes } from './app.routes';
import { sdkOn } from '../tracely';
import { TracelyErrorHandler } from './tracely-error-handler';

declare const ZONELESS: boolean;

const query = new URLSearchParams(location.search);

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    ZONELESS ? provideZonelessChangeDetection() : provideZoneChangeDetection({ eventCoalescing: true }),
    provideRouter(routes),
    query.get('http') == 'xhr' ? provideHttpClient() : provideHttpClient(withFetch()),
    sdkOn ? [{ provide: ErrorHandler, useClass: TracelyErrorHandler }] : [],
    provideAppInitializer(() => {
      if (query.get('init') == 'app') throw new Error('angular app initializer failed');
      // A rejection nobody handles while the app starts: in Angular's zone, and outside it (either or both).
      const inits = query.getAll('init');
      if (inits.includes('reject')) Promise.reject(new Error('angular bootstrap rejection'));
      if (inits.includes('reject-outside')) inject(NgZone).runOutsideAngular(() => Promise.reject(new Error('angular bootstrap rejection outside')));
    }),
    provideEnvironmentInitializer(() => {
      if (query.get('init') == 'environment') throw new Error('angular environment initializer failed');
    }),
  ],
};
