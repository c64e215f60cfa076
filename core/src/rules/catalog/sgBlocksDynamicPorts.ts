// sg-blocks-dynamic-ports: bridge mode with hostPort 0, and the container instances' SGs do not admit the ALB
// on the host ports the tasks got. ECS guide "Use an Application Load Balancer"; ALB guide "Target security groups".
import type { Finding } from '@porthole/shared';
import { componentIdsOf } from '../../net/paths/hops.ts';
import { securityGroupFix } from '../fix/securityGroupFix.ts';
import { albPeer, groupBy, makeFinding } from '../support/finding.ts';
import {
  inferEphemeralRange,
  loadBalancedMapping,
  observedHostPorts,
  usesDynamicHostPorts,
} from '../../model/ecsPorts.ts';
import {
  deniedHops,
  describeTargets,
  healthSummary,
  portsOf,
  refsOf,
  unknownHopFindings,
} from '../support/pathBlocks.ts';
import type { Rule } from '../types.ts';
import type { LoadBalancerModel } from '../../model/types.ts';

function listenerPortFor(lb: LoadBalancerModel, tgArn: string): number | null {
  return lb.listeners.find((l) => l.rules.some((r) => r.targetGroupArns.includes(tgArn)))?.port ?? null;
}

export const sgBlocksDynamicPorts: Rule = {
  id: 'sg-blocks-dynamic-ports',
  summary:
    "Bridge-mode tasks on dynamic host ports, but the container instances' SG does not admit the ALB on them",
  doc: 'ECS developer guide, "Use an Application Load Balancer" (dynamic port mapping); ALB guide, "Target security groups"',
  evaluate(model, ctx) {
    const dynamic = ctx.targets().filter((t) => usesDynamicHostPorts(t.service, t.targetGroup.arn));
    const query = { checks: ['sg-ingress' as const], leg: 'request' as const, via: ['traffic' as const] };
    const blocked = deniedHops(dynamic, query);
    const findings: Finding[] = [];
    for (const items of groupBy(blocked, (b) => `${b.context.service!.id}|${b.hop.component}`).values()) {
      const first = items[0]!;
      const { service, loadBalancer: lb, targetGroup: tg } = first.context;
      const svc = service!;
      const mapping = loadBalancedMapping(svc, tg.arn);
      const observed = observedHostPorts(svc, mapping?.containerName ?? null);
      const range = inferEphemeralRange(observed.length > 0 ? observed : portsOf(items));
      const opens = first.hop.evidence
        .filter((e) => e.kind === 'security-group-rule')
        .map((e) => e.detail.replace(/^sg-\S+ (ingress|egress) /, ''));
      const sgId = first.hop.component.split(',')[0]!;
      const albSg = lb.securityGroupIds[0];
      const sourceText = albSg ? ` from the ALB's security group ${albSg}` : '';
      const refs = refsOf(items);
      const total = tg.targets?.length ?? null;
      findings.push(
        makeFinding({
          scope: lb.scope,
          rule: 'sg-blocks-dynamic-ports',
          severity: 'critical',
          title: `${svc.key}: ALB cannot reach the tasks: ${sgId} blocks the dynamic host ports`,
          explanation:
            `${svc.key} runs in bridge mode with hostPort 0, so Docker gives each task a host port from the ` +
            `instance's ephemeral range: the tasks got ${observed.join(', ') || portsOf(items).join(', ')} ` +
            `(inferred range ${range.from}–${range.to}: ${range.basis}). ` +
            `The container instances' security group ${first.hop.component} ` +
            (opens.length > 0 ? `only admits ${opens.join('; ')}` : 'admits nothing from the ALB') +
            `, so ${lb.name} cannot reach ${describeTargets(refs, total)} on those ports: the health checks time out ` +
            `(${healthSummary(items)}). Listener ${listenerPortFor(lb, tg.arn) ?? '?'} → ${tg.name} → host port ${portsOf(items)[0]} → container ` +
            `${mapping?.containerPort ?? '?'}: the container port is never what the ALB connects to.`,
          blockingIds: componentIdsOf(first.hop),
          resources: [
            ...componentIdsOf(first.hop),
            ...new Set(items.map((b) => b.context.target.id)),
            tg.arn,
            lb.arn,
          ],
          service: svc.key,
          targets: refs,
          evidence: [
            ...first.hop.evidence,
            ...portsOf(items).map((p) => ({
              kind: 'port' as const,
              component: tg.arn,
              detail: `host port ${p} (dynamic, bridge mode) → container ${mapping?.containerName ?? '?'}:${mapping?.containerPort ?? '?'}`,
            })),
            { kind: 'security-group-rule', component: first.hop.component, detail: first.hop.detail },
          ],
          fix: securityGroupFix(
            `Allow tcp 32768-65535${sourceText} on ${sgId}: it covers the Linux default ` +
              "range and Docker's fallback (AWS ECS guidance for dynamic port mapping).",
            {
              groupId: sgId,
              direction: 'ingress',
              protocol: 'tcp',
              from: 32768,
              to: 65535,
              peer: albPeer(model, lb),
              description: 'ALB to ECS dynamic host ports',
            },
            lb.scope,
          ),
        }),
      );
    }
    return [...findings, ...unknownHopFindings('sg-blocks-dynamic-ports', dynamic, query)];
  },
};
