// sg-blocks-target-port: fixed host port, host mode or awsvpc (ip targets): the target ENI's SGs do not admit
// the ALB on the target port. ALB guide, "Target security groups"; ECS guide, "awsvpc network mode".
import type { Finding } from '@porthole/shared';
import { componentIdsOf } from '../../net/paths/hops.ts';
import { peerText, securityGroupFix } from '../fix/securityGroupFix.ts';
import { albPeer, groupBy, makeFinding } from '../support/finding.ts';
import { usesDynamicHostPorts } from '../../model/ecsPorts.ts';
import {
  deniedHops,
  describeTargets,
  healthSummary,
  portsOf,
  refsOf,
  serviceGroupKey,
  serviceName,
  unknownHopFindings,
} from '../support/pathBlocks.ts';
import type { Rule } from '../types.ts';

export const sgBlocksTargetPort: Rule = {
  id: 'sg-blocks-target-port',
  summary: "The target's security groups (instance or task ENI) do not admit the ALB on the target port",
  doc: 'ALB guide, "Target security groups"; ECS guide, "Task networking with awsvpc"',
  evaluate(model, ctx) {
    const fixed = ctx.targets().filter((t) => !usesDynamicHostPorts(t.service, t.targetGroup.arn));
    const query = { checks: ['sg-ingress' as const], leg: 'request' as const, via: ['traffic' as const] };
    const findings: Finding[] = [];
    for (const items of groupBy(
      deniedHops(fixed, query),
      (b) => `${serviceGroupKey(b.context)}|${b.hop.component}`,
    ).values()) {
      const first = items[0]!;
      const { service, loadBalancer: lb, targetGroup: tg } = first.context;
      const port = portsOf(items)[0]!;
      const sgId = first.hop.component.split(',')[0]!;
      const opens = first.hop.evidence
        .filter((e) => e.kind === 'security-group-rule')
        .map((e) => e.detail.replace(/^sg-\S+ (ingress|egress) /, ''));
      const mode = service?.networkMode ? `${service.networkMode} mode, ` : '';
      const kind = tg.targetType === 'ip' ? 'task ENI' : 'instance';
      const refs = refsOf(items);
      findings.push(
        makeFinding({
          scope: lb.scope,
          rule: 'sg-blocks-target-port',
          severity: 'critical',
          title: `${serviceName(first.context)}: ALB cannot reach port ${port}: ${kind} security group ${first.hop.component} blocks it`,
          explanation:
            `${lb.name} sends traffic for ${tg.name} (${mode}target type ${tg.targetType}) to port ` +
            `${portsOf(items).join(', ')}, but the ${kind}'s security group ${first.hop.component} ` +
            (opens.length > 0 ? `only admits ${opens.join('; ')}` : 'has no rule admitting the ALB') +
            `. ${describeTargets(refs, tg.targets?.length ?? null)} cannot be reached: ${healthSummary(items)}.`,
          blockingIds: componentIdsOf(first.hop),
          resources: [
            ...componentIdsOf(first.hop),
            ...new Set(items.map((b) => b.context.target.id)),
            tg.arn,
            lb.arn,
          ],
          service: service?.key ?? null,
          targets: refs,
          evidence: [
            ...first.hop.evidence,
            { kind: 'port', component: tg.arn, detail: `target port ${portsOf(items).join(', ')}` },
          ],
          fix: securityGroupFix(
            `Allow tcp ${port} on ${sgId} from the load balancer (${peerText(albPeer(model, lb))}).`,
            {
              groupId: sgId,
              direction: 'ingress',
              protocol: 'tcp',
              from: port,
              to: port,
              peer: albPeer(model, lb),
              description: `${lb.name} to ${tg.name}`,
            },
            lb.scope,
          ),
        }),
      );
    }
    return [...findings, ...unknownHopFindings('sg-blocks-target-port', fixed, query)];
  },
};
