import { describe, expect, it } from 'vitest';
import { ApiError, createApi, errorFrom } from './api.ts';
import { finding, sv } from '../../test-kit/builders.ts';

function fakeFetch(status: number, body: unknown, seen: { url?: string; init?: RequestInit } = {}) {
  return (async (url: string, init: RequestInit) => {
    seen.url = url;
    seen.init = init;
    return new Response(body === undefined ? '' : JSON.stringify(body), { status });
  }) as unknown as typeof fetch;
}

describe('createApi', () => {
  it('resolves paths against the page base and sends the bearer token', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const api = createApi({
      baseUrl: 'http://h:7070/porthole/',
      token: () => 'tok',
      fetchImpl: fakeFetch(200, [], seen),
    });
    await api.call('services', {});
    expect(seen.url).toBe('http://h:7070/porthole/api/services');
    expect((seen.init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('encodes service names and posts JSON', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const detail = { service: sv('a/b', 'healthy'), targets: [], paths: [], findings: [], events: [] };
    const api = createApi({
      baseUrl: 'http://h/',
      token: () => null,
      fetchImpl: fakeFetch(200, detail, seen),
    });
    await api.service('my cluster', 'a/b');
    expect(seen.url).toBe('http://h/api/services/my%20cluster/a%2Fb');
    const path = { verdict: 'allow', summary: 's', hops: [], findings: [] };
    const posting = createApi({
      baseUrl: 'http://h/',
      token: () => null,
      fetchImpl: fakeFetch(200, path, seen),
    });
    await posting.explain({ url: 'http://x:8081/' }).catch(() => undefined);
    expect(seen.init?.method).toBe('POST');
    expect(seen.init?.body).toBe('{"url":"http://x:8081/"}');
    expect((seen.init?.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('builds the events query', async () => {
    const seen: { url?: string } = {};
    const api = createApi({ baseUrl: 'http://h/', token: () => null, fetchImpl: fakeFetch(200, [], seen) });
    await api.events({ since: '42', limit: 1000 });
    expect(seen.url).toBe('http://h/api/events?since=42&limit=1000');
  });

  it('turns error bodies into ApiError with the daemon message', async () => {
    const api = createApi({
      baseUrl: 'http://h/',
      token: () => null,
      fetchImpl: fakeFetch(400, {
        error: 'invalid request body',
        issues: [{ path: 'url', message: 'too long' }],
      }),
    });
    await expect(api.explain({ url: 'x' })).rejects.toMatchObject({
      status: 400,
      message: 'invalid request body',
    });
  });

  it('says "cannot reach" when the network fails', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const api = createApi({ baseUrl: 'http://h/', token: () => null, fetchImpl: failing });
    await expect(api.demo()).rejects.toMatchObject({
      status: 0,
      message: 'Cannot reach the Porthole daemon.',
    });
  });
});

describe('answers are parsed with the route table', () => {
  it('returns a well-formed answer as parsed', async () => {
    const record = finding('f1', 'prod/web');
    const body = { finding: record, history: [], timeline: [], deliveries: [] };
    const api = createApi({ baseUrl: 'http://h/', token: () => null, fetchImpl: fakeFetch(200, body) });
    expect(await api.finding('f1')).toEqual(body);
  });

  it('rejects a malformed answer naming the route and the field', async () => {
    const bad = { service: { ...sv('prod/web', 'healthy'), status: 'green' }, targets: [], paths: [] };
    const api = createApi({ baseUrl: 'http://h/', token: () => null, fetchImpl: fakeFetch(200, bad) });
    const error = await api.service('prod', 'web').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(
      /^The daemon's answer to GET \/api\/services\/:cluster\/:service is not what this dashboard expects \(service\.status: /,
    );
    expect((error as ApiError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['service.status', 'findings', 'events']),
    );
  });

  it('rejects a list answer that is not a list', async () => {
    const api = createApi({
      baseUrl: 'http://h/',
      token: () => null,
      fetchImpl: fakeFetch(200, { events: [] }),
    });
    await expect(api.events()).rejects.toMatchObject({ issues: [{ path: '(root)' }] });
  });
});

describe('errorFrom', () => {
  it('asks for a token on 401', () => {
    expect(errorFrom(401, { error: 'x' }).message).toMatch(/token/);
    expect(errorFrom(503, null)).toBeInstanceOf(ApiError);
  });
});
