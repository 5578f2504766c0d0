// For the spec only: what Nuxt's own error hooks saw, with the SDK or without it, and when
// hydration is over.
export default defineNuxtPlugin((nuxtApp) => {
  const seen = (window.nuxtHooks = []);
  nuxtApp.hook('vue:error', (error) => seen.push(`vue:error ${error?.message}`));
  nuxtApp.hook('app:error', (error) => seen.push(`app:error ${error?.message}`));
  nuxtApp.hook('app:suspense:resolve', () => document.body.setAttribute('data-hydrated', ''));
});
