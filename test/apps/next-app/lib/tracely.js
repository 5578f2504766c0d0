// The app's one client, made once: instrumentation-client.js starts it before hydration, the
// layout's provider hands it to ErrorBoundary, a route's error.js reports with it. Next bundles
// this module once for the browser: every chunk that imports it gets this same instance.
import { Tracely } from '@tracely/browser';

export const tracely = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: process.env.NEXT_PUBLIC_TRACELY_HOST });
