// Who sent a report: the SDK's npm name and version ride on every request (the stock and batch
// bodies' `sdk`, OTLP's telemetry.sdk.* resource attributes), so a server can tell which version
// a report came from; after an upgrade a CDN or an app's bundle can serve the old one for days.
// test/unit/tools/sdk.test.ts keeps the version equal to package.json's.
export const SDK_NAME = '@tracely/browser';
export const SDK_VERSION = '2.0.0';
/** The `sdk` member as JSON text, spliced into the bodies the dialects build as text. */
export const SDK_MEMBER = `"sdk":{"name":"${SDK_NAME}","version":"${SDK_VERSION}"}`;
