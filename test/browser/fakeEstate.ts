// Contract-shaped data for the fake daemon: a small estate with one broken service, built from the shared types.
import type {
  DataFreshness,
  Finding,
  FindingRecord,
  Hop,
  ServiceDetail,
  ServiceVerdict,
  TimelineEvent,
} from '@porthole/shared';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
export const ALB_DNS = 'demo-alb-1234567890.eu-west-1.elb.amazonaws.com';
const TG = (name: string) =>
  `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:targetgroup/${name}/0123456789abcdef`;

export function verdict(cluster: string, service: string, healthy: number, total: number): ServiceVerdict {
  return {
    name: `${cluster}/${service}`,
    cluster,
    service,
    arn: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${cluster}/${service}`,
    account: ACCOUNT,
    region: REGION,
    status: healthy === total ? 'healthy' : healthy === 0 ? 'down' : 'degraded',
    desiredCount: total,
    runningCount: total,
    targetCounts: { healthy, unhealthy: total - healthy },
    targetsTotal: total,
    targetsHealthy: healthy,
    topFinding: null,
    why:
      healthy === total
        ? `All ${total} targets pass health checks.`
        : `${total - healthy} of ${total} targets fail.`,
    findingIds: [],
  };
}

export function blockingFinding(service: string, now: string): FindingRecord {
  const finding: Finding = {
    id: `sg-blocks-dynamic-ports:sg-0b1ockedc0ffee:${service}`,
    rule: 'sg-blocks-dynamic-ports',
    severity: 'critical',
    title: 'Instance security group blocks the ALB on the dynamic host ports',
    explanation:
      'The ALB sends health checks to host ports 32768-65535, but sg-0b1ockedc0ffee only allows tcp 80 from the ALB, so every target times out.',
    resources: ['sg-0b1ockedc0ffee', 'sg-0a1b2c3d4e5f'],
    service,
    services: [service],
    confidence: 'confirmed',
    missing: [],
    targets: [{ targetGroupArn: TG('orders'), id: 'i-0abc1234', port: 32768 }],
    evidence: [
      {
        kind: 'security-group-rule',
        component: 'sg-0b1ockedc0ffee',
        detail: 'inbound tcp 80 from sg-0a1b2c3d4e5f (alb)',
      },
      {
        kind: 'target-health',
        component: 'i-0abc1234:32768',
        detail: 'unhealthy Target.Timeout: Request timed out',
      },
    ],
    fix: {
      summary: 'Allow tcp 32768-65535 from the ALB security group on the instance security group.',
      awsCli: [
        'aws ec2 authorize-security-group-ingress --group-id sg-0b1ockedc0ffee --ip-permissions IpProtocol=tcp,FromPort=32768,ToPort=65535,UserIdGroupPairs=[{GroupId=sg-0a1b2c3d4e5f}]',
      ],
      terraform:
        'resource "aws_vpc_security_group_ingress_rule" "alb_dynamic" {\n  security_group_id            = "sg-0b1ockedc0ffee"\n  referenced_security_group_id = "sg-0a1b2c3d4e5f"\n  ip_protocol                  = "tcp"\n  from_port                    = 32768\n  to_port                      = 65535\n}',
    },
    account: ACCOUNT,
    region: REGION,
  };
  return {
    ...finding,
    status: 'open',
    firstSeen: now,
    lastSeen: now,
    resolvedAt: null,
    likelyCause:
      'Security group rule removed from sg-0b1ockedc0ffee (tcp 32768-65535 from sg-0a1b2c3d4e5f) 1 cycle earlier',
  };
}

export function brokenVerdict(base: ServiceVerdict, finding: FindingRecord): ServiceVerdict {
  return {
    ...base,
    status: 'down',
    targetsHealthy: 0,
    targetCounts: { unhealthy: base.targetsTotal },
    topFinding: { id: finding.id, rule: finding.rule, severity: finding.severity, title: finding.title },
    why: 'Security group sg-0b1ockedc0ffee blocks the ALB on the dynamic host ports (32768-65535).',
    findingIds: [finding.id],
  };
}

export function initialServices(): ServiceVerdict[] {
  const list = [
    verdict('prod', 'orders', 2, 2),
    verdict('prod', 'payments', 3, 3),
    verdict('prod', 'catalog', 1, 2),
    verdict('prod', 'search', 2, 2),
    verdict('staging', 'orders', 1, 1),
    verdict('staging', 'payments', 1, 1),
  ];
  list[2]!.why = 'One target in eu-west-1c is still in its health-check grace period.';
  return list;
}

function hop(
  component: string,
  kind: string,
  leg: Hop['leg'],
  verdictText: Hop['verdict'],
  detail: string,
): Hop {
  const direction = kind === 'security-group' || kind === 'network-acl' ? 'inbound' : 'forward';
  return { component, kind, direction, leg, verdict: verdictText, detail };
}

export function pathHops(blocked: boolean): Hop[] {
  return [
    hop('internet', 'client', 'request', 'allow', 'Client on the internet'),
    hop(`listener/app/demo-alb/80`, 'listener', 'request', 'allow', 'HTTP :80 → default rule'),
    hop('rule default', 'listener-rule', 'request', 'allow', 'forward to orders'),
    hop(TG('orders'), 'target-group', 'request', 'allow', 'instance targets, traffic port'),
    blocked
      ? hop(
          'sg-0b1ockedc0ffee',
          'security-group',
          'request',
          'deny',
          'no rule allows tcp 32768 from sg-0a1b2c3d4e5f',
        )
      : hop(
          'sg-0b1ockedc0ffee',
          'security-group',
          'request',
          'allow',
          'inbound tcp 32768-65535 from sg-0a1b2c3d4e5f',
        ),
    hop('i-0abc1234:32768', 'target', 'request', 'allow', 'host port 32768'),
    hop('orders:8081', 'container', 'request', 'allow', 'container port 8081'),
    hop('acl-0123', 'network-acl', 'reply', 'allow', 'outbound rule 100 allows tcp 1024-65535'),
  ];
}

export function detailFor(
  s: ServiceVerdict,
  findings: FindingRecord[],
  events: TimelineEvent[],
): ServiceDetail {
  const blocked = s.status === 'down';
  return {
    service: s,
    targets: Array.from({ length: s.targetsTotal }, (_, i) => ({
      targetGroupArn: TG(s.service),
      id: `i-0abc123${i}`,
      port: 32768 + i,
      availabilityZone: `${REGION}${'abc'[i % 3]}`,
      state: blocked ? 'unhealthy' : 'healthy',
      reason: blocked ? 'Target.Timeout' : null,
      description: blocked ? 'Request timed out' : null,
      service: s.name,
      rootCause: blocked ? 'sg-blocks-dynamic-ports' : null,
    })),
    paths: [
      {
        title: `HTTP:80 ${ALB_DNS}/ → ${s.service}`,
        listener: null,
        targetGroupArn: TG(s.service),
        hops: pathHops(blocked),
      },
    ],
    findings: findings.filter((f) => f.service === s.name),
    events: events.filter((e) => e.service === s.name),
  };
}

export function freshness(lastCycleAt: string | null, pollIntervalSeconds: number): DataFreshness {
  return { lastCycleAt, pollIntervalSeconds, staleKinds: [] };
}
