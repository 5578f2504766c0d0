// A third-party script the layout loads with <Script strategy="beforeInteractive">: Next runs it
// after instrumentation-client.js and before hydration. Loaded as `/?widget=broken`, it fails as
// such scripts do (here: its settings are missing).
if (new URLSearchParams(location.search).get('widget') == 'broken') window.widgetSettings.start();
