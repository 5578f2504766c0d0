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

test("the script-tag bundle reads Vue 2's component tag (the minifier must not shorten another library's `_componentTag`)", async ({ page, site, collector }) => {
  // Vue 2 calls errorHandler(err, vm, info) with vm.$options._componentTag for a component without a name.
  const url = site.page('/vue2.html', sdkPage(collector.url, {
    init: false,
    script: `const app = { config: {} }; t.init(app);
      const root = { $options: { name: 'App' }, $parent: undefined };
      const vm = { $options: { _componentTag: 'cart-item', propsData: { card: '4242' } }, $parent: root };
      app.config.errorHandler(new Error('vue 2 failed'), vm, 'mounted hook');`,
  }));
  const errors: string[] = [];
  page.on('console', (m) => m.type() == 'error' && errors.push(m.text()));
  await page.goto(url);
  const [item] = await collector.waitFor(() => collector.errors(), (i) => i.length >= 1);
  expect(item).toMatchObject({ message: 'vue 2 failed: mounted hook', component: 'cart-item', componentTrace: ['cart-item', 'App'], lifecycle: 'mounted hook' });
  expect(JSON.stringify(item)).not.toContain('4242');
  // Without an errorHandler of the app's own, the error is still logged, as Vue does.
  expect(errors.some((e) => e.includes('vue 2 failed'))).toBe(true);
});
