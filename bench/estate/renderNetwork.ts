// A unit's VPC objects as `aws ec2 describe-vpcs|subnets|internet-gateways|nat-gateways|route-tables|
// network-acls|security-groups` print them (through the estate kit's shape builders, @porthole/estate/shapes).
import { ec2Id } from '@porthole/estate/demo/hash.js';
import { naclEntry, sgPermission, sortNaclEntries, type Json } from '@porthole/estate/demo/shapes.js';
import * as ec2 from '@porthole/estate/shapes/network.js';
import * as routing from '@porthole/estate/shapes/routing.js';
import { TIMES } from '@porthole/estate/demo/time.js';
import { NACL_SUBNETS } from './naclPlan.ts';
import type { UnitPlan } from './plan.ts';
import { SUBNET_KEYS, type NaclKey, type SubnetKey } from './unitIds.ts';

const scope = ({ ids }: UnitPlan): ec2.VpcScope => ({
  account: ids.account,
  region: ids.region,
  vpcId: ids.vpcId,
});

export function vpcs(plan: UnitPlan): Json[] {
  const { ids } = plan;
  const dhcpOptionsId = ec2Id('dopt', `${ids.key}/dopt`);
  return [ec2.vpcShape(scope(plan), { cidr: ids.cidr, name: `${ids.team}-vpc-${ids.index}`, dhcpOptionsId })];
}

export function subnets(plan: UnitPlan): Json[] {
  return SUBNET_KEYS.map((key) => {
    const s = plan.ids.subnets[key];
    return ec2.subnetShape(scope(plan), { ...s, availableIps: s.cidr.endsWith('/20') ? 3900 : 240 });
  });
}

export function internetGateways(plan: UnitPlan): Json[] {
  return [ec2.internetGatewayShape(scope(plan), { id: plan.ids.igwId, name: `${plan.ids.team}-igw` })];
}

export function natGateways(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return ids.nats.map((nat) =>
    ec2.natGatewayShape(scope(plan), {
      ...nat,
      name: `${ids.team}-nat-${nat.subnet.slice(-1).toLowerCase()}`,
      subnetId: ids.subnets[nat.subnet].id,
      createdAt: TIMES.natCreated,
    }),
  );
}

export function routeTables(plan: UnitPlan): Json[] {
  const { ids } = plan;
  const table = (id: string, name: string, on: SubnetKey[] | null, extra: Json[]): Json =>
    routing.routeTableShape(scope(plan), {
      id,
      name: `${ids.team}-${name}`,
      subnets: on && on.map((key) => ({ id: ids.subnets[key].id, key })),
      routes: [routing.localRoute(ids.cidr), ...extra],
    });
  const viaNat = (key: 'privateA' | 'privateB', natIndex: number): Json[] =>
    plan.natRouteRemoved.includes(key)
      ? []
      : [routing.createdRoute('0.0.0.0/0', { natGatewayId: ids.nats[natIndex]!.id })];
  return [
    table(ids.routeTables.main, 'main', null, []),
    table(
      ids.routeTables.public,
      'public',
      ['pubA', 'pubB'],
      [routing.createdRoute('0.0.0.0/0', { gatewayId: ids.igwId })],
    ),
    table(ids.routeTables.privateA, 'private-a', ['appA', 'dataA'], viaNat('privateA', 0)),
    table(ids.routeTables.privateB, 'private-b', ['appB', 'dataB'], viaNat('privateB', 1)),
  ];
}

export function networkAcls(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return (Object.keys(NACL_SUBNETS) as NaclKey[]).map((key) =>
    routing.networkAclShape(scope(plan), {
      id: ids.nacls[key],
      isDefault: key === 'default',
      name: key === 'default' ? null : `${ids.team}-${key}-nacl`,
      subnets: NACL_SUBNETS[key].map((s) => ({ id: ids.subnets[s].id, key: s })),
      entries: sortNaclEntries(plan.nacls[key]!.map(naclEntry)),
    }),
  );
}

export function securityGroups(plan: UnitPlan): Json[] {
  const perm = (p: UnitPlan['sgs'][number]['ingress'][number]) =>
    sgPermission(plan.ids.account, p.protocol, p.ports, {
      ...(p.cidr ? { cidr: p.cidr } : {}),
      ...(p.group ? { group: p.group } : {}),
      ...(p.description ? { description: p.description } : {}),
    });
  return plan.sgs.map((g) =>
    ec2.securityGroupShape(scope(plan), { ...g, ingress: g.ingress.map(perm), egress: g.egress.map(perm) }),
  );
}
