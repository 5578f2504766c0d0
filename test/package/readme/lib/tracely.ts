// The client the README's Next.js snippet makes in its own module (lib/tracely.js), for the
// snippet that imports it (instrumentation-client.js).
export declare const tracely: import('@tracely/browser').Tracely;
