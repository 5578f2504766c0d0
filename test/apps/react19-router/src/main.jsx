// A React 19 app as the README says: the root options report (and keep React's logging), an
// ErrorBoundary around a part of the page, react-router's routes seen by the SDK on its own.
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Tracely } from '@tracely/browser';
import { reactErrorHandlers } from '@tracely/browser/react';
import { App } from './App.jsx';

const collector = new URLSearchParams(location.search).get('collector');
export const tracely = new Tracely({ appId: 'test-app', appSecret: 'test-secret', host: collector, webVitals: false }).init();
window.tracely = tracely;

createRoot(document.getElementById('app'), reactErrorHandlers(tracely)).render(
  <BrowserRouter basename="/apps/react19-router">
    <App client={tracely} />
  </BrowserRouter>,
);
