// Tracely: the project's own script-tag bundle, dist/tracely.min.js exactly as `npm run build`
// makes it (it defines window.Tracely); this adapter is appended to it in the same script.
// Default options, as the README shows them: stock dialect, 30 requests a minute, all
// instrumentation on (breadcrumbs, dwell, routes, web vitals).
window.BenchSDK = {
  init(sink) {
    this.t = new Tracely({ appId: 'bench', appSecret: 'bench-secret', host: sink }).init();
  },
  capture(error) {
    this.t.reportError(error);
  },
};
