import { describe, expect, it } from 'vitest';
import { bareUrl } from '../../../../src/sources/breadcrumbs/network';

describe('crumb URLs', () => {
  // ownRequests needs a page to resolve against: test/e2e/breadcrumbs.spec.ts.
  it('drop query and fragment values, keep keys, and drop credentials', () => {
    expect(bareUrl('https://u:p@api.example.com/v1/items?id=42&token=abc&flag#frag=1')).toBe('https://api.example.com/v1/items?id=&token=&flag#frag=');
    expect(bareUrl('/search?q=shoes#top')).toBe('/search?q=#top');
    expect(bareUrl('/plain/path')).toBe('/plain/path');
  });
});
