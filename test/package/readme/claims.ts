// Claims the README's Install and API sections make about the types, checked as written.
import { Client, Tracely, breadcrumbs, routes, batchDialect } from '@tracely/browser';

const core = { appId: 'my-app', appSecret: 'my-app-secret', host: 'https://tracely.example.com' };
// "an option of a part you did not import (dwell: true, webVitals: false, batchDelayMs) is a type error"
// @ts-expect-error dwell is the dwell() part's
export const withDwell = new Client({ ...core, dwell: true });
// @ts-expect-error webVitals is the webVitals() part's
export const withVitals = new Client({ appId: 'a', appSecret: 's', host: 'h', webVitals: false });
// @ts-expect-error batchDelayMs is batchDialect()'s
export const withDelay = new Client({ appId: 'a', appSecret: 's', host: 'h', batchDelayMs: 1000 });
// "A part's options go to the part"
export const parts = [breadcrumbs({ clicks: true, console: true, consoleLog: false, network: true }), routes({ navigationCrumbs: false }), batchDialect({ batchDelayMs: 1000 })];
// "Client has every method of Tracely except that init() takes no Vue app"
const client = new Client(core).init();
// @ts-expect-error no Vue app
client.init({});
const t = new Tracely(core).init();
for (const c of [client, t]) {
  c.reportError(new Error('x'), { tags: { a: 1 }, extra: { b: 2 }, componentStack: '', component: 'C', componentTrace: ['C'], lifecycle: 'mounted hook', info: 'i' });
  c.reportEvent('n', { a: 1 }, 'u');
  c.addBreadcrumb({ message: 'm', category: 'c', data: { x: 1 } });
  c.setUser(null);
  c.setTag('k', null);
  c.setConsent({ errors: 'granted', analytics: 'pending' });
  c.routeChanged('/p');
}
export const answers: [Promise<boolean>, Promise<boolean>, number | undefined] = [t.flush(10000), t.close(), t.dropped.queue_full];
