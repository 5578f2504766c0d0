// The Vue integration against real Vue 3 (rendered on the server, where errorHandler is called
// as in the browser): the component, its trace (names only) and the lifecycle as fields; the
// message suffix is Vue's info, as before; an existing errorHandler still runs.
import { describe, expect, it } from 'vitest';
import { createSSRApp, defineComponent, h, onErrorCaptured } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createMemoryHistory, createRouter } from 'vue-router';
import { attachRouter, attachVue, MAX_VUE_TRACE, vueFields } from '../../../src/integrations/vue';
import type { ReportInfo } from '../../../src/tools/types';

const Broken = defineComponent({
  name: 'BrokenWidget',
  props: { secret: String },
  setup() {
    throw new Error('broken setup');
  },
});
const Middle = defineComponent({ name: 'MiddlePanel', render: () => h(Broken, { secret: 'card-4242' }) });
const App = defineComponent({ __name: 'App', render: () => h(Middle) } as never);

async function render(withPrevious: boolean) {
  const app = createSSRApp(App);
  const calls: string[] = [];
  if (withPrevious) app.config.errorHandler = (_e, _vm, info) => void calls.push(`previous: ${info}`);
  const reports: [unknown, ReportInfo | undefined][] = [];
  attachVue(app, (error, info) => reports.push([error, info]));
  await renderToString(app).catch(() => '');
  return { reports, calls };
}

describe('attachVue', () => {
  it('reports the component, its trace up to the root and the lifecycle; never props', async () => {
    const { reports, calls } = await render(true);
    expect(reports).toHaveLength(1);
    const [error, info] = reports[0];
    expect((error as Error).message).toBe('broken setup');
    expect(info).toEqual({ info: 'setup function', lifecycle: 'setup function', component: 'BrokenWidget', componentTrace: ['BrokenWidget', 'MiddlePanel', 'App'] });
    expect(JSON.stringify(info)).not.toContain('card-4242');
    expect(calls).toEqual(['previous: setup function']);
  });

  it('keeps the trace bounded and survives a component that cannot be read', () => {
    let vm: Record<string, unknown> = { $options: { name: 'Leaf' } };
    for (let i = 0; i < 50; i++) vm = { $options: { _componentTag: `c${i}` }, $parent: vm };
    expect(vueFields(vm, 'render function').componentTrace).toHaveLength(MAX_VUE_TRACE);
    const hostile = { get $options() { throw new Error('trap'); } };
    expect(vueFields(hostile, 'x')).toEqual({ info: 'x', lifecycle: 'x' });
    expect(vueFields(undefined, 'x')).toEqual({ info: 'x', lifecycle: 'x', componentTrace: [] });
  });
});

describe('attachVue in a Nuxt app', () => {
  // Nuxt's shape, as Nuxt 4 builds it (test/e2e/nuxt-app.spec.ts runs the real Nuxt): its app on the
  // Vue app as `$nuxt`, a `vue:error` hook its root component calls from onErrorCaptured, and its own
  // errorHandler, which it takes off after hydration only while it is still the one it set.
  function nuxtApp() {
    const hooks: Array<(err: unknown, vm: unknown, info: string) => void> = [];
    const nuxt = {
      hook(name: string, fn: (err: unknown, vm: unknown, info: string) => void) {
        if (name == 'vue:error') hooks.push(fn);
        return () => void hooks.splice(hooks.indexOf(fn), 1);
      },
    };
    const Root = defineComponent({
      name: 'nuxt-root',
      setup() {
        onErrorCaptured((err, vm, info) => void hooks.forEach((hook) => hook(err, vm, info)));
        return () => h(Middle);
      },
    });
    const app = createSSRApp(Root);
    const nuxtDefault = () => {};
    app.config.errorHandler = nuxtDefault;
    Object.defineProperty(app, '$nuxt', { get: () => nuxt });
    return { app, nuxtDefault, hooks };
  }

  it("reports through Nuxt's vue:error hook and leaves Nuxt's errorHandler as Nuxt set it; the stop takes the hook off", async () => {
    const { app, nuxtDefault, hooks } = nuxtApp();
    const reports: [unknown, ReportInfo | undefined][] = [];
    const stop = attachVue(app, (error, info) => reports.push([error, info]));
    expect(app.config.errorHandler).toBe(nuxtDefault);
    await renderToString(app).catch(() => '');
    expect(reports.map(([e, info]) => [(e as Error).message, info])).toEqual([['broken setup', { info: 'setup function', lifecycle: 'setup function', component: 'BrokenWidget', componentTrace: ['BrokenWidget', 'MiddlePanel', 'nuxt-root'] }]]);
    expect(typeof stop).toBe('function');
    (stop as () => void)();
    expect(hooks).toEqual([]);
  });
});

describe('attachRouter', () => {
  it("reports each navigation with the router's base, as the page's URL has it", async () => {
    const Empty = defineComponent({ render: () => null });
    const routes = [
      { path: '/', component: Empty },
      { path: '/cart', component: Empty },
    ];
    for (const [base, expected] of [['/shop/', '/shop/cart?step=2'], [undefined, '/cart?step=2']] as const) {
      const router = createRouter({ history: createMemoryHistory(base), routes });
      const seen: string[] = [];
      attachRouter(router, (path) => seen.push(path));
      await router.push('/cart?step=2');
      expect(seen).toEqual([expected]);
    }
  });
});
