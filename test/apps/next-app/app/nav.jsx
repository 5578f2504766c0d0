'use client';
// Client-side navigations both ways Next offers: <Link> and router.push. The layout is outside
// the pages' ErrorBoundary: an error here reaches Next's own root boundary.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';

export function Nav() {
  const router = useRouter();
  const [broken, setBroken] = useState(false);
  // Hydrated: the page's handlers are attached.
  useEffect(() => void (document.body.dataset.hydrated = 'yes'), []);
  if (broken) throw new Error('next layout failed');
  return (
    <nav>
      <Link id="to-home" href="/">home</Link> <Link id="to-about" href="/about">about</Link>{' '}
      <button id="push-shop" onClick={() => router.push('/shop')}>shop</button>{' '}
      <button id="break-layout" onClick={() => setBroken(true)}>break the layout</button>
    </nav>
  );
}
