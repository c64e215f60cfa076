// The demo VPC as `aws ec2 describe-vpcs|subnets|internet-gateways|nat-gateways|route-tables|network-acls`
// print it. Field names and order follow the EC2 API reference (Vpc, Subnet, RouteTable, NetworkAcl, NatGateway).
import { ec2Id } from './hash.ts';
import type { DemoIds, SubnetKey } from './ids.ts';
import * as ec2 from '../shapes/network.ts';
import * as routing from '../shapes/routing.ts';
import { openNaclEntries, type Json } from './shapes.ts';
import { TIMES } from './time.ts';

const SUBNET_KEYS: SubnetKey[] = ['publicA', 'publicB', 'privateA', 'privateB'];

const scope = (ids: DemoIds): ec2.VpcScope => ({
  account: ids.account,
  region: ids.region,
  vpcId: ids.vpcId,
});

export function vpcs(ids: DemoIds): Json[] {
  const dhcpOptionsId = ec2Id('dopt', `${ids.account}/${ids.region}/dopt`);
  return [ec2.vpcShape(scope(ids), { cidr: ids.vpcCidr, name: 'prod-vpc', dhcpOptionsId })];
}

export function subnets(ids: DemoIds): Json[] {
  return SUBNET_KEYS.map((key) => {
    const s = ids.subnets[key];
    return ec2.subnetShape(scope(ids), { ...s, availableIps: s.public ? 245 : 238 });
  });
}

export function internetGateways(ids: DemoIds): Json[] {
  return [ec2.internetGatewayShape(scope(ids), { id: ids.igwId, name: 'prod-igw' })];
}

export function natGateways(ids: DemoIds): Json[] {
  const nat = ids.natGateway;
  const subnetId = ids.subnets.publicA.id;
  return [
    ec2.natGatewayShape(scope(ids), { ...nat, name: 'prod-nat-a', subnetId, createdAt: TIMES.natCreated }),
  ];
}

export function routeTables(ids: DemoIds): Json[] {
  const on = (keys: SubnetKey[]) =>
    keys.map((key) => ({ id: ids.subnets[key].id, key: ids.subnets[key].id }));
  const table = (id: string, name: string, subnets: routing.RouteTableInput['subnets'], extra: Json[]) =>
    routing.routeTableShape(scope(ids), {
      id,
      name,
      subnets,
      routes: [routing.localRoute(ids.vpcCidr), ...extra],
    });
  const viaIgw = routing.createdRoute('0.0.0.0/0', { gatewayId: ids.igwId });
  const viaNat = routing.createdRoute('0.0.0.0/0', { natGatewayId: ids.natGateway.id });
  return [
    table(ids.routeTables.main, 'prod-main', null, []),
    table(ids.routeTables.public, 'prod-public', on(['publicA', 'publicB']), [viaIgw]),
    table(ids.routeTables.private, 'prod-private', on(['privateA', 'privateB']), [viaNat]),
  ];
}

/** The VPC's default NACL serves the public subnets; the private subnets have their own, equally open. */
export function networkAcls(ids: DemoIds): Json[] {
  const acl = (id: string, isDefault: boolean, keys: SubnetKey[], name: string | null): Json =>
    routing.networkAclShape(scope(ids), {
      id,
      isDefault,
      name,
      subnets: keys.map((key) => ({ id: ids.subnets[key].id, key })),
      entries: openNaclEntries(),
    });
  return [
    acl(ids.nacls.default, true, ['publicA', 'publicB'], null),
    acl(ids.nacls.private, false, ['privateA', 'privateB'], 'prod-private-nacl'),
  ];
}
