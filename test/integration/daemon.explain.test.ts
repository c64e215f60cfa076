// POST /api/explain takes the whole request: URL with query, method and headers (validated, 400 on bad).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PathResultSchema } from '@porthole/shared';
import { scriptedSource, startTestDaemon, type TestDaemon, demoLoadBalancerDns } from './helpers/daemon.ts';

let t: TestDaemon;
beforeAll(async () => {
  t = await startTestDaemon({ source: scriptedSource([[]]) });
  await t.step();
});
afterAll(() => t.stop());

describe('POST /api/explain with method and headers', () => {
  it('answers for the whole URL and validates method and headers', async () => {
    const lb = { dnsName: demoLoadBalancerDns('web-alb') };
    const ok = await t.post('/api/explain', {
      url: `http://${lb.dnsName}/shop?q=1`,
      method: 'POST',
      headers: ['X-Canary: 1'],
    });
    expect(ok.status).toBe(200);
    const result = PathResultSchema.parse(await ok.json());
    expect(result.reachable).toBe(true);
    expect(result.summary).toContain(`http://${lb.dnsName}:80/shop?q=1`);
    const badMethod = await t.post('/api/explain', { url: `http://${lb.dnsName}/`, method: 'G E T' });
    expect(badMethod.status).toBe(400);
    expect(await badMethod.json()).toMatchObject({ issues: [{ path: 'method' }] });
    const badHeader = await t.post('/api/explain', { url: `http://${lb.dnsName}/`, headers: ['no colon'] });
    expect(badHeader.status).toBe(400);
    expect((await badHeader.json()).error).toMatch(/--header "no colon"/);
  });

  it('answers 400, not a verdict, for a scheme an ALB listener does not speak', async () => {
    for (const scheme of ['ftp', 'ws', 'file']) {
      const res = await t.post('/api/explain', { url: `${scheme}://${demoLoadBalancerDns('web-alb')}/` });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/only http:\/\/ and https:\/\/ URLs can be explained/);
    }
  });
});
