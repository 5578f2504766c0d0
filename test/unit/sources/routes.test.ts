import { describe, expect, it } from 'vitest';
import { routeOf, sameRoute } from '../../../src/sources/routes';

describe('routeOf', () => {
  it('is the path, plus the hash only when the hash is a route', () => {
    expect(routeOf('/app', '', false)).toBe('/app');
    expect(routeOf('/app', '#pricing', false)).toBe('/app');
    expect(routeOf('/app', '#/users/7?tab=2', false)).toBe('/app#/users/7');
    expect(routeOf('/app', '#!/users/7', false)).toBe('/app#/users/7');
    expect(routeOf('', '', false)).toBe('/');
  });

  it('counts any hash with hashRouting', () => {
    expect(routeOf('/mail', '#inbox', true)).toBe('/mail#inbox');
    expect(routeOf('/mail', '#sent?page=2', true)).toBe('/mail#sent');
    expect(routeOf('/mail', '#', true)).toBe('/mail');
  });
});

describe('sameRoute', () => {
  it('matches a hash route told by the URL and by a hash router', () => {
    expect(sameRoute('/#/users', '/users')).toBe(true);
    expect(sameRoute('/users', '/#/users')).toBe(true);
    expect(sameRoute('/a', '/a')).toBe(true);
    expect(sameRoute('/#/users', '/users/7')).toBe(false);
    expect(sameRoute('/a', '/b')).toBe(false);
  });
});
