// The root layout (a server component): the navigation and the SDK's provider around every page.
import { Nav } from './nav';
import { TracelyProvider } from './tracely';

export const metadata = { title: 'Tracely in Next.js' };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>
        <Nav />
        <TracelyProvider>{children}</TracelyProvider>
      </body>
    </html>
  );
}
