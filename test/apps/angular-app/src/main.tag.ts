// main.ts of the script-tag build: the SDK started in index.html's <head>, before this runs.
import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

bootstrapApplication(App, appConfig)
  .then(() => document.body.setAttribute('data-hydrated', '')) // for the spec: Angular is up
  .catch((err) => {
    // The README's recipe, with the global: a bootstrap step that fails before Angular's
    // ErrorHandler exists (an environment initializer) reaches only this catch.
    window.tracely?.reportError(err);
    console.error(err);
  });
