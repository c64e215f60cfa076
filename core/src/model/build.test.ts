import { describe, expect, it } from 'vitest';
import type { Snapshot, SnapshotData } from '@porthole/shared';
import { buildModel } from './build.ts';
import { endpointForTarget } from './endpoints.ts';
import { dataGaps } from './scopes.ts';
import { listenerArnFromRuleArn } from './arn.ts';
import { findService } from './services.ts';

const A = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333';
const LB = `${A}:loadbalancer/app/web/abc123`;
const LISTENER = `${A}:listener/app/web/abc123/l1`;
const TG = `${A}:targetgroup/web-tg/t1`;
const SCOPE = { account: '111122223333', region: 'eu-west-1' };

function snapshot(data: SnapshotData): Snapshot {
  return { partitions: [{ account: '111122223333', region: 'eu-west-1', data }], warnings: [] };
}

const base: SnapshotData = {
  Subnets: [
    { SubnetId: 'subnet-a', VpcId: 'vpc-1', CidrBlock: '10.0.0.0/24', AvailabilityZone: 'eu-west-1a' },
  ],
  NetworkInterfaces: [
    {
      NetworkInterfaceId: 'eni-alb',
      SubnetId: 'subnet-a',
      VpcId: 'vpc-1',
      Description: 'ELB app/web/abc123',
      PrivateIpAddress: '10.0.0.10',
      Groups: [{ GroupId: 'sg-alb' }],
    },
    {
      NetworkInterfaceId: 'eni-task',
      SubnetId: 'subnet-a',
      VpcId: 'vpc-1',
      PrivateIpAddress: '10.0.0.99',
      Groups: [{ GroupId: 'sg-task' }],
    },
  ],
  LoadBalancers: [
    {
      LoadBalancerArn: LB,
      LoadBalancerName: 'web',
      DNSName: 'Web-123.eu-west-1.elb.amazonaws.com',
      Scheme: 'internet-facing',
      VpcId: 'vpc-1',
      SecurityGroups: ['sg-alb'],
      AvailabilityZones: [{ ZoneName: 'eu-west-1a', SubnetId: 'subnet-a' }],
    },
  ],
  Listeners: [
    {
      ListenerArn: LISTENER,
      LoadBalancerArn: LB,
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'forward', TargetGroupArn: TG }],
    },
  ],
  Rules: [
    {
      RuleArn: `${A}:listener-rule/app/web/abc123/l1/r2`,
      Priority: '20',
      Conditions: [{ Field: 'path-pattern', Values: ['/b/*'] }],
      Actions: [{ Type: 'forward', TargetGroupArn: TG }],
    },
    {
      RuleArn: `${A}:listener-rule/app/web/abc123/l1/r1`,
      Priority: '5',
      Conditions: [{ Field: 'path-pattern', Values: ['/a/*'] }],
      Actions: [{ Type: 'fixed-response' }],
    },
    {
      RuleArn: `${A}:listener-rule/app/web/abc123/l1/def`,
      Priority: 'default',
      IsDefault: true,
      Actions: [],
    },
  ],
  TargetGroups: [
    { TargetGroupArn: TG, TargetGroupName: 'web-tg', Port: 8080, TargetType: 'ip', LoadBalancerArns: [LB] },
  ],
};

describe('buildModel', () => {
  it('derives listener ARNs from rule ARNs and orders rules by priority, default last', () => {
    expect(listenerArnFromRuleArn(`${A}:listener-rule/app/web/abc123/l1/r2`)).toBe(LISTENER);
    const lb = buildModel(snapshot(base)).loadBalancers.get(LB)!;
    expect(lb.listeners[0]!.rules.map((r) => r.priority)).toEqual([5, 20, 'default']);
    expect(lb.listeners[0]!.rules[2]!.targetGroupArns).toEqual([TG]);
    expect(lb.listeners[0]!.rulesKnown).toBe(true);
    expect(lb.dnsName).toBe('web-123.eu-west-1.elb.amazonaws.com');
  });

  it('finds ALB nodes by ENI description, else lets the subnet CIDR stand for them', () => {
    expect(buildModel(snapshot(base)).loadBalancers.get(LB)!.nodes).toEqual([
      { subnetId: 'subnet-a', availabilityZone: 'eu-west-1a', address: '10.0.0.10', eniId: 'eni-alb' },
    ]);
    const noEnis = buildModel(snapshot({ ...base, NetworkInterfaces: [] }));
    expect(noEnis.loadBalancers.get(LB)!.nodes[0]!.address).toBe('10.0.0.0/24');
  });

  it('keeps target health unknown (null) when describe-target-health is missing, never empty', () => {
    const model = buildModel(snapshot(base));
    expect(model.targetGroups.get(TG)!.targets).toBeNull();
    expect(
      dataGaps(model, { account: '111122223333', region: 'eu-west-1' }, ['LoadBalancerTargetHealth']),
    ).toEqual(['LoadBalancerTargetHealth missing (aws elbv2 describe-target-health)']);
  });

  it('resolves ip targets to the task ENI and its security groups', () => {
    const endpoint = endpointForTarget(buildModel(snapshot(base)), SCOPE, '10.0.0.99');
    expect(endpoint).toMatchObject({
      eniId: 'eni-task',
      subnetId: 'subnet-a',
      securityGroupIds: ['sg-task'],
    });
  });

  it('reports stale kinds as gaps', () => {
    const snap = snapshot(base);
    snap.partitions[0]!.stale = {
      SecurityGroups: { error: 'AccessDenied: ec2:DescribeSecurityGroups', fetchedAt: null },
    };
    snap.partitions[0]!.data.SecurityGroups = [];
    const gaps = dataGaps(buildModel(snap), { account: '111122223333', region: 'eu-west-1' }, [
      'SecurityGroups',
    ]);
    expect(gaps[0]).toContain('stale');
    expect(gaps[0]).toContain('AccessDenied');
  });

  it('joins awsvpc tasks to services with host port = container port from the task definition', () => {
    const model = buildModel(
      snapshot({
        services: [
          {
            serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/prod/api',
            serviceName: 'api',
            clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
            taskDefinition: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:3',
            loadBalancers: [{ targetGroupArn: TG, containerName: 'api', containerPort: 8080 }],
          },
        ],
        taskDefinitions: [
          {
            taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:3',
            networkMode: 'awsvpc',
            containerDefinitions: [{ name: 'api', portMappings: [{ containerPort: 8080 }] }],
          },
        ],
        tasks: [
          {
            taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/prod/t1',
            clusterArn: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
            taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/api:3',
            group: 'service:api',
            lastStatus: 'RUNNING',
            attachments: [
              {
                type: 'ElasticNetworkInterface',
                details: [
                  { name: 'networkInterfaceId', value: 'eni-task' },
                  { name: 'privateIPv4Address', value: '10.0.0.99' },
                ],
              },
            ],
          },
        ],
      }),
    );
    const svc = findService(model, 'prod/api')!;
    expect(svc.networkMode).toBe('awsvpc');
    expect(svc.tasks[0]!.eniId).toBe('eni-task');
    expect(svc.tasks[0]!.bindings).toEqual([
      { containerName: 'api', containerPort: 8080, hostPort: 8080, protocol: 'tcp' },
    ]);
  });
});
