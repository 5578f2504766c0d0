// Web vitals through the web-vitals library: LCP, INP, CLS, FCP, TTFB, kept as they change
// and sent as ONE `web_vitals` event per page view (a stock server spends a request per
// event) when the page is hidden or left. `reportAllChanges` keeps the current CLS and INP at
// hand, so a pagehide that comes before visibilitychange still carries them.
import { onRestore } from '../tools/restore';
import { onCLS, onFCP, onINP, onLCP, onTTFB, type MetricType } from 'web-vitals';
import type { Part } from '../tools/part';

export type VitalsView = Record<string, unknown>;

/** Starts measuring; returns [take() → the view's metadata once, or undefined; stop]. */
export function installVitals(page: () => string): [() => VitalsView | undefined, () => void] {
  let view: VitalsView;
  let seen = false;
  let sent = false;
  let on = true;
  const begin = () => {
    view = { page: page() };
    seen = sent = false;
  };
  const record = (m: MetricType) => {
    if (!on) return;
    // ms rounded; CLS is a unitless score, kept to 4 decimals.
    const scale = m.name == 'CLS' ? 1e4 : 1;
    view.navigationType = m.navigationType;
    view[m.name] = { value: Math.round(m.value * scale) / scale, rating: m.rating };
    seen = true;
  };
  begin();
  // A page restored from the back/forward cache is a new page view; web-vitals starts new
  // metrics for it (navigationType "back-forward-cache").
  const stopRestore = onRestore(begin);
  const opts = { reportAllChanges: true };
  onCLS(record, opts);
  onFCP(record, opts);
  onINP(record, opts);
  onLCP(record, opts);
  onTTFB(record, opts);
  return [
    () => {
      // Only once the page is hidden: web-vitals finishes pending INP work on idle or on
      // visibilitychange, and a navigation fires pagehide first while the page is still
      // visible (the visibilitychange that follows sends the view, with INP in it).
      if (!seen || sent || document.visibilityState != 'hidden') return undefined;
      sent = true;
      return view;
    },
    // web-vitals has no way to stop its observers: ours just stops listening.
    () => {
      on = false;
      stopRestore();
    },
  ];
}

/** The web vitals part: one `web_vitals` event per page view, sent when the page is hidden or left. */
export function webVitals(): Part {
  return {
    _name: 'web vitals',
    _start(host) {
      const [take, stop] = installVitals(host._route);
      host._beforeRoute((exit) => {
        const view = exit && take();
        if (view) host._event('web_vitals', view);
      });
      return stop;
    },
  };
}
