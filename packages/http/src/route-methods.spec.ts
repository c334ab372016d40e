import { describe, expect, it } from 'vitest';
import { RouteMethods } from './route-methods';

describe('the methods a path allows', () => {
  const routes = new RouteMethods();
  routes.add('/v1/accounts', ['GET', 'HEAD']);
  routes.add('/v1/accounts', 'POST');
  routes.add('/v1/accounts/:id', ['GET', 'HEAD']);
  routes.add('/v1/accounts/:id/deposits', 'POST');
  routes.add('/docs/*', 'GET');

  it('gathers every method registered for a path', () => {
    expect(routes.allowedFor('/v1/accounts')).toEqual(['GET', 'HEAD', 'POST']);
  });

  it('matches parameters one segment at a time and ignores the query', () => {
    expect(routes.allowedFor('/v1/accounts/abc?x=1')).toEqual(['GET', 'HEAD']);
    expect(routes.allowedFor('/v1/accounts/abc/deposits')).toEqual(['POST']);
    expect(routes.allowedFor('/v1/accounts/abc/def')).toEqual([]);
  });

  it('matches wildcards across segments', () => {
    expect(routes.allowedFor('/docs/static/index.css')).toEqual(['GET']);
  });

  it('allows nothing on an unknown path', () => {
    expect(routes.allowedFor('/v1/nothing-here')).toEqual([]);
  });
});
