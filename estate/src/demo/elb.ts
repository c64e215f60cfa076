// `aws elbv2 describe-load-balancers|listeners|rules|target-groups|target-health`. Target health is
// Batfish's wrapper `{"LoadBalancerTargetHealth":[{TargetGroupArn, TargetHealthDescriptions}]}`.
import type { DemoIds, LbKey, TgKey } from './ids.ts';
import { SERVICE_PLANS, taskPlans, type TaskPlan } from './plan.ts';
import type { Json } from './shapes.ts';
import { TIMES } from './time.ts';

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

export function loadBalancers(ids: DemoIds): Json[] {
  return (['web', 'orders'] as LbKey[]).map((key) => {
    const lb = ids.loadBalancers[key];
    return {
      LoadBalancerArn: lb.arn,
      DNSName: lb.dnsName,
      CanonicalHostedZoneId: ALB_HOSTED_ZONE[ids.region] ?? 'Z1H1FL5HABSF5',
      CreatedTime: TIMES.lbCreated,
      LoadBalancerName: lb.name,
      Scheme: lb.scheme,
      VpcId: ids.vpcId,
      State: { Code: 'active' },
      Type: 'application',
      AvailabilityZones: lb.subnets.map((s) => ({
        ZoneName: ids.subnets[s].az,
        SubnetId: ids.subnets[s].id,
        LoadBalancerAddresses: [],
      })),
      SecurityGroups: [ids.sgs[lb.sg]],
      IpAddressType: 'ipv4',
    };
  });
}

export function listeners(ids: DemoIds): Json[] {
  return [
    {
      ListenerArn: ids.loadBalancers.web.listener80Arn,
      LoadBalancerArn: ids.loadBalancers.web.arn,
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [forwardAction(ids.targetGroups.web)],
    },
    {
      ListenerArn: ids.loadBalancers.orders.listener80Arn,
      LoadBalancerArn: ids.loadBalancers.orders.arn,
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [forwardAction(ids.targetGroups.orders)],
    },
  ];
}

function condition(field: 'host-header' | 'path-pattern', value: string): Json {
  const config = field === 'host-header' ? 'HostHeaderConfig' : 'PathPatternConfig';
  return { Field: field, Values: [value], [config]: { Values: [value] } };
}

export function adminPathRule(ids: DemoIds): Json {
  return {
    RuleArn: ids.rules.adminPath,
    Priority: '20',
    Conditions: [condition('path-pattern', '/admin/*')],
    Actions: [forwardAction(ids.targetGroups.admin)],
    IsDefault: false,
  };
}

/** describe-rules for both listeners: numbered rules by priority, then the default rule. */
export function rules(ids: DemoIds): Json[] {
  return [
    {
      RuleArn: ids.rules.apiHost,
      Priority: '10',
      Conditions: [condition('host-header', 'api.example.com')],
      Actions: [forwardAction(ids.targetGroups.api)],
      IsDefault: false,
    },
    adminPathRule(ids),
    {
      RuleArn: ids.rules.webDefault,
      Priority: 'default',
      Conditions: [],
      Actions: [forwardAction(ids.targetGroups.web)],
      IsDefault: true,
    },
    {
      RuleArn: ids.rules.ordersDefault,
      Priority: 'default',
      Conditions: [],
      Actions: [forwardAction(ids.targetGroups.orders)],
      IsDefault: true,
    },
  ];
}

const TG_SPECS: Array<{ key: TgKey; name: string; port: number; type: 'instance' | 'ip'; lb: LbKey }> = [
  { key: 'web', name: 'web-tg', port: 80, type: 'instance', lb: 'web' },
  { key: 'api', name: 'api-tg', port: 8080, type: 'ip', lb: 'web' },
  { key: 'admin', name: 'admin-tg', port: 80, type: 'instance', lb: 'web' },
  { key: 'orders', name: 'orders-tg', port: 8080, type: 'ip', lb: 'orders' },
];

export function targetGroups(ids: DemoIds): Json[] {
  return TG_SPECS.map((spec) => ({
    TargetGroupArn: ids.targetGroups[spec.key],
    TargetGroupName: spec.name,
    Protocol: 'HTTP',
    Port: spec.port,
    VpcId: ids.vpcId,
    HealthCheckProtocol: 'HTTP',
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 30,
    HealthCheckTimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: '/health',
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: [ids.loadBalancers[spec.lb].arn],
    TargetType: spec.type,
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  }));
}

/**
 * One healthy TargetHealthDescription for a running task: instance id + host port for bridge tasks,
 * ENI IP + container port for awsvpc tasks (ip targets also print their AZ).
 */
export function targetDescription(ids: DemoIds, task: TaskPlan): Json {
  const plan = SERVICE_PLANS.find((p) => p.name === task.service);
  if (task.bridge) {
    return {
      Target: { Id: ids.instances[task.bridge.instance].id, Port: task.bridge.hostPort },
      HealthCheckPort: String(task.bridge.hostPort),
      TargetHealth: { State: 'healthy' },
    };
  }
  const port = plan?.containerPort ?? 80;
  return {
    Target: { Id: task.awsvpc?.privateIp, Port: port, AvailabilityZone: task.az },
    HealthCheckPort: String(port),
    TargetHealth: { State: 'healthy' },
  };
}

export function targetHealth(ids: DemoIds): Json[] {
  const tasks = taskPlans(ids);
  return TG_SPECS.map((spec) => ({
    TargetGroupArn: ids.targetGroups[spec.key],
    TargetHealthDescriptions: tasks
      .filter((t) => SERVICE_PLANS.find((p) => p.name === t.service)?.targetGroup === spec.key)
      .map((t) => targetDescription(ids, t)),
  }));
}
