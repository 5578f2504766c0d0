// The README's recipe ("Angular (zone.js)"): errors in Angular's zone reach only its ErrorHandler.
import { ErrorHandler, Injectable } from '@angular/core';
import { tracely } from '../tracely';

@Injectable()
export class TracelyErrorHandler extends ErrorHandler {
  override handleError(error: unknown): void {
    tracely!.reportError(error);
    super.handleError(error);
  }
}
