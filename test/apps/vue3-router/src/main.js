// A Vue 3 app as the README says: the app's own errorHandler first, then app.use(router),
// then tracely.init(app, router), then mount.
import { createApp } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import { Tracely } from '@tracely/browser';
import App from './App.vue';
import Home from './Home.vue';
import CartPage from './CartPage.vue';
import OrdersPage from './OrdersPage.vue';

const collector = new URLSearchParams(location.search).get('collector');
export const tracely = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: collector, webVitals: false });
window.tracely = tracely;

const router = createRouter({
  history: createWebHistory('/apps/vue3-router/'),
  routes: [
    { path: '/', component: Home },
    { path: '/cart', component: CartPage },
    { path: '/orders', component: OrdersPage },
  ],
});

const app = createApp(App);
window.ownHandler = [];
app.config.errorHandler = (err, _vm, info) => window.ownHandler.push(`${err.message} | ${info}`);
app.use(router);
tracely.init(app, router);
app.mount('#app');
