// Fix for a load balancer subnet without an internet route: re-associate it with the VPC's working public table,
// or add 0.0.0.0/0 → the VPC's IGW, or (when the table also serves private subnets through a NAT) a new public
// table. VPC guide, "Route tables" (subnet route table associations) and "Internet gateways".
import type { Finding, RouteTable } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../../model/types.ts';
import { routeTarget } from '../../net/routes.ts';
import { regionFlag } from '../support/finding.ts';
import { igwProblem } from '../../analysis/internetEgress.ts';

export function igwFix(
  model: EstateModel,
  lb: LoadBalancerModel,
  table: RouteTable,
  subnets: string[],
  igw: string | null,
): Finding['fix'] {
  const region = regionFlag(lb.scope);
  const gateway = igw ?? 'INTERNET_GATEWAY_ID';
  // Best: the VPC already has a working public table (the subnet lost its association): associate with it.
  const publicTable = model.routeTables
    .inScope(lb.scope)
    .find((t) => t.VpcId === lb.vpcId && t.RouteTableId !== table.RouteTableId && igwProblem(t) === null);
  if (publicTable) return reassociate(table, publicTable, subnets, region);
  const prelude = igw
    ? []
    : [
        `aws ec2 create-internet-gateway${region}`,
        `aws ec2 attach-internet-gateway --internet-gateway-id INTERNET_GATEWAY_ID --vpc-id ${lb.vpcId ?? 'VPC_ID'}${region}`,
      ];
  const defaultRoute = table.Routes.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
  // If the table also serves other (private) subnets through a NAT, switching its default route would cut their
  // egress: give the load balancer's subnets their own public table instead.
  const lbSubnets = new Set(lb.nodes.map((n) => n.subnetId));
  const shared = (table.Associations ?? []).some(
    (a) => a.Main === true || (a.SubnetId && !lbSubnets.has(a.SubnetId)),
  );
  if (defaultRoute && shared && routeTarget(defaultRoute).kind !== 'internet-gateway') {
    return newPublicTable(lb, table, { subnets, gateway, prelude, region });
  }
  const verb = defaultRoute ? 'replace-route' : 'create-route';
  return {
    summary: `Route 0.0.0.0/0 in ${table.RouteTableId} to the VPC's internet gateway ${gateway}.`,
    awsCli: [
      ...prelude,
      `aws ec2 ${verb} --route-table-id ${table.RouteTableId} --destination-cidr-block 0.0.0.0/0 --gateway-id ${gateway}${region}`,
    ],
    terraform: [
      `resource "aws_route" "${table.RouteTableId.replace(/-/g, '_')}_internet" {`,
      `  route_table_id         = "${table.RouteTableId}"`,
      `  destination_cidr_block = "0.0.0.0/0"`,
      `  gateway_id             = "${gateway}"`,
      `}`,
    ].join('\n'),
  };
}

function reassociate(
  table: RouteTable,
  publicTable: RouteTable,
  subnets: string[],
  region: string,
): Finding['fix'] {
  const awsCli = subnets.map((s) => {
    const assoc = (table.Associations ?? []).find((a) => a.SubnetId === s)?.RouteTableAssociationId;
    return assoc
      ? `aws ec2 replace-route-table-association --association-id ${assoc} --route-table-id ${publicTable.RouteTableId}${region}`
      : `aws ec2 associate-route-table --route-table-id ${publicTable.RouteTableId} --subnet-id ${s}${region}`;
  });
  return {
    summary: `Associate ${subnets.join(', ')} with the VPC's public route table ${publicTable.RouteTableId} (0.0.0.0/0 → internet gateway).`,
    awsCli,
    terraform: subnets
      .map((s) =>
        [
          `resource "aws_route_table_association" "${s.replace(/-/g, '_')}" {`,
          `  subnet_id      = "${s}"`,
          `  route_table_id = "${publicTable.RouteTableId}"`,
          `}`,
        ].join('\n'),
      )
      .join('\n\n'),
  };
}

function newPublicTable(
  lb: LoadBalancerModel,
  table: RouteTable,
  /** The ALB subnets to move, the gateway to route to, commands to run first, the region flag. */
  plan: { subnets: string[]; gateway: string; prelude: string[]; region: string },
): Finding['fix'] {
  const { subnets, gateway, prelude, region } = plan;
  const vpc = lb.vpcId ?? 'VPC_ID';
  return {
    summary: `${table.RouteTableId} also serves private subnets: give ${subnets.join(', ')} a public route table with 0.0.0.0/0 → ${gateway}.`,
    awsCli: [
      ...prelude,
      `aws ec2 create-route-table --vpc-id ${vpc}${region}`,
      `aws ec2 create-route --route-table-id NEW_ROUTE_TABLE_ID --destination-cidr-block 0.0.0.0/0 --gateway-id ${gateway}${region}`,
      ...subnets.map((s) => {
        const assoc = (table.Associations ?? []).find((a) => a.SubnetId === s)?.RouteTableAssociationId;
        return assoc
          ? `aws ec2 replace-route-table-association --association-id ${assoc} --route-table-id NEW_ROUTE_TABLE_ID${region}`
          : `aws ec2 associate-route-table --route-table-id NEW_ROUTE_TABLE_ID --subnet-id ${s}${region}`;
      }),
    ],
    terraform: [
      `resource "aws_route_table" "public" {`,
      `  vpc_id = "${vpc}"`,
      `  route {`,
      `    cidr_block = "0.0.0.0/0"`,
      `    gateway_id = "${gateway}"`,
      `  }`,
      `}`,
      ...subnets.flatMap((s) => [
        ``,
        `resource "aws_route_table_association" "${s.replace(/-/g, '_')}" {`,
        `  subnet_id      = "${s}"`,
        `  route_table_id = aws_route_table.public.id`,
        `}`,
      ]),
    ].join('\n'),
  };
}
