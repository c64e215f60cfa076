import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findingHref, parseHash, serviceHref, serviceHrefFromName, withQuery } from './router.ts';

describe('parseHash', () => {
  it('defaults to the services list', () => {
    expect(parseHash('')).toEqual({ name: 'services', query: {} });
    expect(parseHash('#/')).toEqual({ name: 'services', query: {} });
  });

  it('parses each view and its query', () => {
    expect(parseHash('#/wall?rotate=5')).toEqual({ name: 'wall', query: { rotate: '5' } });
    expect(parseHash('#/services?q=api&status=down')).toEqual({
      name: 'services',
      query: { q: 'api', status: 'down' },
    });
    expect(parseHash('#/explain?url=http%3A%2F%2Fa%3A8081%2F')).toEqual({
      name: 'explain',
      query: { url: 'http://a:8081/' },
    });
    expect(parseHash('#/events')).toEqual({ name: 'events', query: {} });
  });

  it('decodes the cluster and service of a drill-down and round-trips serviceHref', () => {
    expect(parseHash('#/service/prod/orders')).toEqual({
      name: 'service',
      cluster: 'prod',
      service: 'orders',
    });
    const href = serviceHref('my cluster', 'svc#1');
    expect(parseHash(href)).toEqual({ name: 'service', cluster: 'my cluster', service: 'svc#1' });
    expect(serviceHrefFromName('prod/orders')).toBe('#/service/prod/orders');
  });

  it('reports unknown or incomplete paths as not found', () => {
    expect(parseHash('#/nope')).toEqual({ name: 'not-found', path: 'nope' });
    expect(parseHash('#/service/prod')).toMatchObject({ name: 'not-found' });
    expect(parseHash('#/service/%E0%A4%A/x')).toMatchObject({ name: 'not-found' });
  });

  it('routes #/findings/<id> (the alert links) for any finding id, encoded or not', () => {
    const id = 'sg-blocks-dynamic-ports:sg-0ecs:prod/web';
    expect(parseHash(`#/findings/${encodeURIComponent(id)}`)).toEqual({ name: 'finding', id });
    expect(parseHash(`#/findings/${id}`)).toEqual({ name: 'finding', id });
    expect(parseHash('#/findings/')).toMatchObject({ name: 'not-found' });
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !s.includes('?') && !/^\/|\/$/.test(s)),
        (any) => {
          expect(parseHash(findingHref(any))).toEqual({ name: 'finding', id: any });
        },
      ),
    );
  });

  it('builds query strings without empty values', () => {
    expect(withQuery('#/services', { q: 'a b', cluster: '' })).toBe('#/services?q=a+b');
    expect(withQuery('#/services', {})).toBe('#/services');
  });
});
