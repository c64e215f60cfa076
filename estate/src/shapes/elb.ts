// `aws elbv2 describe-load-balancers|listeners|rules|target-groups|target-health` objects from plain ids
// (LoadBalancer, Listener, Rule, TargetGroup, TargetHealthDescription in the ELBv2 API reference).
import type { Json } from '../demo/shapes.ts';

// Route 53 zone of ALB DNS names per region (ELB endpoints table in the AWS General Reference).
const ALB_HOSTED_ZONE: Record<string, string> = {
  'eu-west-1': 'Z32O12XQLNTSW2',
  'us-east-1': 'Z35SXDOTRQ7X7K',
};

export function forwardAction(targetGroupArn: string): Json {
  return {
    Type: 'forward',
    TargetGroupArn: targetGroupArn,
    Order: 1,
    ForwardConfig: {
      TargetGroups: [{ TargetGroupArn: targetGroupArn, Weight: 1 }],
      TargetGroupStickinessConfig: { Enabled: false },
    },
  };
}

export interface LoadBalancerInput {
  arn: string;
  name: string;
  dnsName: string;
  scheme: string;
  vpcId: string;
  region: string;
  createdAt: string;
  subnets: Array<{ id: string; az: string }>;
  securityGroups: string[];
}

export function loadBalancerShape(lb: LoadBalancerInput): Json {
  return {
    LoadBalancerArn: lb.arn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: ALB_HOSTED_ZONE[lb.region] ?? 'Z1H1FL5HABSF5',
    CreatedTime: lb.createdAt,
    LoadBalancerName: lb.name,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: 'active' },
    Type: 'application',
    AvailabilityZones: lb.subnets.map((s) => ({ ZoneName: s.az, SubnetId: s.id, LoadBalancerAddresses: [] })),
    SecurityGroups: lb.securityGroups,
    IpAddressType: 'ipv4',
  };
}

/** An HTTP listener whose default action forwards to one target group. */
export function listenerShape(l: { arn: string; lbArn: string; port: number; defaultTg: string }): Json {
  return {
    ListenerArn: l.arn,
    LoadBalancerArn: l.lbArn,
    Port: l.port,
    Protocol: 'HTTP',
    DefaultActions: [forwardAction(l.defaultTg)],
  };
}

export function ruleCondition(field: 'host-header' | 'path-pattern', value: string): Json {
  const config = field === 'host-header' ? 'HostHeaderConfig' : 'PathPatternConfig';
  return { Field: field, Values: [value], [config]: { Values: [value] } };
}

/** A listener rule forwarding to one target group; priority null is the listener's default rule. */
export function ruleShape(r: { arn: string; priority: number | null; conditions: Json[]; tg: string }): Json {
  return {
    RuleArn: r.arn,
    Priority: r.priority === null ? 'default' : String(r.priority),
    Conditions: r.conditions,
    Actions: [forwardAction(r.tg)],
    IsDefault: r.priority === null,
  };
}

export interface TargetGroupInput {
  arn: string;
  name: string;
  port: number;
  vpcId: string;
  targetType: 'instance' | 'ip';
  healthCheckPath: string;
  /** 'traffic-port' or a port number as text. */
  healthCheckPort: string;
  lbArns: string[];
}

export function targetGroupShape(tg: TargetGroupInput): Json {
  return {
    TargetGroupArn: tg.arn,
    TargetGroupName: tg.name,
    Protocol: 'HTTP',
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: 'HTTP',
    HealthCheckPort: tg.healthCheckPort,
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: tg.healthCheckPath,
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: tg.lbArns,
    TargetType: tg.targetType,
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  };
}

export interface TargetHealthState {
  State: string;
  Reason?: string;
  Description?: string;
}

/**
 * One TargetHealthDescription: instance id + host port for instance targets, IP + port (and AZ) for ip
 * targets. The health check runs on the target's port unless the group names another.
 */
export function targetDescriptionShape(t: {
  id: string;
  port: number;
  az?: string;
  healthCheckPort?: string;
  health: TargetHealthState;
}): Json {
  return {
    Target: { Id: t.id, Port: t.port, ...(t.az ? { AvailabilityZone: t.az } : {}) },
    HealthCheckPort:
      t.healthCheckPort && t.healthCheckPort !== 'traffic-port' ? t.healthCheckPort : String(t.port),
    TargetHealth: t.health,
  };
}
