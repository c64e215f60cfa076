// target-group-not-routed: the service's target group is attached to no listener or rule (LoadBalancerArns empty,
// no action forwards to it): ELB reports Target.NotInUse and no request ever reaches the tasks.
import type { Finding } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel } from '../../model/types.ts';
import { makeFinding, regionFlag, unknownFinding } from '../support/finding.ts';
import type { Rule } from '../types.ts';

/** Every target group some listener rule forwards to: collected once, not per service. */
function forwardedGroups(model: EstateModel): Set<string> {
  const arns = new Set<string>();
  for (const lb of model.loadBalancers.values())
    for (const l of lb.listeners) for (const r of l.rules) for (const arn of r.targetGroupArns) arns.add(arn);
  return arns;
}

export const targetGroupNotRouted: Rule = {
  id: 'target-group-not-routed',
  summary: "The service's target group is attached to no listener or rule, so it receives no traffic",
  doc: 'ELB API reference, TargetGroup.LoadBalancerArns and TargetHealth (Target.NotInUse); ALB guide, "Listener rules"',
  evaluate(model) {
    const findings: Finding[] = [];
    let forwarded: Set<string> | null = null;
    for (const svc of model.services.values()) {
      for (const lbRef of svc.loadBalancers) {
        const gaps = dataGaps(model, svc.scope, ['TargetGroups', 'LoadBalancers', 'Listeners']);
        const tg = model.targetGroups.get(lbRef.targetGroupArn);
        if (gaps.length > 0 || !tg) {
          const why = gaps.length > 0 ? gaps : [`target group ${lbRef.targetGroupArn} not in the snapshot`];
          findings.push(
            unknownFinding('target-group-not-routed', svc.scope, svc.key, [lbRef.targetGroupArn], why),
          );
          continue;
        }
        if (tg.loadBalancerArns.length > 0) continue;
        forwarded ??= forwardedGroups(model);
        if (forwarded.has(tg.arn)) continue;
        // Suggest the ALB that already serves this VPC when there is exactly one.
        const candidates = [...model.loadBalancers.values()].filter(
          (lb) => lb.vpcId === tg.vpcId && lb.listeners.length > 0,
        );
        const listener = candidates.length === 1 ? candidates[0]!.listeners[0]! : null;
        const used = new Set(listener?.rules.map((r) => r.priority) ?? []);
        let priority = 10;
        while (used.has(priority)) priority += 10;
        const listenerArn = listener?.arn ?? 'LISTENER_ARN';
        findings.push(
          makeFinding({
            scope: svc.scope,
            rule: 'target-group-not-routed',
            severity: 'critical',
            title: `${svc.key}: receives no traffic: target group ${tg.name} is not attached to any load balancer listener`,
            explanation:
              `${svc.key} registers its tasks in ${tg.name}, but no listener or listener rule forwards to it (LoadBalancerArns is empty). ` +
              `ELB reports such targets "unused / Target.NotInUse" and never sends them a request, health check included.`,
            resources: [tg.arn, svc.arn],
            service: svc.key,
            targets: (tg.targets ?? []).map((t) => ({ targetGroupArn: tg.arn, id: t.id, port: t.port })),
            evidence: [
              { kind: 'config', component: tg.arn, detail: `${tg.name}: LoadBalancerArns = []` },
              ...(tg.targets ?? []).slice(0, 5).map((t) => ({
                kind: 'target-health' as const,
                component: t.id,
                detail: `${t.id}${t.port ? `:${t.port}` : ''} ${t.state} / ${t.reason ?? ''}`,
              })),
            ],
            fix: {
              summary: `Add a listener rule forwarding to ${tg.name}${listener ? ` on ${candidates[0]!.name}:${listener.port}` : ''} (pick the condition your clients use).`,
              awsCli: [
                `aws elbv2 create-rule --listener-arn ${listenerArn}${regionFlag(svc.scope)} --priority ${priority} ` +
                  `--conditions Field=path-pattern,Values='/${svc.name}/*' --actions Type=forward,TargetGroupArn=${tg.arn}`,
              ],
              terraform: [
                `resource "aws_lb_listener_rule" "${svc.name.replace(/[^A-Za-z0-9_]/g, '_')}" {`,
                `  listener_arn = "${listenerArn}"`,
                `  priority     = ${priority}`,
                `  action {`,
                `    type             = "forward"`,
                `    target_group_arn = "${tg.arn}"`,
                `  }`,
                `  condition {`,
                `    path_pattern { values = ["/${svc.name}/*"] }`,
                `  }`,
                `}`,
              ].join('\n'),
            },
          }),
        );
      }
    }
    return findings;
  },
};
