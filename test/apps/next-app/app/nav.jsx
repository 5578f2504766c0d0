'use client';
// Client-side navigations both ways Next offers: <Link> and router.push.
import Link from 'next/link';
import { useRouter } from 'next/navigation';

export function Nav() {
  const router = useRouter();
  return (
    <nav>
      <Link id="to-home" href="/">home</Link> <Link id="to-about" href="/about">about</Link>{' '}
      <button id="push-shop" onClick={() => router.push('/shop')}>shop</button>
    </nav>
  );
}
