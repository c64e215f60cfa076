import { DescribeTasksCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotData } from '@porthole/shared';
import { redactSnapshotData } from '../redact.ts';
import { parseLiveAwsConfig, type LiveAwsConfigInput } from './config.ts';
import { ACCOUNT, buildEstate, REGION, SECRET } from '@porthole/estate/test-kit/awsEstate.js';
import { installFakeAws, testTargets } from '@porthole/estate/test-kit/fakeAws.js';
import { LiveSource } from './tiers.ts';

const T0 = new Date('2026-11-24T10:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let aws: ReturnType<typeof installFakeAws> | undefined;
afterEach(() => aws?.restore());

function liveSource(estate: SnapshotData, config: Partial<LiveAwsConfigInput> = {}) {
  aws = installFakeAws({ [`${ACCOUNT}/${REGION}`]: estate });
  const parsed = parseLiveAwsConfig({ regions: [REGION], ...config });
  return new LiveSource({ config: parsed, targets: testTargets([{ account: ACCOUNT, region: REGION }]) });
}

describe('LiveSource: a full poll', () => {
  it('returns the estate as the CLI prints it (ISO dates, secrets redacted), with account and region', async () => {
    const estate = buildEstate();
    const { snapshot } = await liveSource(estate).poll(T0);
    expect(snapshot.partitions).toHaveLength(1);
    const part = snapshot.partitions[0]!;
    expect(part).toMatchObject({ account: ACCOUNT, region: REGION });
    expect(part.stale).toBeUndefined();
    expect(part.data).toEqual(redactSnapshotData(estate));
    expect(part.data.services?.[0]?.createdAt).toBe('2026-11-24T09:00:00.000Z');
    expect(JSON.stringify(snapshot)).not.toContain(SECRET);
    expect(snapshot.capturedAt).toBe(T0.toISOString());
  });

  it('makes exactly the floor of calls, and never an unfiltered EC2 describe', async () => {
    const result = await liveSource(buildEstate()).poll(T0);
    expect(result.calls.total).toBe(result.floor);
    expect(result.calls.byAction).toEqual(result.floorByAction);
    expect(result.calls.byAction).toMatchObject({
      'ecs:ListClusters': 1,
      'ecs:DescribeClusters': 1,
      'ecs:ListServices': 1,
      'ecs:DescribeServices': 1,
      'ecs:ListTasks': 2, // running + recently stopped
      'ecs:DescribeTasks': 1,
      'ecs:DescribeContainerInstances': 1,
      'ecs:DescribeTaskDefinition': 2,
      'elasticloadbalancing:DescribeTargetHealth': 2,
      'ec2:DescribeInstances': 1,
      'ec2:GetManagedPrefixListEntries': 1,
    });
    expect(result.calls.failures).toEqual({});
  });
});

describe('LiveSource: pagination and batching', () => {
  it('follows every page at the largest page size (250 services, 450 target groups, 150 route tables)', async () => {
    const estate = buildEstate({
      services: 250,
      tasksPerService: 1,
      extraTargetGroups: 200,
      extraRouteTables: 148,
    });
    const result = await liveSource(estate).poll(T0);
    const part = result.snapshot.partitions[0]!;
    expect(part.data.services).toHaveLength(250);
    expect(part.data.TargetGroups).toHaveLength(450);
    expect(part.data.RouteTables).toHaveLength(150);
    expect(result.calls.byAction).toMatchObject({
      'ecs:ListServices': 3,
      'ecs:DescribeServices': 25,
      'elasticloadbalancing:DescribeTargetGroups': 2,
      'elasticloadbalancing:DescribeTargetHealth': 450,
      'ec2:DescribeRouteTables': 2,
    });
    expect(result.calls.total).toBe(result.floor);
  });

  it('describes 250 tasks in 3 DescribeTasks calls and 150 container instances in 2', async () => {
    const estate = buildEstate({
      services: 5,
      tasksPerService: 50,
      stoppedTasks: 0,
      containerInstances: 150,
    });
    const result = await liveSource(estate).poll(T0);
    expect(result.snapshot.partitions[0]!.data.tasks).toHaveLength(250);
    expect(result.calls.byAction['ecs:DescribeTasks']).toBe(3);
    expect(result.calls.byAction['ecs:ListTasks']).toBe(4); // 3 pages running + 1 stopped
    expect(result.calls.byAction['ecs:DescribeContainerInstances']).toBe(2);
    expect(result.calls.byAction['ec2:DescribeInstances']).toBe(2); // 100 instance ids per filter
    const batches = aws!.ecs.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks?.length);
    expect(batches.sort()).toEqual([100, 100, 50]);
    expect(result.calls.total).toBe(result.floor);
  });
});

describe('LiveSource: tiers', () => {
  it('polls hot kinds every cycle and warm/cold kinds on their intervals', async () => {
    const source = liveSource(buildEstate(), {
      intervals: { hotSeconds: 60, warmSeconds: 300, coldSeconds: 900 },
    });
    await source.poll(T0);
    const hot = await source.poll(at(60));
    expect(hot.tiers[`${ACCOUNT}/${REGION}`]).toEqual({ hot: true, warm: false, cold: false, vpcs: [] });
    expect(Object.keys(hot.calls.byAction)).toEqual([
      'ecs:DescribeContainerInstances',
      'ecs:DescribeServices',
      'ecs:DescribeTasks',
      'ecs:ListServices',
      'ecs:ListTasks',
      'elasticloadbalancing:DescribeTargetHealth',
    ]);
    expect(hot.calls.total).toBe(hot.floor);
    const warm = await source.poll(at(300));
    expect(warm.tiers[`${ACCOUNT}/${REGION}`]).toMatchObject({ warm: true, cold: false });
    expect(warm.calls.byAction['elasticloadbalancing:DescribeListeners']).toBe(1);
    expect(warm.calls.byAction['ec2:DescribeSubnets']).toBeUndefined();
    const cold = await source.poll(at(900));
    expect(cold.tiers[`${ACCOUNT}/${REGION}`]).toMatchObject({ warm: true, cold: true });
    expect(cold.calls.byAction['ec2:DescribeSubnets']).toBe(1);
    expect(cold.calls.total).toBe(cold.floor);
  });

  it('caches task definitions by ARN across cycles and fetches only a new revision', async () => {
    const estate = buildEstate();
    const source = liveSource(estate);
    expect((await source.poll(T0)).calls.byAction['ecs:DescribeTaskDefinition']).toBe(2);
    expect((await source.poll(at(60))).calls.byAction['ecs:DescribeTaskDefinition']).toBeUndefined();
    const next = structuredClone(estate.taskDefinitions![0]!);
    next.taskDefinitionArn = next.taskDefinitionArn.replace(':1', ':2');
    estate.taskDefinitions!.push(next);
    estate.services![0]!.taskDefinition = next.taskDefinitionArn;
    const third = await source.poll(at(120));
    expect(third.calls.byAction['ecs:DescribeTaskDefinition']).toBe(1);
    expect(third.calls.total).toBe(third.floor);
    const arns = third.snapshot.partitions[0]!.data.taskDefinitions!.map((td) => td.taskDefinitionArn);
    expect(arns).toContain(next.taskDefinitionArn);
  });

  it('refreshes the VPC of a target that changed state at once (listeners, rules, network), not the rest', async () => {
    const estate = buildEstate();
    const source = liveSource(estate);
    await source.poll(T0);
    estate.LoadBalancerTargetHealth![0]!.TargetHealthDescriptions[0]!.TargetHealth = { State: 'healthy' };
    const result = await source.poll(at(60));
    expect(result.tiers[`${ACCOUNT}/${REGION}`]).toEqual({
      hot: true,
      warm: false,
      cold: false,
      vpcs: ['vpc-0a00000000000001'],
    });
    expect(result.calls.byAction).toMatchObject({
      'elasticloadbalancing:DescribeListeners': 1,
      'elasticloadbalancing:DescribeRules': 1,
      'ec2:DescribeSecurityGroups': 1,
      'ec2:DescribeNetworkAcls': 1,
    });
    expect(result.calls.byAction['ecs:ListClusters']).toBeUndefined(); // clusters are not VPC-scoped
    expect(result.calls.total).toBe(result.floor);
    const quiet = await source.poll(at(120));
    expect(quiet.tiers[`${ACCOUNT}/${REGION}`]!.vpcs).toEqual([]);
  });
});
