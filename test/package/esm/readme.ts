// The README's TypeScript-checkable snippets of "Consent and privacy" and "OpenTelemetry", as
// written there (declared names stand for what the README leaves to the reader), type-checked
// against the packed package by `npm run check:package`. Change them together.
import { Tracely, Client, breadcrumbs, traceContext, otlpDialect, type ClientOptions } from '@tracely/browser';
declare const appId: string, appSecret: string, host: string, options: ClientOptions;
declare function onConsentChange(callback: (c: { monitoring: boolean; analytics: boolean }) => void): void;

// Consent: recipes.
import { connectTcf } from '@tracely/browser/consent/tcf';
import { connectGoogleConsentMode } from '@tracely/browser/consent/google-consent-mode';
import { connectOneTrust } from '@tracely/browser/consent/onetrust';
import { connectCookiebot } from '@tracely/browser/consent/cookiebot';
const t = new Tracely({ appId, appSecret, host, consent: 'pending' }).init();
connectTcf(t);
// The helpers' options, with the defaults the README gives.
connectTcf(t, { analytics: [1, 8], errors: [], vendorId: 755, publisher: false });
connectGoogleConsentMode(t, { analytics: ['analytics_storage'], errors: [], dataLayer: 'dataLayer' });
connectOneTrust(t, { analytics: ['C0002'], errors: [] });
connectCookiebot(t, { analytics: ['statistics'], errors: [] });
onConsentChange((c) => t.setConsent({ errors: c.monitoring ? 'granted' : 'denied', analytics: c.analytics ? 'granted' : 'denied' }));
export const revoked: number | undefined = t.dropped.consent_revoked;

// OpenTelemetry: trace context on the page's requests.
new Client(options, [
  breadcrumbs(),
  traceContext({ tracePropagationTargets: ['https://api.example.com', /^https:\/\/[a-z]+\.example\.com\/api\//] }),
]).init();

// OpenTelemetry: the OTLP dialect, with no appSecret.
new Client({
  appId: 'shop-web',            // service.name
  host: 'https://otel.example.com',   // POST {host}/v1/logs
  release: '3.1.0',             // service.version
  environment: 'production',    // deployment.environment.name
  dialect: otlpDialect({ headers: { Authorization: 'Bearer <ingest key>' } }),
}).init();
new Client({ appId, host, dialect: otlpDialect() });
