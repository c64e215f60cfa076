// `porthole explain` / `reach` on the ALB front door through the real entry point: exit codes, --json,
// --method / --header, on snapshot folders written as the AWS CLI prints them.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, porthole } from './runPorthole.ts';
import { PathResultSchema } from '@porthole/shared';
import { buildDemoEstate, type EstateDocuments } from '@porthole/estate/demo/index.js';
import { demoIds } from '@porthole/estate/demo/ids.js';

const HEALTHY = join(ROOT, 'test', 'fixtures', 'healthy');
const ids = demoIds();
const web = ids.loadBalancers.web;
const orders = ids.loadBalancers.orders;

async function writeSnapshot(docs: EstateDocuments): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'porthole-alb-'));
  for (const doc of docs) {
    await mkdir(join(dir, dirname(doc.file)), { recursive: true });
    await writeFile(join(dir, doc.file), JSON.stringify(doc.json, null, 2));
  }
  return dir;
}

const denied = (json: string) =>
  PathResultSchema.parse(JSON.parse(json))
    .hops.filter((h) => h.verdict === 'deny')
    .map((h) => h.component);

describe('explain and reach: the ALB front door', () => {
  it('an internal ALB is not reachable from the internet: exit 1, blocked at the load balancer', async () => {
    const r = await porthole('explain', `http://${orders.dnsName}/`, '--snapshot', HEALTHY, '--json');
    expect(r.code).toBe(1);
    expect(denied(r.stdout)).toEqual([orders.arn]);
    const reach = await porthole(
      'reach',
      '--snapshot',
      HEALTHY,
      '--from',
      'internet',
      '--to',
      orders.name,
      '--port',
      '80',
      '--json',
    );
    expect(reach.code).toBe(1);
    expect(denied(reach.stdout)).toContain(orders.arn);
  });

  it('HTTPS to the HTTP listener exits 1 and names the listener; the summary keeps the real URL', async () => {
    const r = await porthole('explain', `https://${web.dnsName}:80/a?b=1`, '--snapshot', HEALTHY);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`https://${web.dnsName}:80/a?b=1`);
    expect(r.stdout).toContain(web.listener80Arn);
  });

  it('--method and --header are accepted; a malformed one exits 2 naming the flag', async () => {
    const ok = await porthole(
      'explain',
      `http://${web.dnsName}/`,
      '--snapshot',
      HEALTHY,
      '--method',
      'POST',
      '--header',
      'X-Canary: 1',
      '--header',
      'Accept: */*',
    );
    expect(ok.code).toBe(0);
    const badHeader = await porthole(
      'explain',
      `http://${web.dnsName}/`,
      '--snapshot',
      HEALTHY,
      '--header',
      'no colon',
    );
    expect(badHeader.code).toBe(2);
    expect(badHeader.stderr).toMatch(/--header "no colon"/);
    const badMethod = await porthole(
      'explain',
      `http://${web.dnsName}/`,
      '--snapshot',
      HEALTHY,
      '--method',
      'G E T',
    );
    expect(badMethod.code).toBe(2);
    expect(badMethod.stderr).toMatch(/--method/);
  });

  it('a 90/10 weighted forward with the 10 % group broken exits 0 and states the failing share', async () => {
    const docs = buildDemoEstate();
    const canary = `arn:aws:elasticloadbalancing:${ids.region}:${ids.account}:targetgroup/canary-tg/0a1b2c3d4e5f6a7b`;
    for (const doc of docs) {
      const groups = doc.json.TargetGroups as Array<Record<string, unknown>> | undefined;
      const webTg = groups?.find((g) => g.TargetGroupArn === ids.targetGroups.web);
      if (groups && webTg) groups.push({ ...webTg, TargetGroupArn: canary, TargetGroupName: 'canary-tg' });
      const health = doc.json.LoadBalancerTargetHealth as Array<Record<string, unknown>> | undefined;
      // Registered targets: none (the ALB answers 503 for this group's share).
      health?.push({ TargetGroupArn: canary, TargetHealthDescriptions: [] });
      const listeners = doc.json.Listeners as Array<Record<string, unknown>> | undefined;
      const listener = listeners?.find((l) => l.ListenerArn === web.listener80Arn);
      if (listener)
        listener.DefaultActions = [
          {
            Type: 'forward',
            Order: 1,
            ForwardConfig: {
              TargetGroups: [
                { TargetGroupArn: ids.targetGroups.web, Weight: 90 },
                { TargetGroupArn: canary, Weight: 10 },
              ],
              TargetGroupStickinessConfig: { Enabled: false },
            },
          },
        ];
    }
    const r = await porthole(
      'explain',
      `http://${web.dnsName}/`,
      '--snapshot',
      await writeSnapshot(docs),
      '--json',
    );
    expect(r.code).toBe(0);
    const result = PathResultSchema.parse(JSON.parse(r.stdout));
    expect(result.answer?.failingPercent).toBe(10);
    expect(result.hops.filter((h) => h.verdict === 'deny').map((h) => h.component)).toEqual([canary]);
  });
});
