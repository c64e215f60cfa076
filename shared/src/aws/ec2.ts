// Zod schemas for the EC2 shapes Porthole reads, exactly as `aws ec2 describe-* --output json` prints them.
// Objects are loose: unknown fields are kept (a capture round-trips) but never relied upon.
import { z } from 'zod';

const str = z.string();
const opt = <T extends z.ZodType>(t: T) => t.optional().nullable();

export const IpPermissionSchema = z.looseObject({
  IpProtocol: str,
  FromPort: opt(z.number().int()),
  ToPort: opt(z.number().int()),
  IpRanges: opt(z.array(z.looseObject({ CidrIp: str, Description: opt(str) }))),
  Ipv6Ranges: opt(z.array(z.looseObject({ CidrIpv6: str, Description: opt(str) }))),
  PrefixListIds: opt(z.array(z.looseObject({ PrefixListId: str, Description: opt(str) }))),
  UserIdGroupPairs: opt(
    z.array(z.looseObject({ GroupId: opt(str), UserId: opt(str), VpcId: opt(str), Description: opt(str) })),
  ),
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

export const NetworkAclEntrySchema = z.looseObject({
  RuleNumber: z.number().int(),
  Protocol: str,
  RuleAction: z.enum(['allow', 'deny']),
  Egress: z.boolean(),
  CidrBlock: opt(str),
  Ipv6CidrBlock: opt(str),
  PortRange: opt(z.looseObject({ From: z.number().int(), To: z.number().int() })),
  IcmpTypeCode: opt(z.looseObject({ Code: opt(z.number()), Type: opt(z.number()) })),
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
  CidrBlock: opt(str),
  AvailabilityZone: opt(str),
  AvailabilityZoneId: opt(str),
  MapPublicIpOnLaunch: opt(z.boolean()),
  OwnerId: opt(str),
  SubnetArn: opt(str),
  Ipv6CidrBlockAssociationSet: opt(z.array(z.looseObject({ Ipv6CidrBlock: opt(str) }))),
  Tags: TagsSchema,
});
export type Subnet = z.infer<typeof SubnetSchema>;

export const RouteSchema = z.looseObject({
  DestinationCidrBlock: opt(str),
  DestinationIpv6CidrBlock: opt(str),
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
  State: opt(str),
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
  PrivateIpAddress: opt(str),
  Groups: opt(z.array(GroupRefSchema)),
  Association: opt(z.looseObject({ PublicIp: opt(str), IpOwnerId: opt(str), AllocationId: opt(str) })),
  Attachment: opt(z.looseObject({ InstanceId: opt(str), DeviceIndex: opt(z.number()), Status: opt(str) })),
  PrivateIpAddresses: opt(
    z.array(
      z.looseObject({
        PrivateIpAddress: str,
        Primary: opt(z.boolean()),
        Association: opt(z.looseObject({ PublicIp: opt(str) })),
      }),
    ),
  ),
  Ipv6Addresses: opt(z.array(z.looseObject({ Ipv6Address: str }))),
  OwnerId: opt(str),
  TagSet: TagsSchema,
});
export type NetworkInterface = z.infer<typeof NetworkInterfaceSchema>;

export const InstanceSchema = z.looseObject({
  InstanceId: str,
  SubnetId: opt(str),
  VpcId: opt(str),
  PrivateIpAddress: opt(str),
  PublicIpAddress: opt(str),
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
    z.array(z.looseObject({ PublicIp: opt(str), PrivateIp: opt(str), NetworkInterfaceId: opt(str) })),
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
  CidrBlock: opt(str),
  CidrBlockAssociationSet: opt(z.array(z.looseObject({ CidrBlock: str }))),
  Ipv6CidrBlockAssociationSet: opt(z.array(z.looseObject({ Ipv6CidrBlock: opt(str) }))),
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
  Cidrs: opt(z.array(str)),
});
export type PrefixList = z.infer<typeof PrefixListSchema>;

export const ManagedPrefixListEntriesSchema = z.looseObject({
  PrefixListId: str,
  Entries: z.array(z.looseObject({ Cidr: str, Description: opt(str) })),
});
export type ManagedPrefixListEntries = z.infer<typeof ManagedPrefixListEntriesSchema>;
