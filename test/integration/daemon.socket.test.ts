// socket.io deltas on a real daemon: overview on connect, typed pushes per cycle, connection-state
// recovery after a dropped connection, staleness pushes, token auth.
import { afterEach, describe, expect, it } from 'vitest';
import type { DataFreshness, FindingRecord, Overview, ServiceVerdict, TimelineEvent } from '@porthole/shared';
import type { PollSource } from '../../agent/src/daemon/types.ts';
import { nextEvent, scriptedSource, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

let t: TestDaemon | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const collect = <T>(socket: ReturnType<TestDaemon['socket']>, event: string): T[] => {
  const seen: T[] = [];
  socket.on(event as never, ((payload: T) => seen.push(payload)) as never);
  return seen;
};
const until = async (check: () => boolean, ms = 5000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('socket.io', () => {
  it('sends the overview on connect, then deltas for each cycle', async () => {
    t = await startTestDaemon({ source: scriptedSource([[], ['health-check-404']]) });
    await t.step();
    const socket = t.socket();
    const overview = await nextEvent<Overview>(socket, 'overview');
    expect(overview.services.length).toBeGreaterThan(3);
    const events = collect<TimelineEvent>(socket, 'event:new');
    const opened = collect<FindingRecord>(socket, 'finding:opened');
    const updated = collect<ServiceVerdict>(socket, 'service:updated');
    const freshness = nextEvent<DataFreshness>(socket, 'data:freshness');
    await t.step();
    expect((await freshness).lastCycleAt).toBe('2026-03-02T10:40:20.000Z');
    await until(() => events.some((e) => e.type === 'finding-opened'));
    expect(events.map((e) => e.message)).toContain(
      'target group web-tg: health check path /health → /healthz',
    );
    expect(opened.map((f) => f.rule)).toContain('health-check-mismatch');
    expect(opened.find((f) => f.rule === 'health-check-mismatch')!.likelyCause).toMatch(
      /health check path \/health → \/healthz at 10:40:20 UTC/,
    );
    expect(updated.map((s) => `${s.name}=${s.status}`)).toEqual(['prod/web=down']);
    const again = await socket.emitWithAck('overview:get');
    expect(again.openFindings.length).toBe(opened.length);
  });

  it('replays missed deltas after a dropped connection instead of a new overview', async () => {
    t = await startTestDaemon({ source: scriptedSource([[], [], ['az-disabled']]) });
    await t.step();
    const socket = t.socket();
    const overviews = collect<Overview>(socket, 'overview');
    const events = collect<TimelineEvent>(socket, 'event:new');
    await until(() => overviews.length === 1);
    await t.step(); // a broadcast gives the client an offset to recover from
    await until(() => socket.connected);
    const disconnected = nextEvent(socket, 'disconnect');
    socket.io.engine.close(); // the network drops
    await disconnected;
    // The client may be back before the cycle ends (the analysis runs in a worker, so the event loop
    // serves the reconnect meanwhile): listen for it first.
    const reconnected = nextEvent(socket, 'connect', 60_000);
    await t.step(); // the AZ is disabled while the client is away
    await reconnected;
    expect(socket.recovered).toBe(true);
    await until(() => events.some((e) => e.type === 'load-balancer-changed'));
    expect(events.find((e) => e.type === 'load-balancer-changed')!.message).toMatch(
      /^load balancer web-alb: availability zones/,
    );
    expect(overviews).toHaveLength(1);
  });

  it('pushes data:freshness when a poll fails, and when data grows older than two intervals', async () => {
    let fail = false;
    const inner = scriptedSource([[]]);
    const source: PollSource = {
      ...inner,
      label: 'flaky',
      poll: (now) =>
        fail ? Promise.reject(new Error('AccessDenied: ec2:DescribeSecurityGroups')) : inner.poll(now),
    };
    t = await startTestDaemon({ source });
    await t.step();
    const socket = t.socket();
    await nextEvent(socket, 'overview');
    const pushes = collect<DataFreshness>(socket, 'data:freshness');
    const events = collect<TimelineEvent>(socket, 'event:new');
    fail = true;
    await t.step();
    await until(() => pushes.length > 0);
    expect(pushes[0]!.staleKinds).toEqual([
      {
        kind: 'poll',
        error: 'AccessDenied: ec2:DescribeSecurityGroups',
        fetchedAt: '2026-03-02T10:40:10.000Z',
      },
    ]);
    await until(() => events.length > 0);
    expect(events[0]).toMatchObject({
      type: 'data-stale',
      message: expect.stringMatching(/^Poll failed: AccessDenied/),
    });
    expect((await (await t.get('/api/overview')).json()).freshness.staleKinds).toHaveLength(1);

    fail = false;
    await t.step();
    await until(() => pushes.length > 1 && pushes.at(-1)!.staleKinds.length === 0);
    await until(() => events.some((e) => e.type === 'data-fresh'));
    expect(events.at(-1)!.message).toBe('Poll recovered after 1 failed cycle');

    t.clock.advance(25); // no cycle for 2.5 intervals: the scheduler is stuck or the host slept
    t.daemon.checkFreshness();
    await until(() => pushes.at(-1)!.staleKinds.length === 1);
    expect(pushes.at(-1)!.staleKinds[0]).toMatchObject({
      kind: 'poll',
      error: 'no successful poll for 25s (interval 10s)',
    });
  });

  it('requires PORTHOLE_TOKEN on REST, /metrics and socket.io when it is set', async () => {
    const token = 'tok-0123456789abcdef0123';
    t = await startTestDaemon({ source: scriptedSource([[]]), token });
    await t.step();
    const bare = (p: string) => fetch(`${t!.daemon.url}${p}`);
    expect((await bare('/api/overview')).status).toBe(401);
    expect((await bare('/metrics')).status).toBe(401);
    expect(
      (await fetch(`${t.daemon.url}/api/overview`, { headers: { authorization: 'Bearer wrong-token-here' } }))
        .status,
    ).toBe(401);
    expect((await bare('/healthz')).status).toBe(200);
    expect((await t.get('/api/overview')).status).toBe(200);

    const rejected = t.socket('wrong-token');
    const error = await nextEvent<Error>(rejected, 'connect_error');
    expect(error.message).toMatch(/unauthorized/);
    rejected.disconnect();
    const accepted = t.socket(token);
    expect((await nextEvent<Overview>(accepted, 'overview')).services.length).toBeGreaterThan(0);
  });
});
