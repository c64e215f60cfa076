// Zod schemas for the EC2 shapes Porthole reads, exactly as `aws ec2 describe-* --output json` prints them.
// Objects are loose: unknown fields are kept (a capture round-trips) but never relied upon.
import { z } from 'zod';
import {
  AnyCidr,
  IpProtocol,
  Ipv4Address,
  Ipv4Cidr,
  Ipv6Address,
  Ipv6Cidr,
  intIn,
  protocolClass,
  oneOf,
} from './values.ts';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional().nullable();

export const IpPermissionSchema = z
  .looseObject({
    IpProtocol: IpProtocol,
    FromPort: opt(z.number().int()),
    ToPort: opt(z.number().int()),
    IpRanges: opt(z.array(z.looseObject({ CidrIp: Ipv4Cidr, Description: opt(str) }))),
    Ipv6Ranges: opt(z.array(z.looseObject({ CidrIpv6: Ipv6Cidr, Description: opt(str) }))),
    PrefixListIds: opt(z.array(z.looseObject({ PrefixListId: str, Description: opt(str) }))),
    UserIdGroupPairs: opt(
      z.array(z.looseObject({ GroupId: opt(str), UserId: opt(str), VpcId: opt(str), Description: opt(str) })),
    ),
  })
  .superRefine((perm, ctx) => {
    // EC2 API reference, IpPermission: tcp/udp carry a port range (0-65535, From <= To); icmp/icmpv6
    // carry an ICMP type (FromPort) and code (ToPort), -1 meaning all; other protocols ignore ports.
    const from = perm.FromPort ?? null;
    const to = perm.ToPort ?? null;
    const bad = (key: 'FromPort' | 'ToPort', value: unknown, message: string) =>
      ctx.addIssue({ code: 'custom', path: [key], message, input: value });
    const kind = protocolClass(perm.IpProtocol);
    if (kind === 'ports') {
      if (from === null) return bad('FromPort', from, `${perm.IpProtocol} rules need a FromPort`);
      if (to === null) return bad('ToPort', to, `${perm.IpProtocol} rules need a ToPort`);
      if (from < 0 || from > 65535) bad('FromPort', from, 'not a port 0-65535');
      if (to < 0 || to > 65535) bad('ToPort', to, 'not a port 0-65535');
      if (from > to) bad('FromPort', from, `FromPort is greater than ToPort (${to})`);
    } else if (kind === 'icmp') {
      if (from !== null && (from < -1 || from > 255)) bad('FromPort', from, 'not an ICMP type (-1 or 0-255)');
      if (to !== null && (to < -1 || to > 255)) bad('ToPort', to, 'not an ICMP code (-1 or 0-255)');
    } else {
      if (from !== null && (from < -1 || from > 65535)) bad('FromPort', from, 'not -1 or a port 0-65535');
      if (to !== null && (to < -1 || to > 65535)) bad('ToPort', to, 'not -1 or a port 0-65535');
    }
  });
export type IpPermission = z.infer<typeof IpPermissionSchema>;

const TagsSchema = opt(z.array(z.looseObject({ Key: str, Value: opt(str) })));

export const SecurityGroupSchema = z.looseObject({
  GroupId: str,
  GroupName: opt(str),
  VpcId: opt(str),
  OwnerId: opt(str),
  Description: opt(str),
  IpPermissions: opt(z.array(IpPermissionSchema)),
  IpPermissionsEgress: opt(z.array(IpPermissionSchema)),
  Tags: TagsSchema,
});
export type SecurityGroup = z.infer<typeof SecurityGroupSchema>;

export const NetworkAclEntrySchema = z
  .looseObject({
    // 1-32766 for rules you create; 32767 is the default "*" rule describe-network-acls prints.
    RuleNumber: intIn(1, 32767),
    Protocol: IpProtocol,
    RuleAction: z.enum(['allow', 'deny']),
    Egress: z.boolean(),
    CidrBlock: opt(Ipv4Cidr),
    Ipv6CidrBlock: opt(Ipv6Cidr),
    PortRange: opt(z.looseObject({ From: intIn(0, 65535), To: intIn(0, 65535) })),
    IcmpTypeCode: opt(z.looseObject({ Code: opt(intIn(-1, 255)), Type: opt(intIn(-1, 255)) })),
  })
  .superRefine((entry, ctx) => {
    // EC2 API reference, CreateNetworkAclEntry: a port range is required for 6 (TCP) and 17 (UDP);
    // every entry names exactly one IPv4 or IPv6 CIDR.
    if (protocolClass(entry.Protocol) === 'ports') {
      if (!entry.PortRange)
        ctx.addIssue({ code: 'custom', path: ['PortRange'], message: 'tcp/udp entries need a PortRange' });
      else if (entry.PortRange.From > entry.PortRange.To)
        ctx.addIssue({
          code: 'custom',
          path: ['PortRange', 'From'],
          message: `From is greater than To (${entry.PortRange.To})`,
          input: entry.PortRange.From,
        });
    }
    if ((entry.CidrBlock == null) === (entry.Ipv6CidrBlock == null))
      ctx.addIssue({
        code: 'custom',
        path: ['CidrBlock'],
        message: 'an entry needs exactly one of CidrBlock and Ipv6CidrBlock',
      });
  });
export type NetworkAclEntry = z.infer<typeof NetworkAclEntrySchema>;

export const NetworkAclSchema = z.looseObject({
  NetworkAclId: str,
  VpcId: opt(str),
  IsDefault: opt(z.boolean()),
  Entries: z.array(NetworkAclEntrySchema),
  Associations: opt(
    z.array(z.looseObject({ NetworkAclAssociationId: opt(str), NetworkAclId: opt(str), SubnetId: str })),
  ),
  Tags: TagsSchema,
});
export type NetworkAcl = z.infer<typeof NetworkAclSchema>;

export const SubnetSchema = z.looseObject({
  SubnetId: str,
  VpcId: str,
  CidrBlock: opt(Ipv4Cidr),
  AvailabilityZone: opt(str),
  AvailabilityZoneId: opt(str),
  MapPublicIpOnLaunch: opt(z.boolean()),
  OwnerId: opt(str),
  SubnetArn: opt(str),
  Ipv6CidrBlockAssociationSet: opt(z.array(z.looseObject({ Ipv6CidrBlock: opt(Ipv6Cidr) }))),
  Tags: TagsSchema,
});
export type Subnet = z.infer<typeof SubnetSchema>;

export const RouteSchema = z.looseObject({
  DestinationCidrBlock: opt(Ipv4Cidr),
  DestinationIpv6CidrBlock: opt(Ipv6Cidr),
  DestinationPrefixListId: opt(str),
  GatewayId: opt(str),
  NatGatewayId: opt(str),
  InstanceId: opt(str),
  NetworkInterfaceId: opt(str),
  TransitGatewayId: opt(str),
  VpcPeeringConnectionId: opt(str),
  EgressOnlyInternetGatewayId: opt(str),
  LocalGatewayId: opt(str),
  CarrierGatewayId: opt(str),
  CoreNetworkArn: opt(str),
  // EC2 API reference, Route: active | blackhole. Closed: a route in another state cannot be judged.
  State: opt(oneOf(['active', 'blackhole'])),
  Origin: opt(str),
});
export type Route = z.infer<typeof RouteSchema>;

export const RouteTableSchema = z.looseObject({
  RouteTableId: str,
  VpcId: opt(str),
  Routes: z.array(RouteSchema),
  Associations: opt(
    z.array(
      z.looseObject({
        Main: opt(z.boolean()),
        SubnetId: opt(str),
        GatewayId: opt(str),
        RouteTableId: opt(str),
        RouteTableAssociationId: opt(str),
      }),
    ),
  ),
  Tags: TagsSchema,
});
export type RouteTable = z.infer<typeof RouteTableSchema>;

const GroupRefSchema = z.looseObject({ GroupId: str, GroupName: opt(str) });

export const NetworkInterfaceSchema = z.looseObject({
  NetworkInterfaceId: str,
  SubnetId: opt(str),
  VpcId: opt(str),
  AvailabilityZone: opt(str),
  Description: opt(str),
  InterfaceType: opt(str),
  RequesterId: opt(str),
  RequesterManaged: opt(z.boolean()),
  SourceDestCheck: opt(z.boolean()),
  Status: opt(str),
  PrivateIpAddress: opt(Ipv4Address),
  Groups: opt(z.array(GroupRefSchema)),
  Association: opt(
    z.looseObject({ PublicIp: opt(Ipv4Address), IpOwnerId: opt(str), AllocationId: opt(str) }),
  ),
  Attachment: opt(z.looseObject({ InstanceId: opt(str), DeviceIndex: opt(z.number()), Status: opt(str) })),
  PrivateIpAddresses: opt(
    z.array(
      z.looseObject({
        PrivateIpAddress: Ipv4Address,
        Primary: opt(z.boolean()),
        Association: opt(z.looseObject({ PublicIp: opt(Ipv4Address) })),
      }),
    ),
  ),
  Ipv6Addresses: opt(z.array(z.looseObject({ Ipv6Address: Ipv6Address }))),
  OwnerId: opt(str),
  TagSet: TagsSchema,
});
export type NetworkInterface = z.infer<typeof NetworkInterfaceSchema>;

export const InstanceSchema = z.looseObject({
  InstanceId: str,
  SubnetId: opt(str),
  VpcId: opt(str),
  PrivateIpAddress: opt(Ipv4Address),
  PublicIpAddress: opt(Ipv4Address),
  SourceDestCheck: opt(z.boolean()),
  State: opt(z.looseObject({ Name: opt(str), Code: opt(z.number()) })),
  Placement: opt(z.looseObject({ AvailabilityZone: opt(str) })),
  SecurityGroups: opt(z.array(GroupRefSchema)),
  NetworkInterfaces: opt(z.array(NetworkInterfaceSchema.partial().extend({ NetworkInterfaceId: str }))),
  Tags: TagsSchema,
});
export type Instance = z.infer<typeof InstanceSchema>;

export const ReservationSchema = z.looseObject({
  ReservationId: opt(str),
  OwnerId: opt(str),
  Instances: z.array(InstanceSchema),
});
export type Reservation = z.infer<typeof ReservationSchema>;

export const InternetGatewaySchema = z.looseObject({
  InternetGatewayId: str,
  OwnerId: opt(str),
  Attachments: opt(z.array(z.looseObject({ VpcId: str, State: opt(str) }))),
});
export type InternetGateway = z.infer<typeof InternetGatewaySchema>;

export const NatGatewaySchema = z.looseObject({
  NatGatewayId: str,
  SubnetId: opt(str),
  VpcId: opt(str),
  State: opt(str),
  ConnectivityType: opt(str),
  NatGatewayAddresses: opt(
    z.array(
      z.looseObject({
        PublicIp: opt(Ipv4Address),
        PrivateIp: opt(Ipv4Address),
        NetworkInterfaceId: opt(str),
      }),
    ),
  ),
  FailureCode: opt(str),
  FailureMessage: opt(str),
});
export type NatGateway = z.infer<typeof NatGatewaySchema>;

export const VpcEndpointSchema = z.looseObject({
  VpcEndpointId: str,
  VpcEndpointType: opt(str),
  VpcId: opt(str),
  ServiceName: str,
  State: opt(str),
  RouteTableIds: opt(z.array(str)),
  SubnetIds: opt(z.array(str)),
  Groups: opt(z.array(GroupRefSchema)),
  PrivateDnsEnabled: opt(z.boolean()),
  NetworkInterfaceIds: opt(z.array(str)),
});
export type VpcEndpoint = z.infer<typeof VpcEndpointSchema>;

export const VpcSchema = z.looseObject({
  VpcId: str,
  CidrBlock: opt(Ipv4Cidr),
  CidrBlockAssociationSet: opt(z.array(z.looseObject({ CidrBlock: Ipv4Cidr }))),
  Ipv6CidrBlockAssociationSet: opt(z.array(z.looseObject({ Ipv6CidrBlock: opt(Ipv6Cidr) }))),
  IsDefault: opt(z.boolean()),
  OwnerId: opt(str),
});
export type Vpc = z.infer<typeof VpcSchema>;

export const PrefixListSchema = z.looseObject({
  PrefixListId: str,
  PrefixListName: opt(str),
  AddressFamily: opt(str),
  State: opt(str),
  OwnerId: opt(str),
  // describe-prefix-lists (AWS-managed) prints Cidrs inline; describe-managed-prefix-lists does not.
  Cidrs: opt(z.array(AnyCidr)),
});
export type PrefixList = z.infer<typeof PrefixListSchema>;

export const ManagedPrefixListEntriesSchema = z.looseObject({
  PrefixListId: str,
  Entries: z.array(z.looseObject({ Cidr: AnyCidr, Description: opt(str) })),
});
export type ManagedPrefixListEntries = z.infer<typeof ManagedPrefixListEntriesSchema>;
