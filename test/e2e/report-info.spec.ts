// reportError's object form in a real page: tags, extra and a component stack stored as fields,
// the message left alone (grouping stays stable); the string form unchanged.
import { test, expect, sdkPage } from './support/fixtures';

test('reportError(error, { tags, extra, componentStack }) stores them as fields; the message stays the error\'s', async ({ page, site, collector }) => {
  const url = site.page('/info.html', sdkPage(collector.url, {
    script: `t.setTag('plan', 'gold');
      t.reportError(new Error('checkout failed'), { tags: { step: 'pay', plan: 'trial' }, extra: { cart: { items: 3 }, get secret() { throw new Error('getter ran'); } }, componentStack: '\\n    at Cart\\n    at App', id: 'forged' });
      t.reportError(new Error('string form'), 'checkout');`,
  }));
  await page.goto(url);
  const items = await collector.waitFor(() => collector.errors(), (i) => i.length >= 2);
  const object = items.find((i) => i.message.startsWith('checkout'))!;
  expect(object).toMatchObject({ type: 'manualError', message: 'checkout failed', tags: { plan: 'trial', step: 'pay' }, extra: { cart: { items: 3 } }, componentStack: '\n    at Cart\n    at App' });
  expect(object.id).not.toBe('forged');
  expect(items.find((i) => i.message.startsWith('string'))).toMatchObject({ message: 'string form: checkout', tags: { plan: 'gold' } });
});
