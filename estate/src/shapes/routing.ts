// Route tables and network ACLs as `aws ec2 describe-route-tables|describe-network-acls` print them, from
// plain ids (RouteTable, NetworkAcl in the EC2 API reference).
import { ec2Id } from '../demo/hash.ts';
import { tags, type Json } from '../demo/shapes.ts';
import type { VpcScope } from './network.ts';

/** The route every table starts with: the VPC's CIDR stays local. */
export function localRoute(cidr: string): Json {
  return { DestinationCidrBlock: cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
}

/** A route added by hand (CreateRoute) through an internet gateway or a NAT gateway. */
export function createdRoute(cidr: string, via: { gatewayId: string } | { natGatewayId: string }): Json {
  return {
    DestinationCidrBlock: cidr,
    ...('gatewayId' in via ? { GatewayId: via.gatewayId } : { NatGatewayId: via.natGatewayId }),
    Origin: 'CreateRoute',
    State: 'active',
  };
}

/** `key` seeds the association id: the subnet's id or key, stable per table. */
export function routeTableAssociation(tableId: string, subnet: { id: string; key: string } | null): Json {
  return {
    Main: subnet === null,
    RouteTableAssociationId: ec2Id('rtbassoc', `${tableId}/${subnet?.key ?? 'main'}`),
    RouteTableId: tableId,
    ...(subnet ? { SubnetId: subnet.id } : {}),
    AssociationState: { State: 'associated' },
  };
}

export interface RouteTableInput {
  id: string;
  name: string;
  /** Subnets associated explicitly, or null for the VPC's main table. */
  subnets: Array<{ id: string; key: string }> | null;
  /** The main table that also has explicit subnet associations. */
  main?: boolean;
  routes: Json[];
}

export function routeTableShape(at: VpcScope, t: RouteTableInput): Json {
  return {
    Associations: [
      ...(t.subnets === null || t.main ? [routeTableAssociation(t.id, null)] : []),
      ...(t.subnets ?? []).map((s) => routeTableAssociation(t.id, s)),
    ],
    PropagatingVgws: [],
    RouteTableId: t.id,
    Routes: t.routes,
    Tags: tags(t.name),
    VpcId: at.vpcId,
    OwnerId: at.account,
  };
}

export interface NetworkAclInput {
  id: string;
  isDefault: boolean;
  /** null: no Name tag (the VPC's default NACL). */
  name: string | null;
  subnets: Array<{ id: string; key: string }>;
  entries: Json[];
}

export function networkAclShape(at: VpcScope, acl: NetworkAclInput): Json {
  return {
    Associations: acl.subnets.map((s) => ({
      NetworkAclAssociationId: ec2Id('aclassoc', `${acl.id}/${s.key}`),
      NetworkAclId: acl.id,
      SubnetId: s.id,
    })),
    Entries: acl.entries,
    IsDefault: acl.isDefault,
    NetworkAclId: acl.id,
    Tags: acl.name ? tags(acl.name) : [],
    VpcId: at.vpcId,
    OwnerId: at.account,
  };
}
