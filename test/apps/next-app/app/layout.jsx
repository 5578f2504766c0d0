// The root layout (a server component): a third-party script, the saved theme and feature flags,
// the navigation, and the SDK's provider around every page (the SDK itself is started by
// instrumentation-client.js, before all of them).
import Script from 'next/script';
import { FeatureFlags } from './feature-flags';
import { Nav } from './nav';
import { SavedTheme } from './saved-theme';
import { TracelyProvider } from './tracely';

export const metadata = { title: 'Tracely in Next.js' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <Script src="/widget.js" strategy="beforeInteractive" />
        <SavedTheme />
        <FeatureFlags />
        <Nav />
        <TracelyProvider>{children}</TracelyProvider>
      </body>
    </html>
  );
}
