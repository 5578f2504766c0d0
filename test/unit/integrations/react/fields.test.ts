// React field extraction: the component stack as its own field, the failed component's name,
// read as data only from React's errorInfo.
import { describe, expect, it } from 'vitest';
import { componentOf, reactFields } from '../../../../src/integrations/react/fields';

// Recorded from React 19 (Chromium), React 18 development (Chromium) and Firefox.
const REACT19 = '\n    at Cart (http://127.0.0.1:5173/assets/index-abc.js:9:120)\n    at ErrorBoundary (http://127.0.0.1:5173/assets/index-abc.js:1:2)\n    at App';
const REACT18_DEV = '\n    at Cart (http://127.0.0.1:5173/src/Cart.jsx:3:9)\n    at div\n    at ErrorBoundary (http://127.0.0.1:5173/node_modules/.vite/deps/x.js:1:1)';
const FIREFOX = 'Cart@http://127.0.0.1:5173/assets/index.js:9:120\nApp@http://127.0.0.1:5173/assets/index.js:1:1\n';

describe('react fields', () => {
  it('names the innermost component of each stack format', () => {
    expect(componentOf(REACT19)).toBe('Cart');
    expect(componentOf(REACT18_DEV)).toBe('Cart');
    expect(componentOf(FIREFOX)).toBe('Cart');
    expect(componentOf(undefined)).toBeUndefined();
    expect(componentOf('')).toBeUndefined();
  });

  it('carries the component stack as its own field, with the handler as a tag', () => {
    expect(reactFields({ componentStack: REACT19 }, 'boundary')).toEqual({ tags: { reactHandler: 'boundary' }, componentStack: REACT19, component: 'Cart' });
    expect(reactFields(null, 'uncaught')).toEqual({ tags: { reactHandler: 'uncaught' } });
  });

  it('never runs a getter on errorInfo', () => {
    let ran = 0;
    const info = {
      get componentStack() {
        ran++;
        return REACT19;
      },
    };
    expect(reactFields(info, 'caught')).toEqual({ tags: { reactHandler: 'caught' } });
    expect(ran).toBe(0);
  });
});
