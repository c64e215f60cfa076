// The shared route table is the REST API: every route the server registers is in it (and nothing else),
// and what a real daemon on the demo estate answers parses with the table's response schemas.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routePath, routes, type RouteName } from '@porthole/shared';
import { createApp } from '../../agent/src/server/app.ts';
import { startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  match(path: string): { path: string } | false;
}

/** `METHOD /path` of every route the app registers, nested routers included (with their mount path). */
function registered(stack: Layer[], mount = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route) {
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${mount}${layer.route?.path}`);
    }
    if (!layer.handle?.stack) return [];
    const mounted = layer.match('/api/x');
    return registered(layer.handle.stack, mount + (mounted && mounted.path === '/api' ? '/api' : ''));
  });
}

describe('the route table', () => {
  it('lists exactly the routes the server registers', () => {
    const app = createApp({
      backend: {} as never,
      metrics: {} as never,
      token: null,
      host: '127.0.0.1',
      postRateLimitPerMinute: 5,
      trustProxy: false,
      webDist: '/nonexistent',
      demo: {} as never,
    });
    const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
    // GET / is the dashboard's index page (staticSite), not a REST route.
    const served = registered(stack).filter((r) => r !== 'GET /');
    const table = Object.values(routes).map((r) => `${r.method} ${r.path}`);
    expect(served.toSorted()).toEqual(table.toSorted());
  });

  it('fills path parameters one encoded segment each', () => {
    expect(routePath('service', { cluster: 'my cluster', service: 'a/b' })).toBe(
      '/api/services/my%20cluster/a%2Fb',
    );
    expect(routePath('findingDetail', { id: 'x:y' })).toBe('/api/findings/x%3Ay/detail');
  });
});

describe('answers of a real daemon on the demo estate', () => {
  let t: TestDaemon;
  beforeAll(async () => {
    t = await startTestDaemon({ input: { source: 'demo' } });
    // The demo timeline breaks something within a few polls: step until a finding is open.
    for (let i = 0; i < 30; i++) {
      await t.step();
      const open = (await (await t.get('/api/findings')).json()) as unknown[];
      if (open.length > 0) break;
    }
  });
  afterAll(() => t.stop());

  async function check<N extends RouteName>(name: N, path: string, body?: unknown): Promise<unknown> {
    const res = body === undefined ? await t.get(path) : await t.post(path, body);
    expect(res.status, `${name} ${path}`).toBe(200);
    const parsed = routes[name].response.safeParse(await res.json());
    expect(parsed.error?.issues ?? [], `${name} ${path}`).toEqual([]);
    return parsed.data;
  }

  it('every JSON route answers what its schema says', async () => {
    const overview = (await check('overview', routePath('overview', {}))) as {
      services: { cluster: string; service: string }[];
      openFindings: { id: string }[];
    };
    expect(overview.openFindings.length).toBeGreaterThan(0);
    const svc = overview.services[0]!;
    const id = overview.openFindings[0]!.id;
    await check('healthz', routePath('healthz', {}));
    await check('readyz', routePath('readyz', {}));
    await check('services', routePath('services', {}));
    await check('service', routePath('service', { cluster: svc.cluster, service: svc.service }));
    await check('findings', `${routePath('findings', {})}?status=all`);
    await check('finding', routePath('finding', { id }));
    await check('findingDetail', routePath('findingDetail', { id }));
    const events = (await check('events', routePath('events', {}))) as unknown[];
    expect(events.length).toBeGreaterThan(0);
    await check('deliveries', routePath('deliveries', {}));
    await check('explain', routePath('explain', {}), { url: 'http://unknown.example.com/' });
    await check('reach', routePath('reach', {}), { from: 'internet', to: 'web-alb', port: 80 });
    await check('demo', routePath('demo', {}));
    await check('demoHold', routePath('demoHold', {}), { held: false });
    const metrics = await t.get(routePath('metrics', {}));
    expect(routes.metrics.response.safeParse(await metrics.text()).success).toBe(true);
  });

  it('answers 400 naming the field for a bad query or body', async () => {
    const bad = await t.get(`${routePath('findings', {})}?limit=0`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid query', issues: [{ path: 'limit' }] });
    const hold = await t.post(routePath('demoHold', {}), { held: 'yes' });
    expect(await hold.json()).toMatchObject({ issues: [{ path: 'held' }] });
  });
});
