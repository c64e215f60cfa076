// sg-blocks-health-check-port: the health-check port differs from the traffic port and the path to it is blocked
// (SG or NACL), so targets fail health checks although traffic could flow. ALB guide, "Target security groups".
import type { Finding } from '@porthole/shared';
import { componentIdsOf } from '../../net/paths/hops.ts';
import { peerText, securityGroupFix } from '../fix/securityGroupFix.ts';
import { albPeer, groupBy, makeFinding } from '../support/finding.ts';
import {
  deniedHops,
  describeTargets,
  healthSummary,
  refsOf,
  serviceGroupKey,
  serviceName,
  unknownHopFindings,
} from '../support/pathBlocks.ts';
import type { Rule } from '../types.ts';

export const sgBlocksHealthCheckPort: Rule = {
  id: 'sg-blocks-health-check-port',
  summary: 'The health-check port differs from the traffic port and the ALB cannot reach it',
  doc: 'ALB guide, "Target security groups" (allow the health-check port) and "Health checks for your target groups"',
  evaluate(model, ctx) {
    const query = {
      checks: [
        'sg-ingress' as const,
        'sg-egress' as const,
        'nacl-inbound' as const,
        'nacl-outbound' as const,
      ],
      via: ['health-check' as const],
    };
    const findings: Finding[] = [];
    for (const items of groupBy(
      deniedHops(ctx.targets(), query).filter(
        // Only blocks specific to the health-check port: when the traffic port is denied by the same
        // component, the traffic rule already explains it.
        (b) =>
          b.context.traffic?.hops.find(
            (h) => h.component === b.hop.component && h.check === b.hop.check && h.leg === b.hop.leg,
          )?.verdict !== 'deny',
      ),
      (b) => `${serviceGroupKey(b.context)}|${b.hop.component}`,
    ).values()) {
      const first = items[0]!;
      const { loadBalancer: lb, targetGroup: tg, service } = first.context;
      const hcPort = first.port;
      const trafficPort = first.context.target.port;
      const refs = refsOf(items);
      const sgId = first.hop.component.split(',')[0]!;
      const isTargetSg = first.hop.check === 'sg-ingress';
      findings.push(
        makeFinding({
          scope: lb.scope,
          rule: 'sg-blocks-health-check-port',
          severity: 'critical',
          title: `${serviceName(first.context)}: health checks cannot reach port ${hcPort}: ${first.hop.component} blocks it`,
          explanation:
            `${tg.name} checks health on port ${hcPort}, not on the traffic port ${trafficPort ?? '?'}. ` +
            `${first.hop.kind} ${first.hop.component} (${first.hop.direction}) does not let the ALB reach port ${hcPort}: ${first.hop.detail}. ` +
            `${describeTargets(refs, tg.targets?.length ?? null)} fail their health checks (${healthSummary(items)}) even though traffic itself could flow.`,
          blockingIds: componentIdsOf(first.hop),
          resources: [
            ...componentIdsOf(first.hop),
            tg.arn,
            lb.arn,
            ...new Set(items.map((b) => b.context.target.id)),
          ],
          service: service?.key ?? null,
          targets: refs,
          evidence: [
            {
              kind: 'config',
              component: tg.arn,
              detail: `HealthCheckPort ${tg.healthCheck.port}, traffic port ${trafficPort ?? tg.port ?? '?'}`,
            },
            ...first.hop.evidence,
          ],
          fix:
            first.hop.kind === 'security-group'
              ? securityGroupFix(
                  `Allow tcp ${hcPort} ${isTargetSg ? `on ${sgId} from the load balancer (${peerText(albPeer(model, lb))})` : `egress on ${sgId} to the targets (${peerText({ groupId: first.context.traffic?.endpoint?.securityGroupIds[0] ?? sgId })})`}, or use the traffic port for health checks.`,
                  {
                    groupId: sgId,
                    direction: isTargetSg ? 'ingress' : 'egress',
                    protocol: 'tcp',
                    from: hcPort,
                    to: hcPort,
                    peer: isTargetSg
                      ? albPeer(model, lb)
                      : { groupId: first.context.traffic?.endpoint?.securityGroupIds[0] ?? sgId },
                    description: `${lb.name} health checks`,
                  },
                  lb.scope,
                )
              : {
                  summary: `Allow tcp ${hcPort} in ${first.hop.component}, or set the health check to the traffic port: aws elbv2 modify-target-group --target-group-arn ${tg.arn} --health-check-port traffic-port`,
                  awsCli: [
                    `aws elbv2 modify-target-group --target-group-arn ${tg.arn} --health-check-port traffic-port`,
                  ],
                  terraform: `health_check {\n  port = "traffic-port"\n}`,
                },
        }),
      );
    }
    return [...findings, ...unknownHopFindings('sg-blocks-health-check-port', ctx.targets(), query)];
  },
};
