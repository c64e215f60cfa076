import { describe, expect, it } from 'vitest';
import { ApiError, createApi, errorFrom, listOf } from './api.ts';

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
    await api.services();
    expect(seen.url).toBe('http://h:7070/porthole/api/services');
    expect((seen.init?.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });

  it('encodes service names and posts JSON', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const api = createApi({ baseUrl: 'http://h/', token: () => null, fetchImpl: fakeFetch(200, {}, seen) });
    await api.service('my cluster', 'a/b');
    expect(seen.url).toBe('http://h/api/services/my%20cluster/a%2Fb');
    await api.explain({ url: 'http://x:8081/' });
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
    await expect(api.overview()).rejects.toMatchObject({
      status: 0,
      message: 'Cannot reach the Porthole daemon.',
    });
  });
});

describe('errorFrom / listOf', () => {
  it('asks for a token on 401', () => {
    expect(errorFrom(401, { error: 'x' }).message).toMatch(/token/);
    expect(errorFrom(503, null)).toBeInstanceOf(ApiError);
  });

  it('accepts bare and wrapped lists', () => {
    expect(listOf([1], 'events')).toEqual([1]);
    expect(listOf({ events: [2] }, 'events')).toEqual([2]);
    expect(() => listOf({}, 'events')).toThrow(ApiError);
  });
});
