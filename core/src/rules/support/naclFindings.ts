// Shared by the two NACL rules: one finding per service and NACL that denies a leg of ALB ↔ target traffic.
import type { Finding, SnapshotScope } from '@porthole/shared';
import type { EstateModel } from '../../model/types.ts';
import { formatPortRange } from '../../net/cidr.ts';
import { networkAclFix } from '../fix/networkAclFix.ts';
import { groupBy, makeFinding } from './finding.ts';
import {
  deniedHops,
  describeTargets,
  healthSummary,
  refsOf,
  serviceGroupKey,
  serviceName,
  unknownHopFindings,
} from './pathBlocks.ts';
import type { RuleContext } from '../types.ts';

export function makeNaclFindings(
  model: EstateModel,
  ctx: RuleContext,
  rule: 'nacl-blocks-target-traffic' | 'nacl-blocks-return-traffic',
  leg: 'request' | 'reply',
): Finding[] {
  const query = { checks: ['nacl-inbound' as const, 'nacl-outbound' as const], leg };
  const findings: Finding[] = [];
  const blocked = deniedHops(ctx.targets(), query);
  for (const items of groupBy(
    blocked,
    (b) => `${serviceGroupKey(b.context)}|${b.hop.component}|${b.hop.check}`,
  ).values()) {
    const first = items[0]!;
    const { loadBalancer: lb, targetGroup: tg, service } = first.context;
    const acl = model.networkAcls.get(lb.scope, first.hop.component);
    const egress = first.hop.check === 'nacl-outbound';
    const ports = first.hop.ports ?? { from: 1024, to: 65535 };
    const targetSide = first.context.traffic?.endpoint?.subnetId;
    const aclSubnets = (acl?.Associations ?? []).map((a) => a.SubnetId);
    const isTargetSubnet = targetSide !== undefined && targetSide !== null && aclSubnets.includes(targetSide);
    const where = isTargetSubnet ? 'target subnet' : 'ALB subnet';
    const peerCidr = isTargetSubnet
      ? albRange(model, lb)
      : targetRange(model, lb.scope, first.context.traffic?.endpoint?.subnetId);
    const refs = refsOf(items);
    const what =
      leg === 'request'
        ? `the ALB's requests on tcp ${formatPortRange(ports)}`
        : `the targets' replies to the ALB's ephemeral ports ${formatPortRange(ports)}`;
    const decided = first.hop.evidence.map((e) => e.detail).join('; ');
    const denying =
      first.hop.naclEntries?.find((e) => e.RuleAction === 'deny' && e.RuleNumber !== 32767) ?? null;
    // Replacing a deny entry keeps its own CIDR when it is narrower than our guess of the peer range.
    const cidr = denying?.CidrBlock && denying.CidrBlock !== '0.0.0.0/0' ? denying.CidrBlock : peerCidr;
    findings.push(
      makeFinding({
        scope: lb.scope,
        rule,
        severity: 'critical',
        title: `${serviceName(first.context)}: ${leg === 'request' ? 'ALB traffic cannot reach the targets' : 'replies cannot reach the ALB'}: ${where} NACL ${first.hop.component} ${egress ? 'outbound' : 'inbound'} denies them`,
        explanation:
          `Network ACLs are stateless and evaluated in rule-number order, first match wins. ${first.hop.component} ` +
          `(${where}) ${egress ? 'outbound' : 'inbound'} denies ${what}: ${decided}. ` +
          `${describeTargets(refs, tg.targets?.length ?? null)} of ${tg.name} behind ${lb.name} are cut off: ${healthSummary(items)}.`,
        resources: [first.hop.component, ...aclSubnets, tg.arn, lb.arn],
        service: service?.key ?? null,
        targets: refs,
        evidence: [
          ...first.hop.evidence,
          { kind: 'network-acl-entry', component: first.hop.component, detail: first.hop.detail },
        ],
        fix: acl
          ? networkAclFix(
              `Allow ${egress ? 'outbound' : 'inbound'} tcp ${formatPortRange(ports)} ${egress ? 'to' : 'from'} ${cidr} in ${acl.NetworkAclId}` +
                (denying ? ` (replace deny entry #${denying.RuleNumber})` : ' (before the default * deny)'),
              { acl, egress, from: ports.from, to: ports.to, cidr, denyingEntry: denying },
              lb.scope,
            )
          : { summary: `Allow the traffic in ${first.hop.component}.`, awsCli: [], terraform: '' },
      }),
    );
  }
  return [...findings, ...unknownHopFindings(rule, ctx.targets(), query)];
}

function albRange(
  model: EstateModel,
  lb: { scope: SnapshotScope; nodes: Array<{ subnetId: string }>; vpcId: string | null },
): string {
  const cidrs = lb.nodes
    .map((n) => model.subnets.get(lb.scope, n.subnetId)?.CidrBlock)
    .filter((c): c is string => !!c);
  if (cidrs.length === 1) return cidrs[0]!;
  return (lb.vpcId ? model.vpcs.get(lb.scope, lb.vpcId)?.CidrBlock : undefined) ?? cidrs[0] ?? '0.0.0.0/0';
}

function targetRange(model: EstateModel, scope: SnapshotScope, subnetId: string | null | undefined): string {
  return (subnetId ? model.subnets.get(scope, subnetId)?.CidrBlock : undefined) ?? '0.0.0.0/0';
}
