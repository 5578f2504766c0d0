// A Nuxt app with nothing beyond Nuxt itself: no modules, no devtools, no telemetry, nothing
// fetched from the network at build or run time. The collector's URL is a public runtime
// setting (NUXT_PUBLIC_TRACELY_HOST when the server starts), as a Nuxt user would keep it.
export default defineNuxtConfig({
  compatibilityDate: '2026-08-01',
  telemetry: false,
  devtools: { enabled: false },
  runtimeConfig: { public: { tracelyHost: '' } },
  app: { head: { title: 'Tracely Nuxt fixture', link: [{ rel: 'icon', href: 'data:,' }] } },
});
