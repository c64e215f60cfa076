// Load balancers, listeners, listener rules, target groups and target health as facts.
import type { Action, RuleCondition, Snapshot } from '@porthole/shared';
import { allOf } from './allOf.ts';
import type { FactSet } from './facts.ts';
import { elbName } from './words.ts';

function targetGroupsOf(actions: Action[]): string[] {
  return actions.flatMap((a) => [
    ...(a.TargetGroupArn ? [a.TargetGroupArn] : []),
    ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn),
  ]);
}

export function actionWords(actions: Action[]): string {
  return actions
    .map((a) => {
      if (a.Type === 'forward') {
        const weighted = a.ForwardConfig?.TargetGroups ?? [];
        if (weighted.length > 1) {
          return `forward to ${weighted.map((t) => `${elbName(t.TargetGroupArn)} (${t.Weight ?? 1})`).join(', ')}`;
        }
        const arn = a.TargetGroupArn ?? weighted[0]?.TargetGroupArn;
        return `forward to ${arn ? elbName(arn) : '?'}`;
      }
      if (a.Type === 'fixed-response') return `fixed response ${a.FixedResponseConfig?.StatusCode ?? '?'}`;
      return a.Type;
    })
    .join(', ');
}

function conditionWords(conditions: RuleCondition[]): string {
  return conditions
    .map((c) => {
      const values =
        c.Values ??
        c.PathPatternConfig?.Values ??
        c.HostHeaderConfig?.Values ??
        c.HttpRequestMethodConfig?.Values ??
        c.SourceIpConfig?.Values ??
        c.HttpHeaderConfig?.Values ??
        [];
      return `${c.Field ?? '?'} ${values.join(' | ')}`;
    })
    .join(' and ');
}

const str = (v: unknown): string => (v === null || v === undefined ? '-' : String(v));

export function elbFacts(snapshot: Snapshot, serviceOf: Map<string, string>): FactSet {
  const facts: FactSet = {};
  const lbNames = new Map<string, string>();

  for (const lb of allOf(snapshot, 'LoadBalancers')) {
    const name = lb.LoadBalancerName ?? elbName(lb.LoadBalancerArn);
    lbNames.set(lb.LoadBalancerArn, name);
    const zones = (lb.AvailabilityZones ?? [])
      .map((z) => `${z.ZoneName ?? '?'} (${z.SubnetId ?? '?'})`)
      .sort();
    const groups = [...(lb.SecurityGroups ?? [])].sort();
    facts[`lb|${lb.LoadBalancerArn}`] = {
      kind: 'load-balancer',
      owner: name,
      text: `load balancer ${name}`,
      fields: {
        'availability zones': zones.join(', ') || '-',
        'security groups': groups.join(', ') || '-',
        scheme: str(lb.Scheme),
        state: str(lb.State?.Code),
      },
      service: null,
      resources: [
        lb.LoadBalancerArn,
        ...groups,
        ...(lb.AvailabilityZones ?? []).flatMap((z) => (z.SubnetId ? [z.SubnetId] : [])),
      ],
    };
  }

  for (const listener of allOf(snapshot, 'Listeners')) {
    const lbName = listener.LoadBalancerArn ? (lbNames.get(listener.LoadBalancerArn) ?? '?') : '?';
    const actions = listener.DefaultActions ?? [];
    const tgs = targetGroupsOf(actions);
    facts[`listener|${listener.ListenerArn}`] = {
      kind: 'listener',
      owner: lbName,
      text: `listener ${str(listener.Protocol)}:${str(listener.Port)} on ${lbName}`,
      fields: { 'default action': actionWords(actions) },
      service: tgs.map((t) => serviceOf.get(t)).find((s) => s !== undefined) ?? null,
      resources: [
        listener.ListenerArn,
        ...(listener.LoadBalancerArn ? [listener.LoadBalancerArn] : []),
        ...tgs,
      ],
    };
  }

  for (const rule of allOf(snapshot, 'Rules')) {
    if (rule.IsDefault) continue; // the same as its listener's default actions
    const actions = rule.Actions ?? [];
    const tgs = targetGroupsOf(actions);
    facts[`rule|${rule.RuleArn}`] = {
      kind: 'rule',
      owner: elbName(rule.RuleArn),
      text: `listener rule ${str(rule.Priority)} (${conditionWords(rule.Conditions ?? []) || 'no conditions'})`,
      fields: {
        priority: str(rule.Priority),
        conditions: conditionWords(rule.Conditions ?? []) || '-',
        actions: actionWords(actions),
      },
      service: tgs.map((t) => serviceOf.get(t)).find((s) => s !== undefined) ?? null,
      resources: [rule.RuleArn, ...tgs],
    };
  }

  for (const tg of allOf(snapshot, 'TargetGroups')) {
    const name = tg.TargetGroupName ?? elbName(tg.TargetGroupArn);
    facts[`tg|${tg.TargetGroupArn}`] = {
      kind: 'target-group',
      owner: name,
      text: `target group ${name}`,
      fields: {
        port: str(tg.Port),
        protocol: str(tg.Protocol),
        'target type': str(tg.TargetType),
        'health check': tg.HealthCheckEnabled === false ? 'disabled' : 'enabled',
        'health check protocol': str(tg.HealthCheckProtocol),
        'health check port': str(tg.HealthCheckPort),
        'health check path': str(tg.HealthCheckPath),
        'success codes': str(tg.Matcher?.HttpCode ?? tg.Matcher?.GrpcCode),
        'health check interval': `${str(tg.HealthCheckIntervalSeconds)}s`,
        'health check timeout': `${str(tg.HealthCheckTimeoutSeconds)}s`,
        'healthy threshold': str(tg.HealthyThresholdCount),
        'unhealthy threshold': str(tg.UnhealthyThresholdCount),
        'load balancers': (tg.LoadBalancerArns ?? []).map(elbName).sort().join(', ') || '-',
      },
      service: serviceOf.get(tg.TargetGroupArn) ?? null,
      resources: [tg.TargetGroupArn, ...(tg.LoadBalancerArns ?? [])],
    };
  }

  for (const group of allOf(snapshot, 'LoadBalancerTargetHealth')) {
    const tgName = elbName(group.TargetGroupArn);
    for (const d of group.TargetHealthDescriptions) {
      const where =
        d.Target.Port !== null && d.Target.Port !== undefined
          ? `${d.Target.Id}:${d.Target.Port}`
          : d.Target.Id;
      facts[`target|${group.TargetGroupArn}|${where}`] = {
        kind: 'target',
        owner: tgName,
        text: where,
        fields: {
          state: d.TargetHealth.State,
          reason: d.TargetHealth.Reason ?? '',
          description: d.TargetHealth.Description ?? '',
        },
        service: serviceOf.get(group.TargetGroupArn) ?? null,
        resources: [group.TargetGroupArn, d.Target.Id],
      };
    }
  }
  return facts;
}
