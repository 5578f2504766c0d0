// The script-tag build's stand-in for tracely.ts (angular.json's fileReplacements, set by
// build.mjs for TAG=1): the SDK is no import here; index.html's <head> made `window.tracely`
// (the script tag or the async loader), or left it out (`?sdk=off`).
export const sdkOn = typeof (window as { Tracely?: unknown }).Tracely == 'function';
