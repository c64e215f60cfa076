// The live source on a real AWS wire (moto + proxy) under faults: each protocol's real error bodies,
// a hang, a reset, a 500. Outcomes asserted: retried where the SDK retries, the kind kept and marked
// stale with the action named, verdicts unknown or stale, never a fresh healthy.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceVerdict } from '@porthole/shared';
import { motoMissing } from '@porthole/estate/test-kit/moto.js';
import type { Fault } from './proxy.ts';
import { pollWeb, startWire, wireSource, type Wire } from './setup.ts';

const missing = motoMissing();
if (missing) console.log(`test/wire/faults.test.ts skipped: ${missing}`);

const T0 = Date.parse('2026-12-01T10:00:00.000Z');
const at = (i: number) => new Date(T0 + i * 60_000);
const neverFreshHealthy = (v: ServiceVerdict) => expect(v.status === 'healthy' && !v.stale).toBe(false);

describe.skipIf(missing !== null)('live source on the wire, under faults', () => {
  let wire: Wire;
  beforeAll(async () => {
    wire = await startWire();
  }, 90_000);
  afterAll(() => wire?.stop());
  beforeEach(() => {
    wire.proxy.faults.splice(0);
    wire.proxy.resetCounts();
  });

  /** A clean first poll (the baseline), then the fault, then a second poll. */
  async function underFault(fault: Fault, overrides = {}) {
    const source = wireSource(wire, overrides);
    try {
      const clean = await pollWeb(source, at(0));
      expect(clean.web).toMatchObject({ status: 'healthy', stale: false });
      expect(clean.stale).toEqual({});
      wire.proxy.faults.push(fault);
      wire.proxy.resetCounts();
      const key = `${fault.service}:${fault.action}`;
      const second = await pollWeb(source, at(1));
      return { ...second, requests: wire.proxy.count(key) };
    } finally {
      source.close();
    }
  }

  it('a clean poll makes exactly the floor of calls, with no retry', async () => {
    const source = wireSource(wire);
    try {
      const { polled, web } = await pollWeb(source, at(0));
      console.log(
        `wire: first poll ${polled.calls.total} calls, floor ${polled.floor}; retries ${polled.calls.retries}`,
      );
      expect(polled.calls.total).toBe(polled.floor);
      expect(polled.calls.retries).toBe(0);
      expect(web).toMatchObject({ status: 'healthy', stale: false, targetsHealthy: 1, runningCount: 1 });
      const again = await pollWeb(source, at(1));
      console.log(`wire: second poll ${again.polled.calls.total} calls, floor ${again.polled.floor}`);
      expect(again.polled.calls.total).toBe(again.polled.floor);
    } finally {
      source.close();
    }
  });

  it('one EC2 RequestLimitExceeded is retried and leaves nothing stale', async () => {
    const r = await underFault({ service: 'ec2', action: 'DescribeSubnets', kind: 'throttle', times: 1 });
    expect(r.requests).toBe(2);
    expect(r.polled.calls.retries).toBe(1);
    expect(r.stale).toEqual({});
    expect(r.web).toMatchObject({ status: 'healthy', stale: false });
  });

  it('EC2 RequestLimitExceeded on every attempt: Subnets stale, named, after 3 attempts', async () => {
    const r = await underFault({ service: 'ec2', action: 'DescribeSubnets', kind: 'throttle' });
    expect(r.requests).toBe(3);
    expect(r.stale.Subnets).toEqual({
      error: 'Throttled: ec2:DescribeSubnets (RequestLimitExceeded after 3 attempts)',
      fetchedAt: at(0).toISOString(),
    });
    expect(r.web.stale).toBe(true);
    expect(r.web.staleReason).toContain('ec2:DescribeSubnets');
    neverFreshHealthy(r.web);
  });

  it('ELBv2 Throttling on DescribeTargetHealth: target health stale, the verdict unknown', async () => {
    const r = await underFault({
      service: 'elasticloadbalancing',
      action: 'DescribeTargetHealth',
      kind: 'throttle',
    });
    expect(r.requests).toBe(3);
    expect(r.stale.LoadBalancerTargetHealth?.error).toBe(
      'Throttled: elasticloadbalancing:DescribeTargetHealth (Throttling after 3 attempts)',
    );
    expect(r.web.status).toBe('unknown');
    expect(r.web.stale).toBe(true);
  });

  it('EC2 UnauthorizedOperation is not retried; the missing permission is named', async () => {
    const r = await underFault({ service: 'ec2', action: 'DescribeSecurityGroups', kind: 'deny' });
    expect(r.requests).toBe(1);
    expect(r.stale.SecurityGroups?.error).toBe('AccessDenied: ec2:DescribeSecurityGroups');
    neverFreshHealthy(r.web);
  });

  it('ELBv2 AccessDenied on DescribeTargetHealth: unknown, never healthy', async () => {
    const r = await underFault({
      service: 'elasticloadbalancing',
      action: 'DescribeTargetHealth',
      kind: 'deny',
    });
    expect(r.requests).toBe(1);
    expect(r.stale.LoadBalancerTargetHealth?.error).toBe(
      'AccessDenied: elasticloadbalancing:DescribeTargetHealth',
    );
    expect(r.web.status).toBe('unknown');
  });

  it('ECS AccessDeniedException on DescribeTasks: tasks stale, the verdict not a fresh healthy', async () => {
    const r = await underFault({ service: 'ecs', action: 'DescribeTasks', kind: 'deny' });
    expect(r.requests).toBe(1);
    expect(r.stale.tasks?.error).toBe('AccessDenied: ecs:DescribeTasks');
    neverFreshHealthy(r.web);
  });

  it('an ECS 500 is retried, then named', async () => {
    const r = await underFault({ service: 'ecs', action: 'DescribeServices', kind: 'server-error' });
    expect(r.requests).toBe(3);
    expect(r.stale.services?.error).toMatch(/^ServerException: ecs:DescribeServices: /);
    neverFreshHealthy(r.web);
  });

  it('a reset connection is retried, then reported as unreachable', async () => {
    const r = await underFault({ service: 'ec2', action: 'DescribeRouteTables', kind: 'reset' });
    expect(r.requests).toBe(3);
    expect(r.stale.RouteTables?.error).toMatch(/^Unreachable: ec2:DescribeRouteTables: .* after 3 attempts$/);
    neverFreshHealthy(r.web);
  });

  it('a hung DescribeTargetHealth times out per request, after 3 attempts', async () => {
    const r = await underFault(
      { service: 'elasticloadbalancing', action: 'DescribeTargetHealth', kind: 'hang' },
      { requestTimeoutMs: 300 },
    );
    expect(r.requests).toBe(3);
    expect(r.stale.LoadBalancerTargetHealth?.error).toBe(
      'Timeout: elasticloadbalancing:DescribeTargetHealth after 3 attempts',
    );
    expect(r.web.status).toBe('unknown');
  });

  it('a hung EC2 ends at the poll deadline; the kinds it held stay, stale, with the action named', async () => {
    const r = await underFault(
      { service: 'ec2', action: '*', kind: 'hang' },
      { requestTimeoutMs: 120_000, pollTimeoutSeconds: 2 },
    );
    expect(r.stale.Subnets).toEqual({
      error: 'Timeout: ec2:DescribeSubnets (poll deadline 2 s passed)',
      fetchedAt: at(0).toISOString(),
    });
    expect(r.polled.snapshot.partitions[0]!.data.Subnets).toHaveLength(2);
    expect(r.web.stale).toBe(true);
    neverFreshHealthy(r.web);
  });
});
