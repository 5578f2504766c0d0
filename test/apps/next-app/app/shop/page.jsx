// A dynamic page: rendered on the server at every request, by `next start`.
import { ShopBreaker } from './shop-breaker';

export const dynamic = 'force-dynamic';

export default function Shop() {
  return (
    <main>
      <h1 id="shop">shop {new Date().toISOString().slice(0, 4)}</h1>
      <ShopBreaker />
    </main>
  );
}
