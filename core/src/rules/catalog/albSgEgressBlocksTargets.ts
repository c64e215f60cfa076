// alb-sg-egress-blocks-targets: the ALB's SG egress rules do not allow the target or health-check port.
// ALB guide, "Security groups for your Application Load Balancer" (recommended outbound rules).
import { noun, type Finding } from '@porthole/shared';
import { componentIdsOf } from '../../net/paths/hops.ts';
import { securityGroupFix } from '../fix/securityGroupFix.ts';
import { groupBy, makeFinding } from '../support/finding.ts';
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

export const albSgEgressBlocksTargets: Rule = {
  id: 'alb-sg-egress-blocks-targets',
  summary: "The ALB's security-group egress rules do not allow the target or health-check port",
  doc: 'ALB guide, "Security groups for your Application Load Balancer"',
  evaluate(_model, ctx) {
    const query = { checks: ['sg-egress' as const], leg: 'request' as const };
    const findings: Finding[] = [];
    const blocked = deniedHops(ctx.targets(), query);
    for (const items of groupBy(
      blocked,
      (b) => `${serviceGroupKey(b.context)}|${b.hop.component}`,
    ).values()) {
      const first = items[0]!;
      const { loadBalancer: lb, targetGroup: tg, service } = first.context;
      const ports = portsOf(items);
      // Bridge tasks get a new dynamic host port on every deploy: open the range, not today's ports — and say so
      // in the text, so the summary, the CLI and the Terraform name the same range.
      const dynamic = service?.networkMode === 'bridge' && ports[0]! >= 32768;
      const from = dynamic ? 32768 : ports[0]!;
      const to = dynamic ? 65535 : ports[ports.length - 1]!;
      const range = from === to ? `${from}` : `${from}-${to}`;
      const why = dynamic
        ? ` (the dynamic host-port range; today's ports ${ports.join(', ')} change with every deployment)`
        : '';
      const targetSg = first.context.traffic?.endpoint?.securityGroupIds[0];
      const refs = refsOf(items);
      const via = [...new Set(items.map((b) => (b.via === 'traffic' ? 'traffic' : 'health-check')))].join(
        ' and ',
      );
      findings.push(
        makeFinding({
          scope: lb.scope,
          rule: 'alb-sg-egress-blocks-targets',
          severity: 'critical',
          title: `${lb.name} cannot reach ${serviceName(first.context)} on ${noun(ports.length, 'port')} ${ports.join(', ')}: its security group ${first.hop.component} allows no egress there`,
          explanation:
            `Security groups filter outbound traffic too: ${lb.name}'s security group ${first.hop.component} has no ` +
            `egress rule for tcp ${ports.join(', ')} (${via} port of ${tg.name}), so the ALB cannot open connections ` +
            `to ${describeTargets(refs, tg.targets?.length ?? null)}: ${healthSummary(items)}. ${first.hop.detail}`,
          blockingIds: componentIdsOf(first.hop),
          resources: [
            ...componentIdsOf(first.hop),
            lb.arn,
            tg.arn,
            ...new Set(items.map((b) => b.context.target.id)),
          ],
          service: service?.key ?? null,
          targets: refs,
          evidence:
            first.hop.evidence.length > 0
              ? first.hop.evidence
              : [{ kind: 'security-group-rule', component: first.hop.component, detail: first.hop.detail }],
          fix: securityGroupFix(
            `Allow egress tcp ${range}${why} from ${first.hop.component.split(',')[0]} to the targets` +
              (targetSg ? ` (their security group ${targetSg})` : '') +
              '.',
            {
              groupId: first.hop.component.split(',')[0]!,
              direction: 'egress',
              protocol: 'tcp',
              from,
              to,
              peer: targetSg
                ? { groupId: targetSg }
                : { cidr: `${first.context.traffic?.endpoint?.privateIps[0] ?? 'TARGET_IP'}/32` },
              description: `${lb.name} to ${tg.name}`,
            },
            lb.scope,
          ),
        }),
      );
    }
    return [...findings, ...unknownHopFindings('alb-sg-egress-blocks-targets', ctx.targets(), query)];
  },
};
