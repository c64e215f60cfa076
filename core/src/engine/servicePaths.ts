// The drill-down's path diagram: for each way a request reaches the service (ALB → listener → rule → target
// group), the hops from a client to the containers and back, each with its verdict and deciding entry.
import type { ServiceDetail } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';
import { findService } from '../model/services.ts';
import { evaluateFrontDoor, type Caller } from '../net/paths/frontDoor.ts';
import { createRuleContext } from '../rules/support/context.ts';
import type { RuleContext } from '../rules/types.ts';
import { targetGroupHops } from './forwardHops.ts';
import { toHop } from './pathResult.ts';

export function servicePaths(
  model: EstateModel,
  serviceName: string,
  ctx?: RuleContext,
  scope?: { account?: string | null; region?: string | null },
): ServiceDetail['paths'] {
  const svc = findService(model, serviceName, scope);
  if (!svc) return [];
  const context = ctx ?? createRuleContext(model);
  const paths: ServiceDetail['paths'] = [];
  for (const ref of svc.loadBalancers) {
    const tg = model.targetGroups.get(ref.targetGroupArn);
    for (const lb of model.loadBalancers.values()) {
      for (const listener of lb.listeners) {
        for (const rule of listener.rules.filter((r) => r.targetGroupArns.includes(ref.targetGroupArn))) {
          const vpcCidr = lb.vpcId ? model.vpcs.get(lb.scope, lb.vpcId)?.CidrBlock : undefined;
          const caller: Caller =
            lb.scheme === 'internet-facing'
              ? { kind: 'internet', address: '0.0.0.0/0' }
              : { kind: 'address', address: vpcCidr ?? '0.0.0.0/0' };
          const front =
            listener.port === null ? [] : evaluateFrontDoor(model, lb, caller, { port: listener.port }).hops;
          const ruleText = rule.priority === 'default' ? 'default rule' : `rule ${rule.priority}`;
          const hops = [
            {
              component: caller.address,
              kind: 'client',
              check: 'other' as const,
              leg: 'request' as const,
              direction: 'forward' as const,
              verdict: 'allow' as const,
              detail:
                lb.scheme === 'internet-facing'
                  ? 'any internet client'
                  : `clients in the VPC (${caller.address})`,
              ports: null,
              evidence: [],
              gaps: [],
            },
            ...front,
            {
              component: listener.arn,
              kind: 'listener',
              check: 'other' as const,
              leg: 'request' as const,
              direction: 'forward' as const,
              verdict: 'allow' as const,
              detail: `${lb.name} listener ${listener.protocol ?? ''} :${listener.port}`,
              ports: null,
              evidence: [],
              gaps: [],
            },
            {
              component: rule.arn,
              kind: 'rule',
              check: 'other' as const,
              leg: 'request' as const,
              direction: 'forward' as const,
              verdict: 'allow' as const,
              detail: `${ruleText} → ${tg?.name ?? ref.targetGroupArn}`,
              ports: null,
              evidence: [],
              gaps: [],
            },
            ...targetGroupHops(model, context, lb, ref.targetGroupArn),
          ];
          paths.push({
            title: `client → ${lb.name} :${listener.port} → ${ruleText} → ${tg?.name ?? 'target group'} → ${ref.containerName ?? 'container'}:${ref.containerPort ?? '?'}`,
            listener: listener.arn,
            targetGroupArn: ref.targetGroupArn,
            hops: hops.map(toHop),
          });
        }
      }
    }
  }
  return paths;
}
