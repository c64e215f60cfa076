// Per-model memo: every derived index or cached decision lives beside the model it was computed from, so it
// goes away with the model (no module-level cache outlives a poll).
import type { EstateModel } from './types.ts';

const tables = new WeakMap<EstateModel, Map<string, Map<string, unknown>>>();

/**
 * Tables whose every entry is a function of the EC2 network kinds, the load balancers (nodes, security
 * groups) and the partitions' data status alone — never of ECS services, tasks, container instances or target
 * health. A model patched from another with those inputs unchanged (model/patch.ts) shares them (the same
 * Map: entries either computes are valid for both). Keys carry everything else a value depends on:
 * - routeTableForSubnet: scope, subnet, VPC; reads route tables.
 * - internetRoute: a subnet (scope and VPC compared within); reads route tables, gateways, NAT instances.
 * - ruleCidrs, ruleRanges: an SG / NACL component; read its rules and prefix lists (ruleRanges: parsed).
 * - sgHop, naclHop: the decision's whole query (groups, address class, peer groups, protocol, ports, leg).
 * - albTargetRanges: the ALB; reads its SGs' egress rules and its nodes' NACLs.
 * - albTargetPorts: ALB, target subnet and target SGs; reads those SGs' and NACLs' port ranges.
 * - albTargetPath: the path class (ALB, subnet, SGs, family, address and port classes): the hop facts of
 *   an ALB → endpoint path, which read the network and the ALB only (the endpoint comes from ENIs/instances).
 * Not shared: containerInstancesByCluster and servicePlacements read container instances and tasks (a patch
 * shares the first where no task moved, and copies the second's entries for its unchanged services);
 * servicesByArn and closureCoupling index the ECS maps of one model; peeredTarget reads every partition's
 * ENIs, which a patch changes (task ENIs).
 */
export const NETWORK_TABLES: readonly string[] = [
  'routeTableForSubnet',
  'internetRoute',
  'ruleCidrs',
  'ruleRanges',
  'sgHop',
  'naclHop',
  'albTargetRanges',
  'albTargetPorts',
  'albTargetPath',
];

function tablesOf(model: EstateModel): Map<string, Map<string, unknown>> {
  let byName = tables.get(model);
  if (!byName) {
    byName = new Map();
    tables.set(model, byName);
  }
  return byName;
}

function table(model: EstateModel, name: string): Map<string, unknown> {
  const byName = tablesOf(model);
  let found = byName.get(name);
  if (!found) {
    found = new Map();
    byName.set(name, found);
  }
  return found;
}

/** The value for `key` in the model's table `name`, computed once per model. */
export function memo<T>(model: EstateModel, name: string, key: string, compute: () => T): T {
  const t = table(model, name);
  // One lookup on a hit (keys are long and built per call: each lookup hashes them).
  const found = t.get(key);
  if (found !== undefined || t.has(key)) return found as T;
  const value = compute();
  t.set(key, value);
  return value;
}

/**
 * `child` shares `parent`'s NETWORK_TABLES: only for a child whose network kinds, load balancers and data
 * status are the parent's own objects (a patched model, or a view of one).
 */
export function shareNetworkMemo(child: EstateModel, parent: EstateModel): void {
  shareMemo(child, parent, NETWORK_TABLES);
}

/**
 * `containerInstancesByCluster` reads the container instances and each task's (cluster, container instance):
 * shared only where both give the same pairs (a view with the same maps; a patch that moved none).
 */
export const CLUSTER_TABLE = 'containerInstancesByCluster';

export function shareMemo(child: EstateModel, parent: EstateModel, names: readonly string[]): void {
  const mine = tablesOf(child);
  for (const name of names) mine.set(name, table(parent, name));
}

/** A copy of `parent`'s table `name` in `child`, with the entries `keep` accepts (the others recompute). */
export function inheritMemo(
  child: EstateModel,
  parent: EstateModel,
  name: string,
  keep: (key: string) => boolean,
): void {
  const mine = new Map<string, unknown>();
  for (const [k, v] of table(parent, name)) if (keep(k)) mine.set(k, v);
  tablesOf(child).set(name, mine);
}
