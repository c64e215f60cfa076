// The EC2 half of the fake AWS: filtered, paginated Describe calls over the estate's network.
import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeManagedPrefixListsCommand,
  DescribeNatGatewaysCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  GetManagedPrefixListEntriesCommand,
} from '@aws-sdk/client-ec2';
import type { SnapshotData } from '@porthole/shared';
import { awsError, page, type Obj } from './fakeAws.ts';

const MUST_FILTER = new Set(['Reservations', 'NetworkInterfaces', 'SecurityGroups']);

export function installEc2(
  on: (stub: never, command: unknown, fn: (i: Obj, d: SnapshotData) => unknown) => unknown,
  ec2: unknown,
) {
  const kinds: [unknown, keyof SnapshotData, number][] = [
    [DescribeVpcsCommand, 'Vpcs', 1000],
    [DescribeSubnetsCommand, 'Subnets', 1000],
    [DescribeSecurityGroupsCommand, 'SecurityGroups', 1000],
    [DescribeNetworkAclsCommand, 'NetworkAcls', 1000],
    [DescribeRouteTablesCommand, 'RouteTables', 100],
    [DescribeNetworkInterfacesCommand, 'NetworkInterfaces', 1000],
    [DescribeInternetGatewaysCommand, 'InternetGateways', 1000],
    [DescribeNatGatewaysCommand, 'NatGateways', 1000],
    [DescribeVpcEndpointsCommand, 'VpcEndpoints', 1000],
    [DescribeInstancesCommand, 'Reservations', 1000],
    [DescribeManagedPrefixListsCommand, 'PrefixLists', 100],
  ];
  for (const [command, kind, max] of kinds) {
    on(ec2 as never, command, (i, d) => {
      const filters = (i.Filters ?? i.Filter ?? []) as { Name: string; Values: string[] }[];
      if (filters.length === 0 && MUST_FILTER.has(kind))
        throw awsError('UnfilteredCall', `unfiltered ${String(kind)}`);
      let items = (d[kind] ?? []) as Obj[];
      if (kind === 'Reservations') {
        items = items
          .map((r) => ({
            ...r,
            Instances: (r.Instances as Obj[]).filter((inst) => filters.every((f) => matches(inst, f))),
          }))
          .filter((r) => r.Instances.length > 0);
      } else items = items.filter((item) => filters.every((f) => matches(item, f)));
      const p = page(items, i.NextToken as string, i.MaxResults as number, max, max);
      return { [kind]: p.items, NextToken: p.next };
    });
  }
  on(ec2 as never, GetManagedPrefixListEntriesCommand, (i, d) => {
    const list = (d.ManagedPrefixListEntries ?? []).find((e) => e.PrefixListId === i.PrefixListId);
    const p = page(list?.Entries ?? [], i.NextToken as string, i.MaxResults as number, 100, 100);
    return { Entries: p.items, NextToken: p.next };
  });
}

function matches(item: Obj, filter: { Name: string; Values: string[] }): boolean {
  if (filter.Values.length > 200) throw awsError('FilterLimitExceeded', `${filter.Values.length} values`);
  const has = (v: unknown) => typeof v === 'string' && filter.Values.includes(v);
  switch (filter.Name) {
    case 'vpc-id':
      return has(item.VpcId);
    case 'attachment.vpc-id':
      return ((item.Attachments ?? []) as Obj[]).some((a) => has(a.VpcId));
    case 'instance-id':
      return has(item.InstanceId);
    case 'prefix-list-id':
      return has(item.PrefixListId);
    default:
      throw awsError('InvalidParameterValue', `unknown filter ${filter.Name}`);
  }
}
