// Datadog, logs product only (`@datadog/browser-logs`, no RUM): its documented defaults, with
// `forwardErrorsToLogs: true` (the default, written out) and every log sent through `proxy`,
// the documented way to send the intake to your own URL (the sink). sessionSampleRate 100 (the
// default) so every page load is tracked. Capture is the documented error API:
// `logger.error(message, context, error)`, which records the error's kind, message and stack.
import { datadogLogs } from '@datadog/browser-logs';

window.BenchSDK = {
  init(sink) {
    datadogLogs.init({
      clientToken: 'pubbench0000000000000000000000000',
      site: 'datadoghq.com',
      service: 'bench',
      proxy: `${sink}/dd`,
      forwardErrorsToLogs: true,
      sessionSampleRate: 100,
    });
  },
  capture(error) {
    datadogLogs.logger.error(error.message, {}, error);
  },
};
