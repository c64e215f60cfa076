// The demo VPC as `aws ec2 describe-vpcs|subnets|internet-gateways|nat-gateways|route-tables|network-acls`
// print it. Field names and order follow the EC2 API reference (Vpc, Subnet, RouteTable, NetworkAcl, NatGateway).
import { ec2Id } from './hash.ts';
import type { DemoIds, SubnetKey } from './ids.ts';
import { openNaclEntries, tags, type Json } from './shapes.ts';
import { TIMES } from './time.ts';

const SUBNET_KEYS: SubnetKey[] = ['publicA', 'publicB', 'privateA', 'privateB'];

export function vpcs(ids: DemoIds): Json[] {
  return [
    {
      CidrBlock: ids.vpcCidr,
      DhcpOptionsId: ec2Id('dopt', `${ids.account}/${ids.region}/dopt`),
      State: 'available',
      VpcId: ids.vpcId,
      OwnerId: ids.account,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [
        {
          AssociationId: ec2Id('vpc-cidr-assoc', `${ids.vpcId}/cidr`),
          CidrBlock: ids.vpcCidr,
          CidrBlockState: { State: 'associated' },
        },
      ],
      IsDefault: false,
      Tags: tags('prod-vpc'),
    },
  ];
}

export function subnets(ids: DemoIds): Json[] {
  return SUBNET_KEYS.map((key) => {
    const s = ids.subnets[key];
    return {
      AvailabilityZone: s.az,
      AvailabilityZoneId: s.azId,
      AvailableIpAddressCount: s.public ? 245 : 238,
      CidrBlock: s.cidr,
      DefaultForAz: false,
      MapPublicIpOnLaunch: s.public,
      MapCustomerOwnedIpOnLaunch: false,
      State: 'available',
      SubnetId: s.id,
      VpcId: ids.vpcId,
      OwnerId: ids.account,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      Tags: tags(s.name, { Tier: s.public ? 'public' : 'private' }),
      SubnetArn: `arn:aws:ec2:${ids.region}:${ids.account}:subnet/${s.id}`,
      EnableDns64: false,
      Ipv6Native: false,
      PrivateDnsNameOptionsOnLaunch: {
        HostnameType: 'ip-name',
        EnableResourceNameDnsARecord: false,
        EnableResourceNameDnsAAAARecord: false,
      },
    };
  });
}

export function internetGateways(ids: DemoIds): Json[] {
  return [
    {
      Attachments: [{ State: 'available', VpcId: ids.vpcId }],
      InternetGatewayId: ids.igwId,
      OwnerId: ids.account,
      Tags: tags('prod-igw'),
    },
  ];
}

export function natGateways(ids: DemoIds): Json[] {
  const nat = ids.natGateway;
  return [
    {
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
      SubnetId: ids.subnets.publicA.id,
      VpcId: ids.vpcId,
      Tags: tags('prod-nat-a'),
      ConnectivityType: 'public',
    },
  ];
}

const localRoute = (cidr: string): Json => ({
  DestinationCidrBlock: cidr,
  GatewayId: 'local',
  Origin: 'CreateRouteTable',
  State: 'active',
});

function association(tableId: string, subnetId: string | null): Json {
  const id = ec2Id('rtbassoc', `${tableId}/${subnetId ?? 'main'}`);
  return subnetId === null
    ? {
        Main: true,
        RouteTableAssociationId: id,
        RouteTableId: tableId,
        AssociationState: { State: 'associated' },
      }
    : {
        Main: false,
        RouteTableAssociationId: id,
        RouteTableId: tableId,
        SubnetId: subnetId,
        AssociationState: { State: 'associated' },
      };
}

export function routeTables(ids: DemoIds): Json[] {
  const table = (id: string, name: string, subnetKeys: SubnetKey[] | null, extra: Json[]): Json => ({
    Associations:
      subnetKeys === null
        ? [association(id, null)]
        : subnetKeys.map((key) => association(id, ids.subnets[key].id)),
    PropagatingVgws: [],
    RouteTableId: id,
    Routes: [localRoute(ids.vpcCidr), ...extra],
    Tags: tags(name),
    VpcId: ids.vpcId,
    OwnerId: ids.account,
  });
  const viaIgw = {
    DestinationCidrBlock: '0.0.0.0/0',
    GatewayId: ids.igwId,
    Origin: 'CreateRoute',
    State: 'active',
  };
  const viaNat = {
    DestinationCidrBlock: '0.0.0.0/0',
    NatGatewayId: ids.natGateway.id,
    Origin: 'CreateRoute',
    State: 'active',
  };
  return [
    table(ids.routeTables.main, 'prod-main', null, []),
    table(ids.routeTables.public, 'prod-public', ['publicA', 'publicB'], [viaIgw]),
    table(ids.routeTables.private, 'prod-private', ['privateA', 'privateB'], [viaNat]),
  ];
}

/** The VPC's default NACL serves the public subnets; the private subnets have their own, equally open. */
export function networkAcls(ids: DemoIds): Json[] {
  const acl = (id: string, isDefault: boolean, subnetKeys: SubnetKey[], name: string | null): Json => ({
    Associations: subnetKeys.map((key) => ({
      NetworkAclAssociationId: ec2Id('aclassoc', `${id}/${key}`),
      NetworkAclId: id,
      SubnetId: ids.subnets[key].id,
    })),
    Entries: openNaclEntries(),
    IsDefault: isDefault,
    NetworkAclId: id,
    Tags: name ? tags(name) : [],
    VpcId: ids.vpcId,
    OwnerId: ids.account,
  });
  return [
    acl(ids.nacls.default, true, ['publicA', 'publicB'], null),
    acl(ids.nacls.private, false, ['privateA', 'privateB'], 'prod-private-nacl'),
  ];
}
