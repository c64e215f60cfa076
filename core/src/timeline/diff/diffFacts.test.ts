import { describe, expect, it } from 'vitest';
import type { Snapshot, SnapshotData } from '@porthole/shared';
import { diffFacts } from './diffFacts.ts';
import { extractFacts } from './facts.ts';

const snap = (data: SnapshotData): Snapshot => ({
  partitions: [{ account: '111122223333', region: 'eu-west-1', data }],
  warnings: [],
});
const TG = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web-tg/73e2d6bc24d8a067';
const LB = 'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web-alb/50dc6c495c0c9188';
const CLUSTER = 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod';

const dynamicFromAlb = {
  IpProtocol: 'tcp',
  FromPort: 32768,
  ToPort: 65535,
  UserIdGroupPairs: [{ GroupId: 'sg-alb' }],
};
const only8081 = {
  IpProtocol: 'tcp',
  FromPort: 8081,
  ToPort: 8081,
  UserIdGroupPairs: [{ GroupId: 'sg-alb' }],
};
const sg = (perms: unknown[]): SnapshotData => ({
  SecurityGroups: [{ GroupId: 'sg-ecs', IpPermissions: perms as never, IpPermissionsEgress: [] }],
});

const messages = (before: SnapshotData, after: SnapshotData) =>
  diffFacts(extractFacts(snap(before)), extractFacts(snap(after))).map((c) => `${c.type}: ${c.message}`);

describe('diffFacts', () => {
  it('reports the exact security group rule removed and added', () => {
    const changes = diffFacts(extractFacts(snap(sg([dynamicFromAlb]))), extractFacts(snap(sg([only8081]))));
    expect(changes.map((c) => c.message)).toEqual([
      'ingress tcp 32768-65535 from sg-alb removed from sg-ecs',
      'ingress tcp 8081 from sg-alb added to sg-ecs',
    ]);
    expect(changes[0]).toMatchObject({
      type: 'security-group-rule-removed',
      resources: ['sg-ecs', 'sg-alb'],
    });
    expect(changes[1]!.type).toBe('security-group-rule-added');
  });

  it('reports nothing when nothing changed', () => {
    expect(messages(sg([dynamicFromAlb]), sg([dynamicFromAlb]))).toEqual([]);
  });

  it('reports a replaced NACL entry as the old entry removed and the new one added', () => {
    const acl = (action: 'allow' | 'deny'): SnapshotData => ({
      NetworkAcls: [
        {
          NetworkAclId: 'acl-1',
          Associations: [{ SubnetId: 'subnet-a' }],
          Entries: [
            {
              RuleNumber: 100,
              Protocol: '6',
              RuleAction: action,
              Egress: true,
              CidrBlock: '10.0.0.0/16',
              PortRange: { From: 1024, To: 65535 },
            },
          ],
        },
      ],
    });
    expect(messages(acl('allow'), acl('deny'))).toEqual([
      'network-acl-entry-removed: outbound rule 100 allow tcp 1024-65535 to 10.0.0.0/16 removed from acl-1',
      'network-acl-entry-added: outbound rule 100 deny tcp 1024-65535 to 10.0.0.0/16 added to acl-1',
    ]);
  });

  it('reports a removed NAT route with the route table and its subnets as resources', () => {
    const rtb = (routes: unknown[]): SnapshotData => ({
      RouteTables: [
        {
          RouteTableId: 'rtb-priv',
          VpcId: 'vpc-1',
          Associations: [{ SubnetId: 'subnet-a' }],
          Routes: routes as never,
        },
      ],
    });
    const local = { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' };
    const nat = { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-1', State: 'active' };
    const changes = diffFacts(extractFacts(snap(rtb([local, nat]))), extractFacts(snap(rtb([local]))));
    expect(changes).toEqual([
      {
        type: 'route-removed',
        service: null,
        resources: ['rtb-priv', 'nat-1', 'subnet-a'],
        message: 'route 0.0.0.0/0 → nat-1 removed from rtb-priv',
      },
    ]);
  });

  it('reports target health transitions with the reason, attributed to the service', () => {
    const data = (state: string, reason?: string, description?: string): SnapshotData => ({
      services: [
        {
          serviceArn: 'arn:svc',
          serviceName: 'web',
          clusterArn: CLUSTER,
          loadBalancers: [{ targetGroupArn: TG }],
        },
      ],
      LoadBalancerTargetHealth: [
        {
          TargetGroupArn: TG,
          TargetHealthDescriptions: [
            {
              Target: { Id: 'i-0abc', Port: 32768 },
              TargetHealth: { State: state, Reason: reason ?? null, Description: description ?? null },
            },
          ],
        },
      ],
    });
    const changes = diffFacts(
      extractFacts(snap(data('healthy'))),
      extractFacts(snap(data('unhealthy', 'Target.Timeout', 'Request timed out'))),
    );
    expect(changes).toEqual([
      {
        type: 'target-health',
        service: 'prod/web',
        resources: [TG, 'i-0abc'],
        message: 'target i-0abc:32768 in web-tg: healthy → unhealthy (Target.Timeout: Request timed out)',
      },
    ]);
  });

  it('reports tasks started with host ports and stopped with the reason', () => {
    const task = (status: string, extra: object = {}) => ({
      taskArn: 'arn:aws:ecs:eu-west-1:111122223333:task/prod/0f1e2d',
      clusterArn: CLUSTER,
      group: 'service:web',
      taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:42',
      lastStatus: status,
      containers: [
        { name: 'app', networkBindings: [{ containerPort: 8080, hostPort: 32771, protocol: 'tcp' }] },
      ],
      ...extra,
    });
    expect(messages({ tasks: [] }, { tasks: [task('RUNNING')] })).toEqual([
      'task-started: task 0f1e2d (web:42) started in prod/web, 32771→8080',
    ]);
    const stopped = task('STOPPED', { stoppedReason: 'CannotPullContainerError: i/o timeout' });
    expect(messages({ tasks: [task('RUNNING')] }, { tasks: [stopped] })).toEqual([
      'task-stopped: task 0f1e2d (web:42) stopped: CannotPullContainerError: i/o timeout',
    ]);
    expect(messages({ tasks: [] }, { tasks: [task('PENDING')] })).toEqual([]);
  });

  it('reports target group health check changes field by field', () => {
    const tg = (path: string): SnapshotData => ({
      TargetGroups: [
        {
          TargetGroupArn: TG,
          TargetGroupName: 'web-tg',
          Port: 80,
          Protocol: 'HTTP',
          HealthCheckPath: path,
          LoadBalancerArns: [LB],
        },
      ],
    });
    expect(messages(tg('/health'), tg('/healthz'))).toEqual([
      'target-group-changed: target group web-tg: health check path /health → /healthz',
    ]);
  });

  it('reports an availability zone disabled on a load balancer', () => {
    const lb = (zones: string[]): SnapshotData => ({
      LoadBalancers: [
        {
          LoadBalancerArn: LB,
          LoadBalancerName: 'web-alb',
          AvailabilityZones: zones.map((z) => ({ ZoneName: z, SubnetId: `subnet-${z.slice(-1)}` })),
        },
      ],
    });
    expect(messages(lb(['eu-west-1a', 'eu-west-1b']), lb(['eu-west-1a']))).toEqual([
      'load-balancer-changed: load balancer web-alb: availability zones eu-west-1a (subnet-a), eu-west-1b (subnet-b) → eu-west-1a (subnet-a)',
    ]);
  });

  it('reports a deployment starting and completing', () => {
    const svc = (rollout: string): SnapshotData => ({
      services: [
        {
          serviceArn: 'arn:svc',
          serviceName: 'web',
          clusterArn: CLUSTER,
          deployments: [
            { id: 'ecs-svc/123', status: 'PRIMARY', rolloutState: rollout, taskDefinition: 'arn:td/web:43' },
          ],
        },
      ],
    });
    expect(messages({ services: [] }, svc('IN_PROGRESS'))).toEqual([
      'deployment: deployment ecs-svc/123 of prod/web (web:43) started (PRIMARY, IN_PROGRESS)',
    ]);
    expect(messages(svc('IN_PROGRESS'), svc('COMPLETED'))).toEqual([
      'deployment: deployment ecs-svc/123 of prod/web (web:43): rollout IN_PROGRESS → COMPLETED',
    ]);
  });

  it('orders config changes before their effects', () => {
    const before = { ...sg([dynamicFromAlb]), tasks: [] };
    const after = {
      ...sg([]),
      tasks: [{ taskArn: 'arn:task/t1', clusterArn: CLUSTER, lastStatus: 'RUNNING', group: 'service:web' }],
    };
    expect(diffFacts(extractFacts(snap(before)), extractFacts(snap(after))).map((c) => c.type)).toEqual([
      'security-group-rule-removed',
      'task-started',
    ]);
  });
});
