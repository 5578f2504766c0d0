// The SDK as an Angular user creates it: once, from the npm package, before Angular boots. The
// collector's URL comes from the build (angular.json's `define`, set by build.mjs). `?sdk=off` on
// the first load leaves the SDK out (the spec compares Angular's behaviour with and without it).
import { Tracely } from '@tracely/browser';

declare const TRACELY_HOST: string;

export const sdkOn = new URLSearchParams(location.search).get('sdk') != 'off';

export const tracely = sdkOn ? new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: TRACELY_HOST }) : undefined;
(window as unknown as { tracely?: Tracely }).tracely = tracely; // for the spec
