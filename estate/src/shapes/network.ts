// The VPC objects as `aws ec2 describe-vpcs|subnets|internet-gateways|nat-gateways|route-tables|network-acls|
// security-groups` print them, from plain ids. Field names and order follow the EC2 API reference (Vpc, Subnet,
// InternetGateway, NatGateway, RouteTable, NetworkAcl, SecurityGroup). The demo estate, the bench generator
// and the tests all print through these builders, so one AWS field is one edit.
import { ec2Id } from '../demo/hash.ts';
import { tags, type Json } from '../demo/shapes.ts';

/** Where a resource lives: every EC2 object prints its owner, most their VPC. */
export interface VpcScope {
  account: string;
  region: string;
  vpcId: string;
}

export function vpcShape(at: VpcScope, v: { cidr: string; name: string; dhcpOptionsId: string }): Json {
  return {
    CidrBlock: v.cidr,
    DhcpOptionsId: v.dhcpOptionsId,
    State: 'available',
    VpcId: at.vpcId,
    OwnerId: at.account,
    InstanceTenancy: 'default',
    CidrBlockAssociationSet: [
      {
        AssociationId: ec2Id('vpc-cidr-assoc', `${at.vpcId}/cidr`),
        CidrBlock: v.cidr,
        CidrBlockState: { State: 'associated' },
      },
    ],
    IsDefault: false,
    Tags: tags(v.name),
  };
}

export interface SubnetInput {
  id: string;
  name: string;
  cidr: string;
  az: string;
  azId: string;
  public: boolean;
  availableIps: number;
}

export function subnetShape(at: VpcScope, s: SubnetInput): Json {
  return {
    AvailabilityZone: s.az,
    AvailabilityZoneId: s.azId,
    AvailableIpAddressCount: s.availableIps,
    CidrBlock: s.cidr,
    DefaultForAz: false,
    MapPublicIpOnLaunch: s.public,
    MapCustomerOwnedIpOnLaunch: false,
    State: 'available',
    SubnetId: s.id,
    VpcId: at.vpcId,
    OwnerId: at.account,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Tags: tags(s.name, { Tier: s.public ? 'public' : 'private' }),
    SubnetArn: `arn:aws:ec2:${at.region}:${at.account}:subnet/${s.id}`,
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
  };
}

export function internetGatewayShape(at: VpcScope, igw: { id: string; name: string }): Json {
  return {
    Attachments: [{ State: 'available', VpcId: at.vpcId }],
    InternetGatewayId: igw.id,
    OwnerId: at.account,
    Tags: tags(igw.name),
  };
}

export interface NatInput {
  id: string;
  name: string;
  subnetId: string;
  eniId: string;
  allocationId: string;
  privateIp: string;
  publicIp: string;
  createdAt: string;
}

export function natGatewayShape(at: VpcScope, nat: NatInput): Json {
  return {
    CreateTime: nat.createdAt,
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
    SubnetId: nat.subnetId,
    VpcId: at.vpcId,
    Tags: tags(nat.name),
    ConnectivityType: 'public',
  };
}

export interface SecurityGroupInput {
  id: string;
  name: string;
  description: string;
  ingress: Json[];
  egress: Json[];
}

/** The group named "default" carries no tags (AWS creates it with the VPC). */
export function securityGroupShape(at: VpcScope, g: SecurityGroupInput): Json {
  return {
    Description: g.description,
    GroupName: g.name,
    IpPermissions: g.ingress,
    OwnerId: at.account,
    GroupId: g.id,
    IpPermissionsEgress: g.egress,
    ...(g.name === 'default' ? {} : { Tags: tags(g.name) }),
    VpcId: at.vpcId,
    SecurityGroupArn: `arn:aws:ec2:${at.region}:${at.account}:security-group/${g.id}`,
  };
}
