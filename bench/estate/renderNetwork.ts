// A unit's VPC objects as `aws ec2 describe-vpcs|subnets|internet-gateways|nat-gateways|route-tables|
// network-acls|security-groups` print them (same field sets as the demo estate, estate/src/demo/network.ts).
import { ec2Id } from '@porthole/estate/demo/hash.js';
import { naclEntry, sgPermission, sortNaclEntries, tags, type Json } from '@porthole/estate/demo/shapes.js';
import { TIMES } from '@porthole/estate/demo/time.js';
import { NACL_SUBNETS } from './naclPlan.ts';
import type { UnitPlan } from './plan.ts';
import { SUBNET_KEYS, type NaclKey, type SubnetKey } from './unitIds.ts';

export function vpcs({ ids }: UnitPlan): Json[] {
  return [
    {
      CidrBlock: ids.cidr,
      DhcpOptionsId: ec2Id('dopt', `${ids.key}/dopt`),
      State: 'available',
      VpcId: ids.vpcId,
      OwnerId: ids.account,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        {
          AssociationId: ec2Id('vpc-cidr-assoc', `${ids.vpcId}/cidr`),
          CidrBlock: ids.cidr,
          CidrBlockState: { State: 'associated' },
        },
      ],
      IsDefault: false,
      Tags: tags(`${ids.team}-vpc-${ids.index}`),
    },
  ];
}

export function subnets({ ids }: UnitPlan): Json[] {
  return SUBNET_KEYS.map((key) => {
    const s = ids.subnets[key];
    return {
      AvailabilityZone: s.az,
      AvailabilityZoneId: s.azId,
      AvailableIpAddressCount: s.cidr.endsWith('/20') ? 3900 : 240,
      CidrBlock: s.cidr,
      DefaultForAz: false,
      MapPublicIpOnLaunch: s.public,
      State: 'available',
      SubnetId: s.id,
      VpcId: ids.vpcId,
      OwnerId: ids.account,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tags(s.name, { Tier: s.public ? 'public' : 'private' }),
      SubnetArn: `arn:aws:ec2:${ids.region}:${ids.account}:subnet/${s.id}`,
    };
  });
}

export function internetGateways({ ids }: UnitPlan): Json[] {
  return [
    {
      Attachments: [{ State: 'available', VpcId: ids.vpcId }],
      InternetGatewayId: ids.igwId,
      OwnerId: ids.account,
      Tags: tags(`${ids.team}-igw`),
    },
  ];
}

export function natGateways({ ids }: UnitPlan): Json[] {
  return ids.nats.map((nat) => ({
    CreateTime: TIMES.natCreated,
    NatGatewayAddresses: [
      {
        AllocationId: nat.allocationId,
        NetworkInterfaceId: nat.eniId,
        PrivateIp: nat.privateIp,
        PublicIp: nat.publicIp,
        AssociationId: ec2Id('eipassoc', `${nat.id}/assoc`),
        IsPrimary: true,
        Status: 'succeeded',
      },
    ],
    NatGatewayId: nat.id,
    State: 'available',
    SubnetId: ids.subnets[nat.subnet].id,
    VpcId: ids.vpcId,
    Tags: tags(`${ids.team}-nat-${nat.subnet.slice(-1).toLowerCase()}`),
    ConnectivityType: 'public',
  }));
}

export function routeTables(plan: UnitPlan): Json[] {
  const { ids } = plan;
  const association = (tableId: string, subnet: SubnetKey | null): Json => ({
    Main: subnet === null,
    RouteTableAssociationId: ec2Id('rtbassoc', `${tableId}/${subnet ?? 'main'}`),
    RouteTableId: tableId,
    ...(subnet ? { SubnetId: ids.subnets[subnet].id } : {}),
    AssociationState: { State: 'associated' },
  });
  const local = {
    DestinationCidrBlock: ids.cidr,
    GatewayId: 'local',
    Origin: 'CreateRouteTable',
    State: 'active',
  };
  const table = (id: string, name: string, on: SubnetKey[] | null, extra: Json[]): Json => ({
    Associations: on === null ? [association(id, null)] : on.map((s) => association(id, s)),
    PropagatingVgws: [],
    RouteTableId: id,
    Routes: [local, ...extra],
    Tags: tags(name),
    VpcId: ids.vpcId,
    OwnerId: ids.account,
  });
  const viaNat = (key: 'privateA' | 'privateB', natIndex: number): Json[] =>
    plan.natRouteRemoved.includes(key)
      ? []
      : [
          {
            DestinationCidrBlock: '0.0.0.0/0',
            NatGatewayId: ids.nats[natIndex]!.id,
            Origin: 'CreateRoute',
            State: 'active',
          },
        ];
  return [
    table(ids.routeTables.main, `${ids.team}-main`, null, []),
    table(
      ids.routeTables.public,
      `${ids.team}-public`,
      ['pubA', 'pubB'],
      [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: ids.igwId, Origin: 'CreateRoute', State: 'active' }],
    ),
    table(ids.routeTables.privateA, `${ids.team}-private-a`, ['appA', 'dataA'], viaNat('privateA', 0)),
    table(ids.routeTables.privateB, `${ids.team}-private-b`, ['appB', 'dataB'], viaNat('privateB', 1)),
  ];
}

export function networkAcls(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return (Object.keys(NACL_SUBNETS) as NaclKey[]).map((key) => ({
    Associations: NACL_SUBNETS[key].map((s) => ({
      NetworkAclAssociationId: ec2Id('aclassoc', `${ids.nacls[key]}/${s}`),
      NetworkAclId: ids.nacls[key],
      SubnetId: ids.subnets[s].id,
    })),
    Entries: sortNaclEntries(plan.nacls[key]!.map(naclEntry)),
    IsDefault: key === 'default',
    NetworkAclId: ids.nacls[key],
    Tags: key === 'default' ? [] : tags(`${ids.team}-${key}-nacl`),
    VpcId: ids.vpcId,
    OwnerId: ids.account,
  }));
}

export function securityGroups(plan: UnitPlan): Json[] {
  const { ids } = plan;
  const perm = (p: UnitPlan['sgs'][number]['ingress'][number]) =>
    sgPermission(ids.account, p.protocol, p.ports, {
      ...(p.cidr ? { cidr: p.cidr } : {}),
      ...(p.group ? { group: p.group } : {}),
      ...(p.description ? { description: p.description } : {}),
    });
  return plan.sgs.map((g) => ({
    Description: g.description,
    GroupName: g.name,
    IpPermissions: g.ingress.map(perm),
    OwnerId: ids.account,
    GroupId: g.id,
    IpPermissionsEgress: g.egress.map(perm),
    ...(g.name === 'default' ? {} : { Tags: tags(g.name) }),
    VpcId: ids.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${ids.region}:${ids.account}:security-group/${g.id}`,
  }));
}
