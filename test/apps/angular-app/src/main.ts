import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';
import { tracely } from './tracely';

tracely?.init();

bootstrapApplication(App, appConfig)
  .then(() => document.body.setAttribute('data-hydrated', '')) // for the spec: Angular is up
  .catch((err) => {
    // The README's recipe: a bootstrap step that fails before Angular's ErrorHandler exists
    // (an environment initializer) reaches only this catch.
    tracely?.reportError(err);
    console.error(err);
  });
