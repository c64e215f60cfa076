// The EC2 kinds read per VPC: how to read all of each for some VPCs (always filtered by VPC, through
// the SDK's paginators), and which VPC an item belongs to.
import {
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeNetworkAcls,
  paginateDescribeNetworkInterfaces,
  paginateDescribeRouteTables,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVpcEndpoints,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import type { SnapshotKind } from '@porthole/shared';
import { allItems, type ScopeApi } from './api.ts';
import type { Item } from './store.ts';
import { EC2_PAGE } from './vpcs.ts';

type Filter = { Name: string; Values: string[] };

/** The VPC-scoped kinds: every item for the VPCs in the filter, and which VPC each item belongs to. */
export const VPC_KINDS = {
  Vpcs: (Filters, api) =>
    allItems(api.ec2Pages(paginateDescribeVpcs, { Filters, MaxResults: EC2_PAGE.Vpcs }), (o) => o.Vpcs),
  Subnets: (Filters, api) =>
    allItems(
      api.ec2Pages(paginateDescribeSubnets, { Filters, MaxResults: EC2_PAGE.Subnets }),
      (o) => o.Subnets,
    ),
  SecurityGroups: (Filters, api) =>
    allItems(
      api.ec2Pages(paginateDescribeSecurityGroups, { Filters, MaxResults: EC2_PAGE.SecurityGroups }),
      (o) => o.SecurityGroups,
    ),
  NetworkAcls: (Filters, api) =>
    allItems(
      api.ec2Pages(paginateDescribeNetworkAcls, { Filters, MaxResults: EC2_PAGE.NetworkAcls }),
      (o) => o.NetworkAcls,
    ),
  RouteTables: (Filters, api) =>
    allItems(
      api.ec2Pages(paginateDescribeRouteTables, { Filters, MaxResults: EC2_PAGE.RouteTables }),
      (o) => o.RouteTables,
    ),
  NetworkInterfaces: (Filters, api) =>
    allItems(
      api.ec2Pages(paginateDescribeNetworkInterfaces, { Filters, MaxResults: EC2_PAGE.NetworkInterfaces }),
      (o) => o.NetworkInterfaces,
    ),
  // Internet gateways name their VPC in attachment.vpc-id; NAT gateways take "Filter", not "Filters".
  InternetGateways: (f, api) =>
    allItems(
      api.ec2Pages(paginateDescribeInternetGateways, {
        Filters: f.map((x) => ({ ...x, Name: 'attachment.vpc-id' })),
        MaxResults: EC2_PAGE.InternetGateways,
      }),
      (o) => o.InternetGateways,
    ),
  NatGateways: (Filter, api) =>
    allItems(
      api.ec2Pages(paginateDescribeNatGateways, { Filter, MaxResults: EC2_PAGE.NatGateways }),
      (o) => o.NatGateways,
    ),
  VpcEndpoints: (Filters, api) =>
    allItems(
      api.ec2Pages(paginateDescribeVpcEndpoints, { Filters, MaxResults: EC2_PAGE.VpcEndpoints }),
      (o) => o.VpcEndpoints,
    ),
} satisfies Partial<Record<SnapshotKind, (f: Filter[], api: ScopeApi) => Promise<unknown[]>>>;

export type VpcKind = keyof typeof VPC_KINDS;
export const VPC_KIND_NAMES = Object.keys(VPC_KINDS) as VpcKind[];

export function vpcOf(kind: VpcKind, item: Record<string, unknown>): string {
  if (kind === 'InternetGateways') {
    const attachments = (item as Item<'InternetGateways'>).Attachments ?? [];
    return attachments[0]?.VpcId ?? '?';
  }
  return typeof item.VpcId === 'string' ? item.VpcId : '?';
}
