// Navigation crumbs: from and to, as paths within the page's origin, query values removed.
import { bareUrl } from './network';
import type { Breadcrumb } from './ring';

const local = (href: string) => {
  const u = new URL(href);
  return bareUrl(u.pathname + u.search + u.hash);
};

export function navigationCrumb(from: string, to: string, kind: string): Breadcrumb {
  return { type: 'navigation', category: kind, time: Date.now(), data: { from: local(from), to: local(to) } };
}
