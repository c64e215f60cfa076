// REST on a real daemon: the scripted demo estate, one cycle per step on a fake clock.
import { request } from 'node:http';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FindingRecordSchema,
  OverviewSchema,
  PathResultSchema,
  ServiceDetailSchema,
  ServiceVerdictSchema,
  TimelineEventSchema,
} from '@porthole/shared';
import { scriptedSource, startTestDaemon, type TestDaemon, demoLoadBalancerDns } from './helpers/daemon.ts';

let t: TestDaemon;
beforeAll(async () => {
  t = await startTestDaemon({
    source: scriptedSource([[], ['dynamic-ports-blocked'], ['dynamic-ports-blocked'], []]),
    input: { server: { postRateLimitPerMinute: 5 } },
  });
});
afterAll(() => t.stop());

describe('REST API on the demo estate', () => {
  it('is live at once and ready only after the first cycle', async () => {
    expect((await t.get('/healthz')).status).toBe(200);
    const before = await t.get('/readyz');
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ ready: false });
    const explain = await t.post('/api/explain', { url: 'http://example.com/' });
    expect(explain.status).toBe(503);
    await t.step();
    expect((await t.get('/readyz')).status).toBe(200);
  });

  it('GET /api/overview and /api/services answer the scan verdicts', async () => {
    const overview = OverviewSchema.parse(await (await t.get('/api/overview')).json());
    expect(overview.source).toBe('scripted demo estate');
    expect(overview.services.map((s) => s.name)).toEqual(
      expect.arrayContaining(['prod/web', 'prod/api', 'prod/admin', 'ops/orders']),
    );
    expect(overview.counts.services.healthy).toBe(overview.services.length);
    expect(overview.freshness).toMatchObject({ pollIntervalSeconds: 10, staleKinds: [] });
    const services = ServiceVerdictSchema.array().parse(await (await t.get('/api/services')).json());
    expect(services.every((s) => s.status === 'healthy' && s.name === `${s.cluster}/${s.service}`)).toBe(
      true,
    );
  });

  it('records the story: the SG change, target transitions, the finding with its likely cause', async () => {
    const cursor = Math.max(
      0,
      ...((await (await t.get('/api/events')).json()) as Array<{ id: number }>).map((e) => e.id),
    );
    await t.step();
    const events = TimelineEventSchema.array().parse(
      await (await t.get(`/api/events?since=${cursor}`)).json(),
    );
    const messages = events.map((e) => `${e.type}: ${e.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^security-group-rule-removed: ingress tcp 32768-65535 from sg-\w+ removed from sg-\w+$/,
        ),
        expect.stringMatching(/^security-group-rule-added: ingress tcp 8081 from sg-\w+ added to sg-\w+$/),
        expect.stringMatching(
          /^target-health: target i-\w+:\d+ in web-tg: healthy → unhealthy \(Target\.Timeout: Request timed out\)$/,
        ),
        expect.stringMatching(/^finding-opened: Finding opened \(critical\): /),
      ]),
    );
    const opened = events.find((e) => e.type === 'finding-opened' && e.service === 'prod/web')!;
    expect(opened.likelyCause).toMatch(
      /^ingress tcp 32768-65535 from sg-\w+ removed from sg-\w+ at 10:40:20 UTC/,
    );
    // Events are ordered cause before effect.
    expect(events.findIndex((e) => e.type === 'security-group-rule-removed')).toBeLessThan(
      events.findIndex((e) => e.type === 'target-health'),
    );

    const findings = FindingRecordSchema.array().parse(await (await t.get('/api/findings')).json());
    const web = findings.find((f) => f.service === 'prod/web')!;
    expect(web).toMatchObject({
      rule: 'sg-blocks-dynamic-ports',
      status: 'open',
      firstSeen: '2026-03-02T10:40:20.000Z',
    });
    expect((await (await t.get(`/api/findings/${encodeURIComponent(web.id)}`)).json()).id).toBe(web.id);
    expect((await t.get('/api/findings/nope')).status).toBe(404);

    const byTime = TimelineEventSchema.array().parse(
      await (await t.get('/api/events?since=2026-03-02T10:40:20Z&type=finding-opened')).json(),
    );
    expect(byTime.length).toBeGreaterThanOrEqual(2);
    expect(byTime.every((e) => e.type === 'finding-opened')).toBe(true);
  });

  it('GET /api/services/:cluster/:service has targets, paths, findings and events', async () => {
    const res = await t.get('/api/services/prod/web');
    const detail = ServiceDetailSchema.parse(await res.json());
    expect(detail.service).toMatchObject({ name: 'prod/web', status: 'down' });
    expect(detail.targets.length).toBe(4);
    expect(detail.targets.every((x) => x.state === 'unhealthy' && x.reason === 'Target.Timeout')).toBe(true);
    expect(detail.findings.map((f) => f.rule)).toContain('sg-blocks-dynamic-ports');
    expect(detail.events.some((e) => e.type === 'target-health')).toBe(true);
    expect((await t.get('/api/services/prod/nope')).status).toBe(404);
    // The same name in several accounts/regions: ?account=&region= picks one.
    expect((await t.get('/api/services/prod/web?account=111122223333&region=eu-west-1')).status).toBe(200);
    expect((await t.get('/api/services/prod/web?account=999999999999')).status).toBe(404);
    expect((await t.get('/api/services/prod/web?account=abc')).status).toBe(400);
  });

  it('GET /api/services/:cluster/:service draws the request paths hop by hop, showing the blocked hop', async () => {
    const detail = ServiceDetailSchema.parse(await (await t.get('/api/services/prod/web')).json());
    expect(detail.paths.length).toBeGreaterThan(0);
    expect(detail.paths[0]!.hops.some((h) => h.verdict === 'deny')).toBe(true);
  });

  it('resolves the finding when the fix lands', async () => {
    await t.step(); // still broken
    await t.step(); // fixed
    const open = (await (await t.get('/api/findings')).json()) as unknown[];
    expect(open).toEqual([]);
    const resolved = FindingRecordSchema.array().parse(
      await (await t.get('/api/findings?status=resolved&service=prod/web')).json(),
    );
    expect(resolved[0]).toMatchObject({
      status: 'resolved',
      resolvedAt: '2026-03-02T10:40:40.000Z',
      lastSeen: '2026-03-02T10:40:30.000Z',
    });
    const events = TimelineEventSchema.array().parse(
      await (await t.get('/api/events?type=finding-resolved')).json(),
    );
    expect(events.map((e) => e.message)).toContain(`Finding resolved after 20 s: ${resolved[0]!.title}`);
  });

  it('POST /api/explain and /api/reach answer path results', async () => {
    const overview = OverviewSchema.parse(await (await t.get('/api/overview')).json());
    expect(overview.services.length).toBeGreaterThan(0);
    const explain = await t.post('/api/explain', { url: 'http://unknown.example.com/' });
    expect(explain.status).toBe(200);
    expect(PathResultSchema.parse(await explain.json()).verdict).toBe('unknown');
    const lb = { dnsName: demoLoadBalancerDns('web-alb') };
    const web = PathResultSchema.parse(
      await (await t.post('/api/explain', { url: `http://${lb.dnsName}/` })).json(),
    );
    expect(web).toMatchObject({ reachable: true, verdict: 'reachable' });
    expect(web.hops.length).toBeGreaterThan(3);
    const reach = await t.post('/api/reach', { from: '0.0.0.0', to: 'nowhere', port: 80 });
    expect(reach.status).toBe(400);
    expect((await reach.json()).error).toMatch(/--to nowhere/);
  });

  it('validates bodies and queries, naming the field', async () => {
    const bad = await t.post('/api/reach', { from: 'a', to: 'b', port: 70000 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid request body', issues: [{ path: 'port' }] });
    const badJson = await t.post('/api/explain', '{"url":');
    expect(badJson.status).toBe(400);
    const badQuery = await t.get('/api/events?since=yesterday');
    expect(await badQuery.json()).toMatchObject({
      issues: [{ path: 'since', message: 'expected an event id or an ISO time' }],
    });
    expect((await t.get('/api/events?type=nonsense')).status).toBe(400);
    expect((await t.get('/api/nothing')).status).toBe(404);
  });

  it('rate-limits POSTs', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await t.post('/api/explain', { url: 'http://x.example/' })).status);
    expect(statuses).toContain(429);
  });

  it('sends helmet headers with a CSP that allows the same-origin websocket', async () => {
    const res = await t.get('/');
    const csp = res.headers.get('content-security-policy') ?? '';
    const host = new URL(t.daemon.url).host;
    expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(await res.text()).toContain('dashboard is not built');
  });

  it('refuses foreign Host names (DNS rebinding) and cross-origin websockets without a token', async () => {
    const status = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(t.daemon.url);
        request({ host: '127.0.0.1', port, path: '/api/overview', headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end();
      });
    expect(await status('evil.example:7070')).toBe(403);
    expect(await status('localhost:7070')).toBe(200);
    const socket = connect(t.daemon.url, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: 'http://evil.example' },
    });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toMatch(/websocket error|Forbidden|xhr poll error/i);
    socket.disconnect();
  });
});
