// A service's request paths for GET /api/services/:cluster/:service: for every listener rule that forwards to
// one of its target groups, the hop-by-hop path of a request matching that rule (the engine evaluates it).
import type { RuleCondition, ServiceDetail } from '@porthole/shared';
import { explainLoadBalancer } from '../engine/explain.ts';
import { targetGroupNameFromArn } from '../model/arn.ts';
import type { EstateModel } from '../model/types.ts';

function sample(
  conditions: RuleCondition[],
  field: string,
  config: 'HostHeaderConfig' | 'PathPatternConfig',
): string | null {
  const c = conditions.find((x) => x.Field === field);
  const value = c?.[config]?.Values?.[0] ?? c?.Values?.[0];
  return value ? value.replace(/\*/g, 'x').replace(/\?/g, 'x') : null;
}

export function servicePaths(
  model: EstateModel,
  serviceName: string,
  now = new Date(0),
): ServiceDetail['paths'] {
  const service = model.services.get(serviceName);
  if (!service) return [];
  const paths: ServiceDetail['paths'] = [];
  for (const { targetGroupArn } of service.loadBalancers) {
    const tg = model.targetGroups.get(targetGroupArn);
    for (const lbArn of tg?.loadBalancerArns ?? []) {
      const lb = model.loadBalancers.get(lbArn);
      for (const listener of lb?.listeners ?? []) {
        for (const rule of listener.rules) {
          if (!rule.targetGroupArns.includes(targetGroupArn) || listener.port === null || !lb) continue;
          const host = sample(rule.conditions, 'host-header', 'HostHeaderConfig') ?? lb.dnsName ?? lb.name;
          const rawPath = sample(rule.conditions, 'path-pattern', 'PathPatternConfig') ?? '/';
          const path = rawPath.startsWith('/') ? rawPath : `/${rawPath}`;
          const result = explainLoadBalancer(model, lb.arn, listener.port, host, path, undefined, now);
          paths.push({
            title: `${listener.protocol ?? '?'}:${listener.port} ${host}${path} → ${targetGroupNameFromArn(targetGroupArn)}`,
            listener: listener.arn,
            targetGroupArn,
            hops: result.hops,
          });
        }
      }
    }
  }
  return paths;
}
