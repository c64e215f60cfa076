// Which VPCs the estate uses, and the EC2 page sizes and filter batch used to read them.
import type { ScopeStore } from './store.ts';

/** Largest MaxResults each EC2 Describe accepts (EC2 API reference, per action). */
export const EC2_PAGE = {
  Reservations: 1000,
  Vpcs: 1000,
  Subnets: 1000,
  SecurityGroups: 1000,
  NetworkAcls: 1000,
  RouteTables: 100,
  NetworkInterfaces: 1000,
  InternetGateways: 1000,
  NatGateways: 1000,
  VpcEndpoints: 1000,
  PrefixLists: 100,
  ManagedPrefixListEntries: 100,
} as const;

/**
 * Values per EC2 filter in one request. AWS does not document a cap; 200 is seen in practice,
 * 100 keeps a margin.
 */
export const EC2_FILTER_VALUES = 100;

/** VPCs of the load balancers, target groups and container instances: the only ones read. */
export function vpcsInUse(store: ScopeStore): string[] {
  const ids = new Set<string>();
  for (const lb of store.items('LoadBalancers')) if (lb.VpcId) ids.add(lb.VpcId);
  for (const tg of store.items('TargetGroups')) if (tg.VpcId) ids.add(tg.VpcId);
  for (const r of store.items('Reservations')) for (const i of r.Instances) if (i.VpcId) ids.add(i.VpcId);
  return [...ids].sort();
}

/** The VPC of each target group, to refresh only the VPC where a target changed state. */
export function vpcOfTargetGroup(store: ScopeStore): Map<string, string> {
  const map = new Map<string, string>();
  for (const tg of store.items('TargetGroups')) if (tg.VpcId) map.set(tg.TargetGroupArn, tg.VpcId);
  return map;
}
