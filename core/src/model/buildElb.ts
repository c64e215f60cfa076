// ELBv2 objects → load balancers with their nodes, listeners, ordered rules, and target groups with health.
import type {
  Action,
  LoadBalancer,
  NetworkInterface,
  SnapshotPartition,
  SnapshotScope,
  TargetGroup,
  TargetGroupHealth,
} from '@porthole/shared';
import { listenerArnFromRuleArn, loadBalancerIdFromArn } from '@porthole/shared';
import type {
  EstateModel,
  HealthCheckModel,
  ListenerRuleModel,
  LoadBalancerNode,
  TargetGroupModel,
  TargetModel,
} from './types.ts';

export function addElb(model: EstateModel, part: SnapshotPartition): void {
  const scope = { account: part.account, region: part.region };
  const d = part.data;
  const elbEnis = elbInterfacesByDescription(model, scope);
  for (const lb of d.LoadBalancers ?? []) {
    model.loadBalancers.set(lb.LoadBalancerArn, {
      scope,
      arn: lb.LoadBalancerArn,
      name: lb.LoadBalancerName ?? lb.LoadBalancerArn,
      dnsName: lb.DNSName?.toLowerCase() ?? null,
      scheme: lb.Scheme === 'internal' ? 'internal' : 'internet-facing',
      type: lb.Type ?? 'application',
      vpcId: lb.VpcId ?? null,
      securityGroupIds: lb.SecurityGroups ?? [],
      nodes: nodesOf(model, scope, lb, elbEnis),
      listeners: [],
      raw: lb,
    });
  }
  const rulesByListener = new Map<string, ListenerRuleModel[]>();
  for (const rule of d.Rules ?? []) {
    const listenerArn = listenerArnFromRuleArn(rule.RuleArn);
    if (!listenerArn || rule.IsDefault || rule.Priority === 'default') continue;
    const actions = rule.Actions ?? [];
    const list = rulesByListener.get(listenerArn) ?? [];
    list.push({
      arn: rule.RuleArn,
      priority: Number(rule.Priority),
      conditions: rule.Conditions ?? [],
      actions,
      targetGroupArns: forwardTargets(actions),
    });
    rulesByListener.set(listenerArn, list);
  }
  const rulesKnown = d.Rules !== undefined;
  for (const listener of d.Listeners ?? []) {
    const lb = listener.LoadBalancerArn ? model.loadBalancers.get(listener.LoadBalancerArn) : undefined;
    if (!lb) continue;
    const defaultActions = listener.DefaultActions ?? [];
    const rules = (rulesByListener.get(listener.ListenerArn) ?? []).sort(
      (a, b) => (a.priority as number) - (b.priority as number),
    );
    rules.push({
      arn: `${listener.ListenerArn}#default`,
      priority: 'default',
      conditions: [],
      actions: defaultActions,
      targetGroupArns: forwardTargets(defaultActions),
    });
    lb.listeners.push({
      arn: listener.ListenerArn,
      loadBalancerArn: lb.arn,
      port: listener.Port ?? null,
      protocol: listener.Protocol ?? null,
      rules,
      rulesKnown,
    });
  }
  for (const lb of model.loadBalancers.values()) lb.listeners.sort((a, b) => (a.port ?? 0) - (b.port ?? 0));
  const healthByGroup = new Map((d.LoadBalancerTargetHealth ?? []).map((h) => [h.TargetGroupArn, h]));
  for (const tg of d.TargetGroups ?? []) {
    const health = healthByGroup.get(tg.TargetGroupArn);
    const model_: TargetGroupModel = {
      scope,
      arn: tg.TargetGroupArn,
      name: tg.TargetGroupName ?? tg.TargetGroupArn,
      port: tg.Port ?? null,
      protocol: tg.Protocol ?? null,
      targetType: tg.TargetType ?? 'instance',
      vpcId: tg.VpcId ?? null,
      loadBalancerArns: tg.LoadBalancerArns ?? [],
      healthCheck: healthCheckOf(tg),
      targets: targetsOf(tg.TargetGroupArn, health),
      services: [],
      raw: tg,
    };
    model.targetGroups.set(tg.TargetGroupArn, model_);
  }
}

/** A target group's registered targets from describe-target-health; null when its health is not known. */
export function targetsOf(arn: string, health: TargetGroupHealth | undefined): TargetModel[] | null {
  return health
    ? health.TargetHealthDescriptions.map((t) => ({
        targetGroupArn: arn,
        id: t.Target.Id,
        port: t.Target.Port ?? null,
        availabilityZone: t.Target.AvailabilityZone ?? null,
        state: t.TargetHealth.State,
        reason: t.TargetHealth.Reason ?? null,
        description: t.TargetHealth.Description ?? null,
        healthCheckPort: t.HealthCheckPort ?? null,
      }))
    : null;
}

/**
 * Target group ARNs an action list sends requests to: a simple forward's group, or each group of a
 * weighted ForwardConfig with a weight above 0 (weight 0 receives no requests; ELB API TargetGroupTuple).
 */
export function forwardTargets(actions: Action[]): string[] {
  const arns = new Set<string>();
  for (const action of actions) {
    if (action.Type !== 'forward') continue;
    const tuples = action.ForwardConfig?.TargetGroups ?? [];
    if (tuples.length === 0 && action.TargetGroupArn) arns.add(action.TargetGroupArn);
    for (const tg of tuples) if ((tg.Weight ?? 1) > 0) arns.add(tg.TargetGroupArn);
  }
  return [...arns];
}

function healthCheckOf(tg: TargetGroup): HealthCheckModel {
  return {
    enabled: tg.HealthCheckEnabled ?? true,
    protocol: tg.HealthCheckProtocol ?? tg.Protocol ?? null,
    port: tg.HealthCheckPort ?? 'traffic-port',
    path: tg.HealthCheckPath ?? null,
    // Defaults from the ALB guide, "Health checks for your target groups".
    intervalSeconds: tg.HealthCheckIntervalSeconds ?? 30,
    timeoutSeconds: tg.HealthCheckTimeoutSeconds ?? 5,
    healthyThreshold: tg.HealthyThresholdCount ?? 5,
    unhealthyThreshold: tg.UnhealthyThresholdCount ?? 2,
    matcher: tg.Matcher?.HttpCode ?? tg.Matcher?.GrpcCode ?? null,
  };
}

/**
 * One node per enabled subnet. The node's address is its ENI's private IP (ENI description
 * "ELB app/<name>/<id>"); without the ENI, the subnet CIDR stands for it.
 */
function nodesOf(
  model: EstateModel,
  scope: SnapshotScope,
  lb: LoadBalancer,
  elbEnis: Map<string, NetworkInterface[]>,
): LoadBalancerNode[] {
  const lbId = loadBalancerIdFromArn(lb.LoadBalancerArn);
  const candidates = lbId ? (elbEnis.get(`ELB ${lbId}`) ?? []) : [];
  return (lb.AvailabilityZones ?? []).flatMap((az) => {
    if (!az.SubnetId) return [];
    const eni = candidates.find((e) => e.SubnetId === az.SubnetId);
    const subnet = model.subnets.get(scope, az.SubnetId);
    return [
      {
        subnetId: az.SubnetId,
        availabilityZone: az.ZoneName ?? subnet?.AvailabilityZone ?? null,
        address: eni?.PrivateIpAddress ?? subnet?.CidrBlock ?? null,
        eniId: eni?.NetworkInterfaceId ?? null,
      },
    ];
  });
}

function elbInterfacesByDescription(
  model: EstateModel,
  scope: SnapshotScope,
): Map<string, NetworkInterface[]> {
  const index = new Map<string, NetworkInterface[]>();
  for (const eni of model.networkInterfaces.inScope(scope)) {
    if (!eni.Description?.startsWith('ELB ')) continue;
    const list = index.get(eni.Description) ?? [];
    list.push(eni);
    index.set(eni.Description, list);
  }
  return index;
}
