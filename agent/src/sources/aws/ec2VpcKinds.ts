// The EC2 kinds read per VPC: how to ask for one page of each (always filtered by VPC), and which
// VPC an item belongs to.
import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import type { SnapshotKind } from '@porthole/shared';
import type { CollectContext } from './context.ts';
import type { Item } from './store.ts';
import { EC2_PAGE } from './vpcs.ts';

type Filter = { Name: string; Values: string[] };
type Page = { items: unknown[] | undefined; next: string | undefined };

/** The VPC-scoped kinds: how to ask for one page of them and which VPC each item belongs to. */
export const VPC_KINDS = {
  Vpcs: (f, t, api) =>
    api
      .ec2(new DescribeVpcsCommand({ Filters: f, MaxResults: EC2_PAGE.Vpcs, NextToken: t }))
      .then((o) => ({ items: o.Vpcs, next: o.NextToken })),
  Subnets: (f, t, api) =>
    api
      .ec2(new DescribeSubnetsCommand({ Filters: f, MaxResults: EC2_PAGE.Subnets, NextToken: t }))
      .then((o) => ({ items: o.Subnets, next: o.NextToken })),
  SecurityGroups: (f, t, api) =>
    api
      .ec2(
        new DescribeSecurityGroupsCommand({ Filters: f, MaxResults: EC2_PAGE.SecurityGroups, NextToken: t }),
      )
      .then((o) => ({ items: o.SecurityGroups, next: o.NextToken })),
  NetworkAcls: (f, t, api) =>
    api
      .ec2(new DescribeNetworkAclsCommand({ Filters: f, MaxResults: EC2_PAGE.NetworkAcls, NextToken: t }))
      .then((o) => ({ items: o.NetworkAcls, next: o.NextToken })),
  RouteTables: (f, t, api) =>
    api
      .ec2(new DescribeRouteTablesCommand({ Filters: f, MaxResults: EC2_PAGE.RouteTables, NextToken: t }))
      .then((o) => ({ items: o.RouteTables, next: o.NextToken })),
  NetworkInterfaces: (f, t, api) =>
    api
      .ec2(
        new DescribeNetworkInterfacesCommand({
          Filters: f,
          MaxResults: EC2_PAGE.NetworkInterfaces,
          NextToken: t,
        }),
      )
      .then((o) => ({ items: o.NetworkInterfaces, next: o.NextToken })),
  // Internet gateways name their VPC in attachment.vpc-id; NAT gateways take "Filter", not "Filters".
  InternetGateways: (f, t, api) =>
    api
      .ec2(
        new DescribeInternetGatewaysCommand({
          Filters: f.map((x) => ({ ...x, Name: 'attachment.vpc-id' })),
          MaxResults: EC2_PAGE.InternetGateways,
          NextToken: t,
        }),
      )
      .then((o) => ({ items: o.InternetGateways, next: o.NextToken })),
  NatGateways: (f, t, api) =>
    api
      .ec2(new DescribeNatGatewaysCommand({ Filter: f, MaxResults: EC2_PAGE.NatGateways, NextToken: t }))
      .then((o) => ({ items: o.NatGateways, next: o.NextToken })),
  VpcEndpoints: (f, t, api) =>
    api
      .ec2(new DescribeVpcEndpointsCommand({ Filters: f, MaxResults: EC2_PAGE.VpcEndpoints, NextToken: t }))
      .then((o) => ({ items: o.VpcEndpoints, next: o.NextToken })),
} satisfies Partial<
  Record<SnapshotKind, (f: Filter[], token: string | undefined, api: CollectContext['api']) => Promise<Page>>
>;

export type VpcKind = keyof typeof VPC_KINDS;
export const VPC_KIND_NAMES = Object.keys(VPC_KINDS) as VpcKind[];

export function vpcOf(kind: VpcKind, item: Record<string, unknown>): string {
  if (kind === 'InternetGateways') {
    const attachments = (item as Item<'InternetGateways'>).Attachments ?? [];
    return attachments[0]?.VpcId ?? '?';
  }
  return typeof item.VpcId === 'string' ? item.VpcId : '?';
}
