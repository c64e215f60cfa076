import { describe, expect, it } from 'vitest';
import { snapshotFromDocuments } from './documents.ts';
import {
  ACCOUNT,
  describeTaskDefinition,
  lbArn,
  listener,
  listenerArn,
  securityGroups,
  subnets,
  targetHealth,
  tgArn,
} from '../../../test-kit/snapshotFixtures.ts';

const dir = `aws_configs/accounts/${ACCOUNT}/us-east-1`;
const only = (docs: Parameters<typeof snapshotFromDocuments>[0]) => {
  const snapshot = snapshotFromDocuments(docs);
  expect(snapshot.partitions).toHaveLength(1);
  return { ...snapshot, data: snapshot.partitions[0]!.data };
};

describe('snapshotFromDocuments: kinds', () => {
  it('recognises each file by its top-level key, not its name', () => {
    const { data, warnings } = only([
      { file: `${dir}/subnets.json`, json: securityGroups() },
      { file: `${dir}/anything.json`, json: subnets() },
    ]);
    expect(data.SecurityGroups?.map((g) => g.GroupId)).toEqual(['sg-0a1b2c3d4e5f60001']);
    expect(data.Subnets?.map((s) => s.SubnetId)).toEqual(['subnet-0aaa1111bbbb22220']);
    expect(warnings).toEqual([]);
  });

  it('flattens LoadBalancerListeners, setting LoadBalancerArn only where absent', () => {
    const otherLb = lbArn().replace('web', 'api');
    const { data } = only([
      {
        file: `${dir}/listeners.json`,
        json: {
          LoadBalancerListeners: [
            { LoadBalancerArn: lbArn(), Listeners: [listener(80, false)] },
            { LoadBalancerArn: otherLb, Listeners: [{ ...listener(443), LoadBalancerArn: lbArn() }] },
          ],
        },
      },
      { file: `${dir}/more.json`, json: { Listeners: [listener(8080)] } },
    ]);
    expect(data.Listeners?.map((l) => [l.Port, l.LoadBalancerArn])).toEqual([
      [80, lbArn()],
      [443, lbArn()],
      [8080, lbArn()],
    ]);
  });

  it('keeps the Batfish and Porthole wrappers as their own kinds', () => {
    const { data } = only([
      { file: `${dir}/th.json`, json: targetHealth() },
      {
        file: `${dir}/attrs.json`,
        json: {
          TargetGroupAttributes: [
            {
              TargetGroupArn: tgArn(),
              Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '300' }],
            },
          ],
        },
      },
      {
        file: `${dir}/pl.json`,
        json: {
          ManagedPrefixListEntries: [{ PrefixListId: 'pl-0123abcd', Entries: [{ Cidr: '10.8.0.0/16' }] }],
        },
      },
    ]);
    expect(data.LoadBalancerTargetHealth?.[0]?.TargetHealthDescriptions[0]?.TargetHealth.Reason).toBe(
      'Target.Timeout',
    );
    expect(data.TargetGroupAttributes?.[0]?.Attributes[0]?.Value).toBe('300');
    expect(data.ManagedPrefixListEntries?.[0]?.Entries).toEqual([{ Cidr: '10.8.0.0/16' }]);
  });

  it('puts taskDefinition (single) and taskDefinitions (array) in one kind, ignoring tags', () => {
    const single = describeTaskDefinition();
    const second = {
      ...single.taskDefinition,
      taskDefinitionArn: single.taskDefinition.taskDefinitionArn + '0',
    };
    const { data, warnings } = only([
      { file: `${dir}/td-web.json`, json: single },
      { file: `${dir}/tds.json`, json: { taskDefinitions: [second] } },
    ]);
    expect(data.taskDefinitions?.map((t) => t.revision)).toEqual([7, 7]);
    expect(warnings).toEqual([]);
  });

  it('ignores pagination keys, ResponseMetadata and ECS failures silently', () => {
    const { data, warnings } = only([
      {
        file: `${dir}/clusters.json`,
        json: {
          clusters: [{ clusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/main`, clusterName: 'main' }],
          failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/gone', reason: 'MISSING' }],
          NextToken: 'abc',
          nextToken: 'def',
          NextMarker: 'ghi',
          ResponseMetadata: { RequestId: 'r-1' },
        },
      },
    ]);
    expect(data.clusters).toHaveLength(1);
    expect(warnings).toEqual([]);
  });
});

describe('snapshotFromDocuments: merging', () => {
  it('concatenates files of one kind and lets the later file win on the same id, in first position', () => {
    const first = securityGroups('sg-1');
    const second = securityGroups('sg-2');
    const sg1Again = securityGroups('sg-1');
    sg1Again.SecurityGroups[0]!.Description = 'edited later';
    const { data } = only([
      { file: `${dir}/a.json`, json: first },
      { file: `${dir}/b.json`, json: second },
      { file: `${dir}/c.json`, json: sg1Again },
    ]);
    expect(data.SecurityGroups?.map((g) => [g.GroupId, g.Description])).toEqual([
      ['sg-1', 'edited later'],
      ['sg-2', 'web ALB'],
    ]);
  });

  it('dedupes listeners coming from the wrapper and plain files by ListenerArn', () => {
    const { data } = only([
      {
        file: `${dir}/a.json`,
        json: { LoadBalancerListeners: [{ LoadBalancerArn: lbArn(), Listeners: [listener(80)] }] },
      },
      { file: `${dir}/b.json`, json: { Listeners: [{ ...listener(80), Port: 81 }] } },
    ]);
    expect(data.Listeners).toEqual([expect.objectContaining({ ListenerArn: listenerArn(80), Port: 81 })]);
  });

  it('keeps reservations without a ReservationId and dedupes those with one', () => {
    const reservation = (id: string | null, instanceId: string) => ({
      ...(id ? { ReservationId: id } : {}),
      OwnerId: ACCOUNT,
      Instances: [{ InstanceId: instanceId, SubnetId: 'subnet-1', PrivateIpAddress: '10.0.1.5' }],
    });
    const { data } = only([
      {
        file: `${dir}/a.json`,
        json: { Reservations: [reservation('r-1', 'i-old'), reservation(null, 'i-x')] },
      },
      {
        file: `${dir}/b.json`,
        json: { Reservations: [reservation('r-1', 'i-new'), reservation(null, 'i-x')] },
      },
    ]);
    expect(data.Reservations?.map((r) => r.Instances[0]?.InstanceId)).toEqual(['i-new', 'i-x', 'i-x']);
  });
});
