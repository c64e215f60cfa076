// Which kinds of data each account/region holds, and which are stale: the basis of every "unknown" verdict.
import { scopeKey, type SnapshotKind, type SnapshotScope } from '@porthole/shared';
import type { EstateModel } from './types.ts';

/** The AWS CLI command that produces each kind, so a gap names what to run or grant. */
export const KIND_COMMAND: Record<SnapshotKind, string> = {
  SecurityGroups: 'ec2 describe-security-groups',
  NetworkAcls: 'ec2 describe-network-acls',
  Subnets: 'ec2 describe-subnets',
  RouteTables: 'ec2 describe-route-tables',
  Reservations: 'ec2 describe-instances',
  NetworkInterfaces: 'ec2 describe-network-interfaces',
  InternetGateways: 'ec2 describe-internet-gateways',
  NatGateways: 'ec2 describe-nat-gateways',
  VpcEndpoints: 'ec2 describe-vpc-endpoints',
  Vpcs: 'ec2 describe-vpcs',
  PrefixLists: 'ec2 describe-managed-prefix-lists',
  ManagedPrefixListEntries: 'ec2 get-managed-prefix-list-entries',
  LoadBalancers: 'elbv2 describe-load-balancers',
  TargetGroups: 'elbv2 describe-target-groups',
  Listeners: 'elbv2 describe-listeners',
  Rules: 'elbv2 describe-rules',
  LoadBalancerTargetHealth: 'elbv2 describe-target-health',
  TargetGroupAttributes: 'elbv2 describe-target-group-attributes',
  clusters: 'ecs describe-clusters',
  services: 'ecs describe-services',
  tasks: 'ecs describe-tasks',
  containerInstances: 'ecs describe-container-instances',
  taskDefinitions: 'ecs describe-task-definition',
};

/**
 * Why the given kinds cannot be trusted in this scope: one line per missing or stale kind.
 * Empty when all are present and fresh.
 */
export function dataGaps(model: EstateModel, scope: SnapshotScope, kinds: readonly SnapshotKind[]): string[] {
  // Computed on each call, not memoised: it is one map lookup and a set test per kind, cheaper than hashing
  // a memo key built for the call (this runs for every hop); each caller gets its own array.
  return computeGaps(model, scope, kinds);
}

function computeGaps(model: EstateModel, scope: SnapshotScope, kinds: readonly SnapshotKind[]): string[] {
  const status = model.scopes.get(scopeKey(scope));
  const gaps: string[] = [];
  for (const kind of kinds) {
    if (!status || !status.present.has(kind)) {
      gaps.push(`${kind} missing (aws ${KIND_COMMAND[kind]})`);
      continue;
    }
    const stale = status.stale.get(kind);
    if (stale) gaps.push(`${kind} stale (last fetched ${stale.fetchedAt ?? 'never'}: ${stale.error})`);
  }
  return gaps;
}
