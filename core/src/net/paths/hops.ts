// One hop of a path = one component's decision (SG, NACL, route), with its evidence and data gaps.
import {
  scopeKey,
  type Evidence,
  type Hop,
  type NetworkAclEntry,
  type SnapshotScope,
} from '@porthole/shared';
import { memo } from '../../model/memo.ts';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel } from '../../model/types.ts';
import type { PortRange } from '../cidr.ts';
import { describeRoute, lookupRoute, routeTableForSubnet, type RouteDecision } from '../routes.ts';
import type { Peer, Protocol } from '../securityGroups.ts';
import { renderHop } from './decided.ts';
import {
  decideNetworkAclHop,
  decideSecurityGroupHop,
  type NaclHopQuery,
  type SgHopQuery,
} from './hopDecisions.ts';

export type HopCheck = 'sg-egress' | 'sg-ingress' | 'nacl-outbound' | 'nacl-inbound' | 'route' | 'other';

/** A hop plus what the rules need: which check, which ports, the exact entries, and missing data. */
export interface EvaluatedHop extends Hop {
  check: HopCheck;
  /**
   * Each component id on its own, in order (every SG of a multi-SG ENI); `component` is their display form
   * ("sg-a,sg-b"). Absent means the single id in `component`.
   */
  componentIds?: string[];
  ports: PortRange | null;
  evidence: Evidence[];
  gaps: string[];
  /** For routes: the decision, so egress rules can inspect the target. */
  route?: RouteDecision;
  /** For NACLs: the entries that decided (empty = the default deny). */
  naclEntries?: NetworkAclEntry[];
  /** For NACLs: the asked ports denied for every address of the remote (a reply leg may deny only some). */
  naclDeniedPorts?: PortRange[];
  /** What was asked, so a blocker can be turned into a fix. */
  query?: { scope: SnapshotScope; peer?: Peer; remote?: string; protocol: Protocol };
}

/** Prefix-list entries in one account and region (AWS-managed list ids and entries differ per region). */
/** The ids a hop stands for, one per component (a multi-SG hop lists every group). */
export function componentIdsOf(hop: EvaluatedHop): string[] {
  return hop.componentIds ?? [hop.component];
}

export function prefixListResolver(model: EstateModel, scope: SnapshotScope) {
  return (id: string): string[] | null => model.prefixLists.get(scope, id) ?? null;
}

/** A component whose decision cannot be made, and the data that is missing; by default a forward request hop. */
export interface UnknownHopInput {
  component: string;
  kind: string;
  gaps: string[];
  check?: HopCheck;
  leg?: Hop['leg'];
  direction?: Hop['direction'];
}

export function unknownHop(input: UnknownHopInput): EvaluatedHop {
  const { component, kind, gaps, check = 'other', leg = 'request', direction = 'forward' } = input;
  return {
    component,
    kind,
    check,
    leg,
    direction,
    verdict: 'unknown',
    detail: `unknown: ${gaps.join('; ')}`,
    ports: null,
    evidence: gaps.map((g) => ({ kind: 'missing-data', component, detail: g })),
    gaps,
  };
}

export function securityGroupHop(model: EstateModel, query: SgHopQuery): EvaluatedHop {
  return renderHop(decideSecurityGroupHop(model, query), query.peer.address);
}

export function networkAclHop(model: EstateModel, query: NaclHopQuery): EvaluatedHop {
  return renderHop(decideNetworkAclHop(model, query), query.remote);
}

/** The route a subnet's route table picks for one destination. */
export interface RouteHopQuery {
  scope: SnapshotScope;
  subnetId: string | null;
  vpcId: string | null;
  destination: string;
  leg: Hop['leg'];
}

export function routeHop(model: EstateModel, query: RouteHopQuery): EvaluatedHop {
  const { scope, subnetId, vpcId, destination, leg } = query;
  const gaps = dataGaps(model, scope, ['RouteTables']);
  const found = subnetId && vpcId ? cachedRouteTable(model, scope, subnetId, vpcId) : null;
  if (gaps.length > 0 || !found) {
    const why = gaps.length > 0 ? gaps : [`no route table found for ${subnetId ?? 'unknown subnet'}`];
    return unknownHop({
      component: subnetId ?? 'route-table',
      kind: 'route-table',
      check: 'route',
      leg,
      direction: 'forward',
      gaps: why,
    });
  }
  const decision = lookupRoute(found.table, destination, prefixListResolver(model, scope));
  const verdict = decision.route && !decision.blackhole ? 'allow' : 'deny';
  const via = found.explicit ? '' : ' (main route table)';
  return {
    component: found.table.RouteTableId,
    kind: 'route-table',
    check: 'route',
    leg,
    direction: 'forward',
    verdict,
    detail: `${found.table.RouteTableId}${via} → ${destination}: ${decision.reason}`,
    ports: null,
    evidence: [
      {
        kind: 'route',
        component: found.table.RouteTableId,
        detail: decision.route ? describeRoute(decision.route) : decision.reason,
      },
    ],
    gaps: [],
    route: decision,
  };
}

/** The route table of a subnet (explicit association, else the VPC's main table), looked up once per model. */
export function cachedRouteTable(model: EstateModel, scope: SnapshotScope, subnetId: string, vpcId: string) {
  return memo(model, 'routeTableForSubnet', `${scopeKey(scope)}|${subnetId}|${vpcId}`, () =>
    routeTableForSubnet(model.routeTables.inScope(scope), subnetId, vpcId),
  );
}
