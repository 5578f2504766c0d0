// The SDK as the README wires Nuxt: a client-only plugin creates the client once and hands it
// Nuxt's Vue app and router; the app reaches it as useNuxtApp().$tracely. `?sdk=off` on the
// first load leaves it out (the spec compares Nuxt's behaviour with and without it).
import { Tracely } from '@tracely/browser';

export default defineNuxtPlugin((nuxtApp) => {
  if (new URLSearchParams(location.search).get('sdk') == 'off') return;
  const tracely = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: useRuntimeConfig().public.tracelyHost });
  tracely.init(nuxtApp.vueApp, useRouter());
  window.tracely = tracely; // for the spec
  return { provide: { tracely } };
});
