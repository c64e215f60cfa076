import { DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
import { DescribeTasksCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotData } from '@porthole/shared';
import { analyzeSnapshot } from '@porthole/core/engine/analyze.js';
import { ScopeApi } from './api.ts';
import { CallCounter } from './callCounter.ts';
import { clientConfig } from './clients.ts';
import { parseLiveAwsConfig, DEFAULT_CONCURRENCY } from './config.ts';
import { BucketLimiter } from './limiter.ts';
import { ACCOUNT, buildEstate, REGION } from '@porthole/estate/test-kit/awsEstate.js';
import { awsError, installFakeAws, testTargets } from '@porthole/estate/test-kit/fakeAws.js';
import { LiveSource } from './tiers.ts';

const T0 = new Date('2026-11-24T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const SCOPE = `${ACCOUNT}/${REGION}`;
let aws: ReturnType<typeof installFakeAws> | undefined;
afterEach(() => aws?.restore());

function liveSource(estate: SnapshotData) {
  aws = installFakeAws({ [SCOPE]: estate });
  const config = parseLiveAwsConfig({
    regions: [REGION],
    intervals: { hotSeconds: 60, warmSeconds: 60, coldSeconds: 60 },
  });
  return new LiveSource({ config, targets: testTargets([{ account: ACCOUNT, region: REGION }]) });
}

describe('faults keep the last data, marked stale with the error', () => {
  it('AccessDenied on the first fetch: the kind is empty, stale, and the missing IAM action is named', async () => {
    const source = liveSource(buildEstate());
    aws!.ec2
      .on(DescribeNetworkAclsCommand)
      .rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const { snapshot, calls } = await source.poll(T0);
    const part = snapshot.partitions[0]!;
    expect(part.stale).toEqual({
      NetworkAcls: { error: 'AccessDenied: ec2:DescribeNetworkAcls', fetchedAt: null },
    });
    expect(part.data.NetworkAcls).toEqual([]);
    expect(part.data.SecurityGroups).toHaveLength(2);
    expect(calls.failures).toEqual({ 'ec2:DescribeNetworkAcls': 1 });
  });

  it('AccessDenied later: the old data stays, with the time it was fetched', async () => {
    const source = liveSource(buildEstate());
    await source.poll(T0);
    aws!.ec2.on(DescribeNetworkAclsCommand).rejects(awsError('UnauthorizedOperation'));
    const part = (await source.poll(at(60))).snapshot.partitions[0]!;
    expect(part.stale?.NetworkAcls).toEqual({
      error: 'AccessDenied: ec2:DescribeNetworkAcls',
      fetchedAt: T0.toISOString(),
    });
    expect(part.data.NetworkAcls).toHaveLength(1);
  });

  it('names the action the message says was denied (a role that could not be assumed)', async () => {
    const source = liveSource(buildEstate());
    const denied =
      'User: arn:aws:iam::111111111111:user/x is not authorized to perform: sts:AssumeRole on resource: r';
    aws!.ecs.on(ListClustersCommand).rejects(awsError('AccessDenied', denied));
    const part = (await source.poll(T0)).snapshot.partitions[0]!;
    expect(part.stale?.clusters?.error).toBe('AccessDenied: sts:AssumeRole');
    // Services, tasks and the rest cannot be listed without clusters: stale too, saying why.
    expect(part.stale?.services?.error).toBe('needs clusters, which failed: AccessDenied: sts:AssumeRole');
  });

  it('throttling after the SDK retries, then success: stale for one cycle, fresh again after', async () => {
    const source = liveSource(buildEstate());
    await source.poll(T0);
    aws!.elb.on(DescribeTargetHealthCommand).rejects(awsError('Throttling', 'Rate exceeded', 3));
    const throttled = await source.poll(at(60));
    const part = throttled.snapshot.partitions[0]!;
    expect(part.stale?.LoadBalancerTargetHealth).toEqual({
      error: 'Throttled: elasticloadbalancing:DescribeTargetHealth (Throttling after 3 attempts)',
      fetchedAt: T0.toISOString(),
    });
    expect(part.data.LoadBalancerTargetHealth).toHaveLength(2); // last good data kept
    expect(throttled.calls.retries).toBe(4); // 2 target groups × 2 retries each

    aws!.restore();
    aws = installFakeAws({ [SCOPE]: buildEstate() });
    const recovered = (await source.poll(at(120))).snapshot.partitions[0]!;
    expect(recovered.stale).toBeUndefined();
  });

  it('a timeout is reported as such', async () => {
    const source = liveSource(buildEstate());
    aws!.ecs.on(DescribeTasksCommand).rejects(awsError('TimeoutError', 'socket timed out'));
    const part = (await source.poll(T0)).snapshot.partitions[0]!;
    expect(part.stale?.tasks?.error).toBe('Timeout: ecs:DescribeTasks');
    expect(part.stale?.containerInstances?.error).toContain('Timeout: ecs:DescribeTasks');
  });

  it('stale data never yields a healthy verdict', async () => {
    const estate = buildEstate({ services: 1, targetState: 'healthy', stoppedTasks: 0 });
    // Open the dynamic host ports to the ALB, so nothing is wrong with the estate.
    estate.SecurityGroups![1]!.IpPermissions![0]!.ToPort = 65535;
    const source = liveSource(estate);
    const fresh = analyzeSnapshot((await source.poll(T0)).snapshot).result;
    expect(fresh.services.map((s) => [s.status, s.why])).toEqual([['healthy', expect.any(String)]]);
    aws!.elb.on(DescribeTargetHealthCommand).rejects(awsError('AccessDenied', 'denied'));
    const stale = analyzeSnapshot((await source.poll(at(60))).snapshot).result;
    expect(stale.services.map((s) => s.status)).toEqual(['unknown']);
    expect(stale.services[0]!.why).toContain('AccessDenied: elasticloadbalancing:DescribeTargetHealth');
  });
});

describe('SDK standard retries', () => {
  it('retries a throttled call and counts the extra attempts', async () => {
    let attempts = 0;
    const handler = {
      handle: async () => {
        attempts += 1;
        const throttled = attempts < 3;
        const body = throttled
          ? { __type: 'ThrottlingException', message: 'Rate exceeded' }
          : { clusterArns: ['arn:aws:ecs:eu-west-1:111111111111:cluster/prod'] };
        return {
          response: {
            statusCode: throttled ? 400 : 200,
            headers: { 'content-type': 'application/x-amz-json-1.1' },
            body: new TextEncoder().encode(JSON.stringify(body)),
          },
        };
      },
    };
    const credentials = async () => ({ accessKeyId: 'AKIA111111111111', secretAccessKey: 's' });
    const ecs = new ECSClient({ ...clientConfig(REGION, credentials, 5000), requestHandler: handler });
    const counter = new CallCounter();
    const api = new ScopeApi(
      ACCOUNT,
      REGION,
      { ecs, elb: ecs, ec2: ecs },
      new BucketLimiter(DEFAULT_CONCURRENCY),
      counter,
    );
    const out = await api.ecs(new ListClustersCommand({ maxResults: 100 }));
    expect(out.clusterArns).toHaveLength(1);
    expect(attempts).toBe(3);
    expect(counter.take()).toMatchObject({ total: 1, retries: 2, byAction: { 'ecs:ListClusters': 1 } });
  });
});

describe('dependencies', () => {
  it('network kinds are stale, not empty and fresh, when the VPCs in use cannot be known', async () => {
    const source = liveSource(buildEstate());
    aws!.elb.on(DescribeLoadBalancersCommand).rejects(awsError('AccessDenied'));
    const part = (await source.poll(T0)).snapshot.partitions[0]!;
    expect(part.stale?.SecurityGroups).toEqual({
      error: 'needs LoadBalancers, which failed: AccessDenied: elasticloadbalancing:DescribeLoadBalancers',
      fetchedAt: T0.toISOString(), // the groups of the target groups' VPC were read, but maybe not all
    });
    expect(part.stale?.Listeners?.error).toContain('needs LoadBalancers');
  });
});
