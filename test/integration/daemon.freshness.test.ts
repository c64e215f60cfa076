// Freshness is data: failed polls never move "last OK", every served verdict says whether it is stale
// and how old its data is, cycles are counted as ok / partial / error, and the metrics tell the real
// fetch age per account/region and kind.
import { afterEach, describe, expect, it } from 'vitest';
import type { DataFreshness, Overview, ServiceVerdict, Snapshot } from '@porthole/shared';
import type { PollSource } from '../../agent/src/daemon/types.ts';
import type { CallCounts } from '../../agent/src/sources/aws/callCounter.ts';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { snapshotFromDocuments } from '../../agent/src/sources/snapshot/index.ts';
import { nextEvent, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

let t: TestDaemon | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

type Step = (snapshot: Snapshot, now: Date) => { snapshot: Snapshot; calls?: CallCounts | null } | Error;

/** The demo estate, changed per poll by `steps[i]` (the last one repeats). */
function source(steps: Step[]): PollSource {
  const base = snapshotFromDocuments(buildDemoEstate());
  let i = 0;
  return {
    kind: 'live',
    label: 'scripted',
    async poll(now) {
      const step = steps[Math.min(i++, steps.length - 1)]!;
      const out = step(structuredClone(base), now);
      if (out instanceof Error) throw out;
      return { snapshot: out.snapshot, calls: out.calls ?? null };
    },
  };
}

const works: Step = (snapshot) => ({ snapshot });
const corrupt: Step = () =>
  new Error('aws_configs/eu-west-1/SecurityGroups.json: Unexpected token } at 1:10');
const counts = (total: number, failures: Record<string, number>): CallCounts => ({
  total,
  byAction: {},
  byScope: {},
  retries: 0,
  failures,
});

async function services(): Promise<ServiceVerdict[]> {
  return (await t!.get('/api/services')).json() as Promise<ServiceVerdict[]>;
}
async function metrics(): Promise<string> {
  return (await t!.get('/metrics')).text();
}

describe('a failed poll', () => {
  it('never moves last OK; every verdict turns stale with the error and the age of its data', async () => {
    t = await startTestDaemon({ source: source([works, corrupt]), input: { pollIntervalSeconds: 30 } });
    const first = await t.step();
    expect(first.outcome).toBe('ok');
    const fresh = await services();
    expect(fresh.length).toBeGreaterThan(3);
    expect(fresh.every((s) => s.stale === false)).toBe(true);
    const okAt = first.at;

    const failed = await t.step();
    expect(failed.outcome).toBe('error');
    const overview = (await (await t.get('/api/overview')).json()) as Overview;
    expect(overview.freshness.lastOkAt).toBe(okAt);
    expect(overview.freshness.pollError).toContain('SecurityGroups.json');
    expect(overview.freshness.outcome).toBe('error');
    const stale = await services();
    expect(stale.map((s) => s.stale)).toEqual(fresh.map(() => true));
    expect(stale[0]!.staleReason).toMatch(/^poll failed: .*SecurityGroups\.json/);
    expect(stale.every((s) => s.dataFrom === okAt && s.dataAgeSeconds === 30)).toBe(true);
    // The status stays the last known one, but never without stale: true.
    expect(stale.filter((s) => s.status === 'healthy').every((s) => s.stale)).toBe(true);

    t.clock.advance(60);
    expect((await services())[0]!.dataAgeSeconds).toBe(90);
    const text = await metrics();
    expect(text).toContain('porthole_poll_cycles_total{outcome="ok"} 1');
    expect(text).toContain('porthole_poll_cycles_total{outcome="error"} 1');
    expect(text).toContain('porthole_poll_cycles_total{outcome="partial"} 0');
    expect(text).toContain(`porthole_last_successful_poll_timestamp_seconds ${Date.parse(okAt) / 1000}`);
    expect(text).toMatch(
      /porthole_service_stale\{account="\d+",region="[a-z0-9-]+",cluster="prod",service="web"\} 1/,
    );
  });

  it('pushes every verdict that turned stale to the wall at the first failed poll, as deltas', async () => {
    t = await startTestDaemon({ source: source([works, corrupt]) });
    await t.step();
    const socket = t.socket();
    const first = await nextEvent<Overview>(socket, 'overview');
    const overviews: Overview[] = [];
    const updated: ServiceVerdict[] = [];
    socket.on('overview', (o) => overviews.push(o));
    socket.on('service:updated', (s) => updated.push(s));
    const freshness = nextEvent<DataFreshness>(socket, 'data:freshness');
    await t.step();
    expect((await freshness).pollError).toContain('SecurityGroups.json');
    expect(updated.map((s) => s.name).toSorted()).toEqual(first.services.map((s) => s.name).toSorted());
    expect(updated.every((s) => s.stale)).toBe(true);
    expect(overviews).toEqual([]);
  });

  it('a poll in which every AWS call failed is an error, not an empty estate', async () => {
    const allFailed: Step = (snapshot) => {
      for (const p of snapshot.partitions)
        p.stale = {
          SecurityGroups: { error: 'Timeout: ec2:DescribeSecurityGroups after 3 attempts', fetchedAt: null },
        };
      return { snapshot, calls: counts(12, { 'ec2:DescribeSecurityGroups': 12 }) };
    };
    t = await startTestDaemon({ source: source([works, allFailed]) });
    const first = await t.step();
    const second = await t.step();
    expect(second.outcome).toBe('error');
    expect(second.error).toBe(
      'every AWS call failed (12): Timeout: ec2:DescribeSecurityGroups after 3 attempts',
    );
    expect(t.daemon.latest.lastOkAt).toBe(first.at);
    expect(
      (await services()).every((s) => s.stale && s.staleReason!.includes('ec2:DescribeSecurityGroups')),
    ).toBe(true);
  });
});

describe('a partial poll', () => {
  it('counts as partial, marks the services of that account/region stale with the failing action', async () => {
    const throttled: Step = (snapshot, now) => {
      const p = snapshot.partitions[0]!;
      p.stale = {
        LoadBalancerTargetHealth: {
          error: 'Throttled: elasticloadbalancing:DescribeTargetHealth (Throttling after 3 attempts)',
          fetchedAt: new Date(now.getTime() - 60_000).toISOString(),
        },
      };
      return { snapshot, calls: counts(30, { 'elasticloadbalancing:DescribeTargetHealth': 2 }) };
    };
    t = await startTestDaemon({ source: source([works, throttled]) });
    await t.step();
    const second = await t.step();
    expect(second.outcome).toBe('partial');
    const all = await services();
    const scope = (s: ServiceVerdict) => `${s.account}/${s.region}`;
    const hit = scope(all.find((s) => s.stale)!);
    expect(all.filter((s) => s.stale).every((s) => scope(s) === hit)).toBe(true);
    const web = all.find((s) => s.stale)!;
    expect(web.staleReason).toBe(
      'LoadBalancerTargetHealth: Throttled: elasticloadbalancing:DescribeTargetHealth (Throttling after 3 attempts)',
    );
    expect(web.dataAgeSeconds).toBe(60);
    const text = await metrics();
    expect(text).toContain('porthole_poll_cycles_total{outcome="partial"} 1');
    expect(text).toMatch(
      /porthole_data_stale\{kind="LoadBalancerTargetHealth",account="\d+",region="[a-z0-9-]+"\} 1/,
    );
  });
});

describe('data age', () => {
  it('is the real fetch age per kind; a kind never fetched has no age, only a stale mark', async () => {
    const tiered: Step = (snapshot, now) => {
      const at = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
      for (const p of snapshot.partitions) {
        p.fetchedAt = { SecurityGroups: at(7), TargetGroups: at(200), LoadBalancerTargetHealth: at(0) };
        p.stale = { NetworkAcls: { error: 'AccessDenied: ec2:DescribeNetworkAcls', fetchedAt: null } };
      }
      return { snapshot };
    };
    t = await startTestDaemon({ source: source([tiered]) });
    await t.step();
    t.clock.advance(1);
    const text = await metrics();
    const age = (kind: string) =>
      [
        ...text.matchAll(new RegExp(`porthole_data_age_seconds\\{kind="${kind}",[^}]*\\} ([\\d.]+)`, 'g')),
      ].map((m) => Number(m[1]));
    expect(age('SecurityGroups')[0]).toBe(8);
    expect(age('TargetGroups')[0]).toBe(201);
    expect(age('NetworkAcls')).toEqual([]);
    expect(age('Subnets')).toEqual([]); // present, but the source gave it no fetch time: never fetched
    expect(text).toMatch(/porthole_data_stale\{kind="NetworkAcls",[^}]*\} 1/);
    expect(text).toMatch(/porthole_data_stale\{kind="SecurityGroups",[^}]*\} 0/);
    const svc = (await services())[0]!;
    expect(svc.dataAgeSeconds).toBe(201);
    expect(svc.stale).toBe(true);
  });
});
