import { describe, expect, it } from 'vitest';
import { takeToken, TOKEN_KEY } from './token.ts';

function memory(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    data,
  };
}

describe('takeToken', () => {
  it('takes ?token= from the search, stores it and strips it from the URL', () => {
    const s = memory();
    const r = takeToken('http://h:7070/?token=abc#/wall', s);
    expect(r.token).toBe('abc');
    expect(s.data.get(TOKEN_KEY)).toBe('abc');
    expect(r.cleanUrl).toBe('http://h:7070/#/wall');
  });

  it('also finds it in the hash query, keeping other parameters', () => {
    const s = memory();
    const r = takeToken('http://h/#/services?q=api&token=xyz', s);
    expect(r.token).toBe('xyz');
    expect(r.cleanUrl).toBe('http://h/#/services?q=api');
  });

  it('falls back to the stored token and leaves a clean URL alone', () => {
    const r = takeToken('http://h/#/wall', memory({ [TOKEN_KEY]: 'kept' }));
    expect(r).toEqual({ token: 'kept', cleanUrl: null });
  });

  it('returns null when there is no token anywhere', () => {
    expect(takeToken('http://h/', memory()).token).toBeNull();
  });
});
