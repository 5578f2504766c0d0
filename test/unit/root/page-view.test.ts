// The page view's route is what `page`, `_active` and `web_vitals` carry: scrubbed as URLs are.
import { describe, expect, it } from 'vitest';
import { pageView } from '../../../src/root/page-view';
import { FILTERED as F } from '../../../src/report/scrub';

const run = (_what: string, fn: () => void) => fn();

describe('pageView routes', () => {
  it('keep no JWT, path parameter or sensitive hash parameter, initial or later', () => {
    const view = pageView('/reset/eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln;jsessionid=S1', run);
    expect(view._route()).toBe(`/reset/${F};jsessionid=${F}`);
    const left: string[] = [];
    view._before(() => left.push(view._route()));
    view._routeTo('/cb#/callback&access_token=AT&lang=en');
    expect(left).toEqual([`/reset/${F};jsessionid=${F}`]);
    expect(view._route()).toBe(`/cb#/callback&access_token=${F}&lang=en`);
  });

  it('compare scrubbed routes: the same route told again is no change', () => {
    const view = pageView('/a;jsessionid=S1', run);
    let changes = 0;
    view._before(() => changes++);
    view._routeTo('/a;jsessionid=S2');
    expect(changes).toBe(0);
  });
});
