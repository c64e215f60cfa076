// target-az-not-enabled: Target.NotInUse because the target's AZ has no subnet enabled on the load balancer
// (ELB API TargetHealth reasons; ALB guide, "Availability Zones for your Application Load Balancer").
import { plural, type Finding } from '@porthole/shared';
import { endpointForTarget } from '../../model/endpoints.ts';
import type { EstateModel, LoadBalancerModel } from '../../model/types.ts';
import { groupBy, makeFinding, regionFlag, targetRef, unknownFinding } from '../support/finding.ts';
import type { TargetContext } from '../support/context.ts';
import type { Rule } from '../types.ts';

function targetAz(model: EstateModel, t: TargetContext): string | null {
  if (t.target.availabilityZone && t.target.availabilityZone !== 'all') return t.target.availabilityZone;
  const endpoint = endpointForTarget(model, t.targetGroup.scope, t.target.id, t.targetGroup.vpcId);
  return endpoint?.subnetId
    ? (model.subnets.get(endpoint.scope, endpoint.subnetId)?.AvailabilityZone ?? null)
    : null;
}

/** A subnet of the LB's VPC in that AZ to enable (public ones first for internet-facing LBs). */
function candidateSubnet(model: EstateModel, lb: LoadBalancerModel, az: string): string | null {
  const inAz = model.subnets
    .inScope(lb.scope)
    .filter((s) => s.VpcId === lb.vpcId && s.AvailabilityZone === az);
  const preferred = lb.scheme === 'internet-facing' ? inAz.find((s) => s.MapPublicIpOnLaunch) : undefined;
  return (preferred ?? inAz[0])?.SubnetId ?? null;
}

export const targetAzNotEnabled: Rule = {
  id: 'target-az-not-enabled',
  summary:
    'Targets unused (Target.NotInUse) because their Availability Zone is not enabled on the load balancer',
  doc: 'ELB API reference, TargetHealth (Target.NotInUse); ALB guide, "Availability Zones for your load balancer"',
  evaluate(model, ctx) {
    const notInUse = ctx
      .targets()
      .filter((t) => t.target.reason === 'Target.NotInUse' && t.targetGroup.loadBalancerArns.length > 0);
    const findings: Finding[] = [];
    const withAz = notInUse.map((t) => ({ t, az: targetAz(model, t) }));
    for (const { t } of withAz.filter((x) => x.az === null)) {
      findings.push(
        unknownFinding(
          'target-az-not-enabled',
          t.loadBalancer.scope,
          t.service?.key ?? null,
          [t.loadBalancer.arn, t.target.id],
          [`Availability Zone of ${t.target.id} unknown (Subnets / Reservations / NetworkInterfaces needed)`],
          [targetRef(t)],
        ),
      );
    }
    const disabled = withAz.filter(
      (x) => x.az !== null && !x.t.loadBalancer.nodes.some((n) => n.availabilityZone === x.az),
    );
    for (const items of groupBy(
      disabled,
      (x) => `${x.t.loadBalancer.arn}|${x.az}|${x.t.service?.key ?? x.t.targetGroup.arn}`,
    ).values()) {
      const { t, az } = items[0]!;
      const lb = t.loadBalancer;
      const enabled = lb.nodes.map((n) => `${n.availabilityZone ?? '?'} (${n.subnetId})`).join(', ');
      const subnet = candidateSubnet(model, lb, az!);
      const subnets = [...lb.nodes.map((n) => n.subnetId), subnet ?? `<subnet-in-${az}>`];
      const total = t.targetGroup.targets?.length ?? items.length;
      findings.push(
        makeFinding({
          scope: lb.scope,
          rule: 'target-az-not-enabled',
          severity: items.length >= total ? 'critical' : 'warning',
          title: `${t.service?.key ?? t.targetGroup.name}: ${plural(items.length, 'target')} in ${az} unused: ${lb.name} is not enabled in ${az}`,
          explanation:
            `${lb.name} has nodes only in ${enabled}. A load balancer routes only to targets in its enabled Availability Zones ` +
            `(unless cross-zone routing covers them), so ${items.length} of ${total} targets of ${t.targetGroup.name} in ${az} are ` +
            `"unused / Target.NotInUse" and receive no traffic. Capacity is reduced to the other zones.`,
          resources: [lb.arn, ...items.map((x) => x.t.target.id), t.targetGroup.arn],
          service: t.service?.key ?? null,
          targets: items.map((x) => targetRef(x.t)),
          evidence: [
            { kind: 'config', component: lb.arn, detail: `enabled zones: ${enabled}` },
            ...items.map((x) => ({
              kind: 'target-health' as const,
              component: x.t.target.id,
              detail: `${x.t.target.id}${x.t.target.port ? `:${x.t.target.port}` : ''} in ${x.az}: ${x.t.target.state} / ${x.t.target.reason} — ${x.t.target.description ?? ''}`,
            })),
          ],
          fix: {
            summary: `Enable ${az} on ${lb.name}${subnet ? ` with ${subnet}` : ''} (set-subnets replaces the list: keep the current subnets).`,
            awsCli: [
              `aws elbv2 set-subnets --load-balancer-arn ${lb.arn}${regionFlag(lb.scope)} --subnets ${subnets.join(' ')}`,
            ],
            terraform: [
              `resource "aws_lb" "${lb.name.replace(/[^A-Za-z0-9_]/g, '_')}" {`,
              `  # …`,
              `  subnets = [${subnets.map((s) => `"${s}"`).join(', ')}]`,
              `}`,
            ].join('\n'),
          },
        }),
      );
    }
    return findings;
  },
};
