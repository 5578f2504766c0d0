// Grafana Faro (`@grafana/faro-web-sdk`): initializeFaro with the default web
// instrumentations (errors, console, web vitals, session, view, navigation, user actions, CSP)
// minus one: PerformanceInstrumentation (`enablePerformanceInstrumentation: false`), which
// ships navigation and resource timing entries, a job Tracely does not do at all. Everything
// kept has a Tracely counterpart (error capture, console/click/navigation breadcrumbs, routes,
// sessions, web vitals), so both do comparable work at start. Transport: the default fetch
// transport with its default batching, to the sink. Capture: `faro.api.pushError(error)`.
import { initializeFaro, getWebInstrumentations } from '@grafana/faro-web-sdk';

let faro;
window.BenchSDK = {
  init(sink) {
    faro = initializeFaro({
      url: `${sink}/collect`,
      app: { name: 'bench', version: '1.0.0' },
      instrumentations: getWebInstrumentations({ enablePerformanceInstrumentation: false }),
    });
  },
  capture(error) {
    faro.api.pushError(error);
  },
};
