// Auth holes closed: a recovered socket.io session passes the token check like a new one, /readyz tells
// strangers only ready / not ready, and only authenticated, well-formed POSTs count against the limit.
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Overview } from '@porthole/shared';
import type { PollSource } from '../../agent/src/daemon/types.ts';
import { nextEvent, scriptedSource, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

let t: TestDaemon | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});
const TOKEN = 'tok-0123456789abcdef0123';

/** socket.io-client keeps the session id and offset it recovers with in these (private) fields. */
interface Session {
  _pid?: string;
  _lastOffset?: string;
}
const session = (s: Socket | ReturnType<TestDaemon['socket']>): Session => s as unknown as Session;

describe('auth', () => {
  it('refuses a recovered socket.io session that comes back without the token', async () => {
    t = await startTestDaemon({ source: scriptedSource([[], [], ['az-disabled']]), token: TOKEN });
    await t.step();
    const victim = t.socket(TOKEN);
    await nextEvent<Overview>(victim, 'overview');
    await t.step(); // a broadcast gives the session an offset
    await new Promise((r) => setTimeout(r, 100));
    expect(session(victim)._pid).toBeTruthy();

    // Someone who learned the session id (pid + offset) but not the token.
    const thief = connect(t.daemon.url, { transports: ['websocket'], autoConnect: false });
    session(thief)._pid = session(victim)._pid;
    session(thief)._lastOffset = session(victim)._lastOffset;
    victim.io.reconnection(false);
    const dropped = nextEvent(victim, 'disconnect');
    victim.io.engine.close();
    await dropped;
    const overviews: Overview[] = [];
    thief.on('overview', (o) => overviews.push(o));
    thief.connect();
    const error = await nextEvent<Error>(thief, 'connect_error');
    expect(error.message).toMatch(/unauthorized/);
    expect(thief.connected).toBe(false);
    expect(thief.recovered).toBe(false);
    thief.disconnect();

    // The owner, with the token, still recovers its session.
    const owner = connect(t.daemon.url, {
      transports: ['websocket'],
      autoConnect: false,
      auth: { token: TOKEN },
    });
    session(owner)._pid = session(thief)._pid;
    session(owner)._lastOffset = session(thief)._lastOffset;
    owner.connect();
    await nextEvent(owner, 'connect');
    expect(owner.recovered).toBe(true);
    owner.disconnect();
    expect(overviews).toEqual([]);
  });

  it('answers /readyz without the token with ready / not ready only', async () => {
    const inner = scriptedSource([[]]);
    const source: PollSource = {
      ...inner,
      label: 'snapshot /srv/captures/111122223333-prod',
      poll: () =>
        Promise.reject(
          new Error('/srv/captures/111122223333-prod/ec2-describe-subnets.json: Unexpected token } at 1:17'),
        ),
    };
    t = await startTestDaemon({ source, token: TOKEN });
    const before = await fetch(`${t.daemon.url}/readyz`);
    expect(await before.json()).toEqual({ ready: false });
    await t.step();
    const bare = await fetch(`${t.daemon.url}/readyz`);
    const text = await bare.text();
    expect(JSON.parse(text)).toEqual({ ready: true });
    expect(text).not.toContain('111122223333');
    const wrong = await fetch(`${t.daemon.url}/readyz`, {
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(await wrong.json()).toEqual({ ready: true });
    const withToken = await t.get('/readyz');
    expect((await withToken.json()).freshness.staleKinds[0].error).toContain('111122223333');
  });

  it('counts only well-formed POSTs from this origin against the rate limit (no token)', async () => {
    t = await startTestDaemon({
      source: scriptedSource([[]]),
      input: { server: { postRateLimitPerMinute: 3 } },
    });
    await t.step();
    const url = `${t.daemon.url}/api/explain`;
    // What a page on another origin can send without a CORS preflight: text/plain, and junk.
    for (let i = 0; i < 10; i++) {
      const crossSite = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
        body: '{"url":"http://x.example/"}',
      });
      expect(crossSite.status).toBe(403);
      const plain = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'x',
      });
      expect(plain.status).toBe(400);
      expect((await t.post('/api/explain', '{"url":')).status).toBe(400);
      expect((await t.post('/api/reach', { from: 'a' })).status).toBe(400);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.post('/api/explain', { url: 'http://x.example/' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('does not count requests with a wrong token; counts per token', async () => {
    t = await startTestDaemon({
      source: scriptedSource([[]]),
      token: TOKEN,
      input: { server: { postRateLimitPerMinute: 2 } },
    });
    await t.step();
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`${t.daemon.url}/api/explain`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token-0000000' },
        body: JSON.stringify({ url: 'http://x.example/' }),
      });
      expect(res.status).toBe(401);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await t.post('/api/explain', { url: 'http://x.example/' })).status);
    expect(statuses).toEqual([200, 200, 429]);
  });
});
