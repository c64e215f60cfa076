// Can a task or container instance reach the internet (ECR, S3) from its subnet? VPC guide, "Route tables",
// "NAT gateways" (public NAT in a subnet routed to an IGW; a private NAT cannot reach the internet),
// "NAT instances" (source/destination check off) and "Internet gateways" (needs a public or Elastic IP).
import type { Evidence, RouteTable, SnapshotScope } from '@porthole/shared';
import { memo } from '../model/memo.ts';
import { dataGaps } from '../model/scopes.ts';
import type { EstateModel } from '../model/types.ts';
import { INTERNET_PROBE_ADDRESS } from '../net/paths/egressAddress.ts';
import { routeHop, type EvaluatedHop } from '../net/paths/hops.ts';
import { describeRoute, routeTarget } from '../net/routes.ts';
import type { Placement } from './ecsPlacement.ts';

export type EgressCause =
  | 'no-route'
  | 'blackhole'
  | 'nat-unavailable'
  | 'nat-private'
  | 'nat-no-igw'
  | 'igw-no-public-ip'
  | 'nat-instance-down';

export type BrokenEgress = Extract<Egress, { status: 'broken' }>;

export type Egress =
  | { status: 'ok'; via: string; tableId: string }
  /** Through an instance whose source/destination check is on: nat-instance-source-dest-check reports it. */
  | { status: 'delegated'; via: string; tableId: string }
  | { status: 'unknown'; gaps: string[] }
  | {
      status: 'broken';
      cause: EgressCause;
      /** The table to change: the subnet's, or the NAT gateway's subnet's for nat-no-igw. */
      tableId: string;
      /** The subnet's own table (same as tableId except for nat-no-igw). */
      subnetTableId: string;
      /** The target of the subnet's default route, when there is one (e.g. the NAT gateway id). */
      routeTarget: string | null;
      detail: string;
      evidence: Evidence[];
    };

/**
 * The subnet's route to the internet, once per model and subnet: every container instance of a cluster asks
 * for each bridge-mode service placed on it. Callers copy what they keep (the hop is shared).
 */
function routeOf(model: EstateModel, scope: SnapshotScope, subnetId: string, vpcId: string): EvaluatedHop {
  // Keyed by the subnet id the model holds (its hash is kept), the rest compared: no key string per call.
  const routes = memo(
    model,
    'internetRoute',
    subnetId,
    () => [] as Array<RouteQuery & { hop: EvaluatedHop }>,
  );
  const same = routes.find(
    (r) => r.vpcId === vpcId && r.scope.account === scope.account && r.scope.region === scope.region,
  );
  if (same) return same.hop;
  const hop = routeHop(model, {
    scope,
    subnetId,
    vpcId,
    destination: INTERNET_PROBE_ADDRESS,
    leg: 'request',
  });
  routes.push({ scope, vpcId, hop });
  return hop;
}

interface RouteQuery {
  scope: SnapshotScope;
  vpcId: string;
}

export function internetEgress(model: EstateModel, scope: SnapshotScope, p: Placement): Egress {
  const hop = routeOf(model, scope, p.subnetId, p.vpcId ?? '');
  if (hop.verdict === 'unknown') return { status: 'unknown', gaps: [...hop.gaps] };
  const tableId = hop.component;
  const target = hop.route?.target ?? null;
  const broken = (
    cause: EgressCause,
    detail: string,
    extra: Evidence[] = [],
    table = tableId,
  ): BrokenEgress => ({
    status: 'broken',
    cause,
    tableId: table,
    subnetTableId: tableId,
    routeTarget: target?.id ?? null,
    detail,
    evidence: [...hop.evidence, ...extra],
  });
  if (hop.verdict === 'deny' || !target) {
    if (hop.route?.blackhole && hop.route.route) {
      const text = describeRoute(hop.route.route, tableId);
      return {
        ...broken('blackhole', `${tableId}'s default route ${text} is a blackhole: its target is gone`),
        evidence: [{ kind: 'route', component: tableId, detail: text }],
      };
    }
    const routes = (model.routeTables.get(scope, tableId)?.Routes ?? [])
      .map((r) => describeRoute(r))
      .join('; ');
    return {
      ...broken('no-route', `${tableId} has no route to the internet (no 0.0.0.0/0 route)`),
      evidence: [{ kind: 'route', component: tableId, detail: `${tableId} routes: ${routes || 'none'}` }],
    };
  }
  switch (target.kind) {
    case 'internet-gateway': {
      if (p.publicIp || p.publicIpAssigned) {
        return { status: 'ok', via: `${target.id} with public IP ${p.publicIp ?? '(assigned)'}`, tableId };
      }
      const what =
        p.kind === 'instance'
          ? `instance ${p.id} has no public IP`
          : 'task ENIs get no public IP (assignPublicIp DISABLED)';
      return broken('igw-no-public-ip', `${tableId} sends 0.0.0.0/0 to ${target.id}, but ${what}`);
    }
    case 'nat-gateway':
      return natGatewayEgress(model, scope, target.id, tableId, broken);
    case 'instance':
    case 'network-interface': {
      const instanceId =
        target.kind === 'instance'
          ? target.id
          : (model.networkInterfaces.get(scope, target.id)?.Attachment?.InstanceId ?? null);
      if (!instanceId) return { status: 'ok', via: `network interface ${target.id}`, tableId };
      const instance = model.instances.get(scope, instanceId);
      if (!instance) {
        const gaps = dataGaps(model, scope, ['Reservations']);
        return {
          status: 'unknown',
          gaps: gaps.length > 0 ? gaps : [`NAT instance ${instanceId} not in the snapshot`],
        };
      }
      const state = instance.State?.Name ?? 'running';
      if (state !== 'running') {
        return broken(
          'nat-instance-down',
          `${tableId} sends 0.0.0.0/0 to NAT instance ${instanceId}, which is ${state}`,
        );
      }
      const eni =
        target.kind === 'network-interface' ? model.networkInterfaces.get(scope, target.id) : undefined;
      const check = eni?.SourceDestCheck ?? instance.SourceDestCheck;
      const via = `NAT instance ${instanceId}`;
      return check === false ? { status: 'ok', via, tableId } : { status: 'delegated', via, tableId };
    }
    default:
      // Transit gateway, peering, firewall endpoints…: the internet is reached elsewhere; not judged here.
      return { status: 'ok', via: `${target.kind} ${target.id}`, tableId };
  }
}

function natGatewayEgress(
  model: EstateModel,
  scope: SnapshotScope,
  natId: string,
  tableId: string,
  broken: (cause: EgressCause, detail: string, extra?: Evidence[], table?: string) => Egress,
): Egress {
  const nat = model.natGateways.get(scope, natId);
  if (!nat) {
    const gaps = dataGaps(model, scope, ['NatGateways']);
    return { status: 'unknown', gaps: gaps.length > 0 ? gaps : [`NAT gateway ${natId} not in the snapshot`] };
  }
  const state = nat.State ?? 'available';
  const natEvidence: Evidence = {
    kind: 'config',
    component: natId,
    detail:
      `${natId} State ${state}, ConnectivityType ${nat.ConnectivityType ?? 'public'}, subnet ${nat.SubnetId ?? '?'}` +
      (nat.FailureCode ? `, FailureCode ${nat.FailureCode}: ${nat.FailureMessage ?? ''}` : ''),
  };
  if (state !== 'available') {
    return broken('nat-unavailable', `${tableId} sends 0.0.0.0/0 to ${natId}, which is ${state}`, [
      natEvidence,
    ]);
  }
  if (nat.ConnectivityType === 'private') {
    return broken(
      'nat-private',
      `${tableId} sends 0.0.0.0/0 to private NAT gateway ${natId}: it cannot reach the internet`,
      [natEvidence],
    );
  }
  // A public NAT gateway forwards to the internet through its own subnet's route to an IGW.
  if (!nat.SubnetId || !nat.VpcId) return { status: 'ok', via: natId, tableId };
  const natHop = routeOf(model, scope, nat.SubnetId, nat.VpcId);
  if (natHop.verdict === 'unknown') return { status: 'unknown', gaps: [...natHop.gaps] };
  if (natHop.verdict === 'allow' && natHop.route?.target?.kind === 'internet-gateway') {
    return { status: 'ok', via: natId, tableId };
  }
  return broken(
    'nat-no-igw',
    `${tableId} sends 0.0.0.0/0 to ${natId}, but its subnet ${nat.SubnetId} has no route to an internet gateway (${natHop.detail})`,
    [natEvidence, ...natHop.evidence],
    natHop.component,
  );
}

/** Why the table gives no way out to the internet, or null when 0.0.0.0/0 goes to an IGW and is active. */
export function igwProblem(table: RouteTable): { problem: string; evidence: Evidence } | null {
  const route = table.Routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
  const evidence = (detail: string): Evidence => ({ kind: 'route', component: table.RouteTableId, detail });
  if (!route) {
    const routes = table.Routes.map((r) => describeRoute(r)).join('; ');
    return {
      problem: 'has no 0.0.0.0/0 route',
      evidence: evidence(`${table.RouteTableId} routes: ${routes || 'none'}`),
    };
  }
  const target = routeTarget(route);
  const text = describeRoute(route, table.RouteTableId);
  if (target.kind !== 'internet-gateway') {
    return {
      problem: `sends 0.0.0.0/0 to ${target.kind} ${target.id}, not an internet gateway`,
      evidence: evidence(text),
    };
  }
  if (route.State === 'blackhole')
    return { problem: `has 0.0.0.0/0 → ${target.id} as a blackhole`, evidence: evidence(text) };
  return null;
}
