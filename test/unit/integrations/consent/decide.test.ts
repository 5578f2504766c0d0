// Consent managers' signals mapped onto the SDK's two consent categories.
import { describe, expect, it } from 'vitest';
import { categoryState, consentOf } from '../../../../src/integrations/consent/decide';

describe('consent-manager mapping', () => {
  it('grants a category when every signal it needs is given', () => {
    const given = new Set([1, 8]);
    expect(categoryState([1, 8], (p) => given.has(p), true)).toBe('granted');
    expect(categoryState([1, 7, 8], (p) => given.has(p), true)).toBe('denied');
    expect(categoryState([1, 7, 8], (p) => given.has(p), false)).toBe('pending');
    // No signal needed: granted as soon as the manager answers.
    expect(categoryState([], () => false, true)).toBe('granted');
  });

  it('maps both categories at once', () => {
    expect(consentOf({ errors: [], analytics: ['statistics'] }, (c) => c == 'necessary', true)).toEqual({ errors: 'granted', analytics: 'denied' });
    expect(consentOf({ errors: ['necessary'], analytics: ['statistics'] }, () => true, false)).toEqual({ errors: 'granted', analytics: 'granted' });
  });
});
