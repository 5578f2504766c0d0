// The README's recipe ("Angular (zone.js)") for the script tag and the async loader: the client
// index.html's <head> made, as `window.tracely` (with the loader, its stand-in until the bundle
// arrives, which holds the call).
import { ErrorHandler, Injectable } from '@angular/core';

declare global {
  interface Window {
    tracely?: { reportError(error: unknown): void };
  }
}

@Injectable()
export class TracelyErrorHandler extends ErrorHandler {
  override handleError(error: unknown): void {
    window.tracely?.reportError(error);
    super.handleError(error);
  }
}
