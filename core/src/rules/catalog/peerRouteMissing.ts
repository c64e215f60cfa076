// peer-route-missing: an ip target outside the ALB's VPC (AvailabilityZone "all": a peered VPC, in this or
// another account) is unreachable because a route table on one side has no active VPC peering or transit
// gateway route to the other — missing, a blackhole, or pointing elsewhere. Both directions need a route
// (VPC peering guide, "Update your route tables for a VPC peering connection"; ELB API, "TargetDescription").
import type { Finding, SnapshotScope } from '@porthole/shared';
import type { EndpointModel, EstateModel } from '../../model/types.ts';
import type { EvaluatedHop } from '../../net/paths/hops.ts';
import { PEER_ROUTE_KINDS } from '../../net/paths/peeredTarget.ts';
import { peerRouteFix } from '../fix/peerRouteFix.ts';
import type { TargetContext } from '../support/context.ts';
import { groupBy, makeFinding, unknownFinding } from '../support/finding.ts';
import {
  deniedHops,
  describeTargets,
  healthSummary,
  refsOf,
  serviceName,
  unknownHopFindings,
  type BlockedTarget,
} from '../support/pathBlocks.ts';
import type { Rule } from '../types.ts';

const RULE = 'peer-route-missing';

export const peerRouteMissing: Rule = {
  id: RULE,
  summary:
    'An ip target in a peered VPC is unreachable: a route table on one side has no active peering or transit gateway route to the other',
  doc: 'VPC peering guide, "Update your route tables for a VPC peering connection"; ELB API, "TargetDescription"',
  evaluate(model, ctx) {
    const targets = ctx.targets();
    const query = { checks: ['route' as const] };
    const findings = [...groupBy(deniedHops(targets, query), (b) => groupKey(b)).values()].map((items) =>
      blockedFinding(model, items),
    );
    return [...findings, ...unknownHopFindings(RULE, targets, query), ...unresolved(targets)];
  },
};

const groupKey = (b: BlockedTarget) => `${b.context.loadBalancer.arn}|${b.hop.component}|${b.hop.leg}`;

function pathOf(b: BlockedTarget) {
  return b.via === 'traffic' ? b.context.traffic : b.context.healthCheck;
}

function vpcCidr(model: EstateModel, scope: SnapshotScope, vpcId: string | null): string | null {
  return (vpcId ? model.vpcs.get(scope, vpcId)?.CidrBlock : undefined) ?? null;
}

function blockedFinding(model: EstateModel, items: BlockedTarget[]): Finding {
  const first = items[0]!;
  const { loadBalancer: lb, targetGroup: tg, service } = first.context;
  const path = pathOf(first)!;
  const endpoint = path.endpoint as EndpointModel;
  const albSide = first.hop.leg === 'request';
  const scope = albSide ? lb.scope : endpoint.scope;
  const other = (leg: EvaluatedHop['leg']) =>
    path.hops.find((h) => h.check === 'route' && h.leg === leg)?.route?.target ?? null;
  const via = other(albSide ? 'reply' : 'request');
  const subnetCidr = (s: SnapshotScope, id: string | null) =>
    (id ? model.subnets.get(s, id)?.CidrBlock : undefined) ?? null;
  const peerCidr = albSide
    ? (vpcCidr(model, endpoint.scope, endpoint.vpcId) ??
      subnetCidr(endpoint.scope, endpoint.subnetId) ??
      `${path.targetId}/32`)
    : (vpcCidr(model, lb.scope, lb.vpcId) ?? subnetCidr(lb.scope, lb.nodes[0]?.subnetId ?? null) ?? '');
  const tableId = first.hop.component;
  const refs = refsOf(items);
  const where = albSide
    ? `${lb.name}'s subnets do not send ${peerCidr} (${endpoint.vpcId}, account ${endpoint.scope.account ?? '?'}) into a peering connection or transit gateway`
    : `the targets' subnet in ${endpoint.vpcId} (account ${endpoint.scope.account ?? '?'}) does not send replies for ${peerCidr} back through one`;
  return makeFinding({
    scope: lb.scope,
    rule: RULE,
    severity: 'critical',
    title: `${serviceName(first.context)}: ${lb.name} cannot reach its targets in ${endpoint.vpcId}: ${tableId} has no route to the peer VPC`,
    explanation:
      `${tg.name} registers ip targets outside ${lb.vpcId} (AvailabilityZone all). ${where}: ${first.hop.detail}. ` +
      `${describeTargets(refs, tg.targets?.length ?? null)} cannot be reached: ${healthSummary(items)}.`,
    blockingIds: [tableId],
    resources: [tableId, ...new Set(items.map((b) => b.context.target.id)), tg.arn, lb.arn],
    service: service?.key ?? null,
    targets: refs,
    evidence: [...first.hop.evidence, { kind: 'route', component: tableId, detail: first.hop.detail }],
    fix: peerRouteFix({
      scope,
      table: model.routeTables.get(scope, tableId),
      tableId,
      peerCidr,
      via: via && PEER_ROUTE_KINDS.has(via.kind) ? via : null,
    }),
  });
}

/** Targets outside the VPC that no partition resolves to exactly one ENI: unknown, naming what is missing. */
function unresolved(targets: TargetContext[]): Finding[] {
  const open = targets.flatMap((t) =>
    [t.traffic, t.healthCheck].flatMap((p) =>
      (p?.hops ?? [])
        .filter((h) => h.kind === 'peered-target' && h.verdict === 'unknown')
        .map((hop) => ({ context: t, hop, via: 'traffic' as const, port: p!.port })),
    ),
  );
  return [...groupBy(open, (b) => b.context.targetGroup.arn).values()].map((items) => {
    const first = items[0]!.context;
    return unknownFinding(
      RULE,
      first.loadBalancer.scope,
      first.service?.key ?? null,
      [first.targetGroup.arn, first.loadBalancer.arn],
      [...new Set(items.flatMap((b) => b.hop.gaps))],
      refsOf(items),
    );
  });
}
