// The VPC of the test estate: public and private subnets, ALB and instance security groups,
// one NACL, routes to an IGW, a NAT gateway and an S3 gateway endpoint (via a prefix list).

/** S3's AWS-managed prefix list, referenced by the instances' egress rule. */
export const S3_PREFIX_LIST = 'pl-6da54004';

export function network(
  account: string,
  region: string,
  vpc: string,
  pub: string[],
  priv: string[],
  extraTables: number,
) {
  const all = [...pub, ...priv];
  const permission = (from: number, to: number, source: object) => ({
    IpProtocol: 'tcp',
    FromPort: from,
    ToPort: to,
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
    ...source,
  });
  const allOut = {
    IpProtocol: '-1',
    IpRanges: [{ CidrIp: '0.0.0.0/0' }],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
  };
  return {
    Vpcs: [
      {
        VpcId: vpc,
        CidrBlock: '10.0.0.0/16',
        CidrBlockAssociationSet: [{ CidrBlock: '10.0.0.0/16' }],
        IsDefault: false,
        OwnerId: account,
      },
    ],
    Subnets: all.map((SubnetId, i) => ({
      SubnetId,
      VpcId: vpc,
      CidrBlock: i < 2 ? `10.0.${i}.0/24` : `10.0.${8 + i}.0/24`,
      AvailabilityZone: `${region}${i % 2 === 0 ? 'a' : 'b'}`,
      MapPublicIpOnLaunch: i < 2,
      OwnerId: account,
    })),
    SecurityGroups: [
      {
        GroupId: 'sg-0a00000000000alb',
        GroupName: 'web-alb',
        VpcId: vpc,
        OwnerId: account,
        Description: 'web ALB',
        IpPermissions: [permission(80, 80, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] })],
        IpPermissionsEgress: [allOut],
      },
      {
        GroupId: 'sg-0a0000000000inst',
        GroupName: 'ecs-instances',
        VpcId: vpc,
        OwnerId: account,
        Description: 'ECS container instances',
        // Only port 80 from the ALB: the dynamic host ports (32768+) are blocked.
        IpPermissions: [
          permission(80, 80, { UserIdGroupPairs: [{ GroupId: 'sg-0a00000000000alb', UserId: account }] }),
        ],
        IpPermissionsEgress: [
          allOut,
          permission(443, 443, { PrefixListIds: [{ PrefixListId: S3_PREFIX_LIST }] }),
        ],
      },
    ],
    NetworkAcls: [
      {
        NetworkAclId: 'acl-0a00000000000001',
        VpcId: vpc,
        IsDefault: true,
        Entries: [
          {
            RuleNumber: 100,
            Protocol: '-1',
            RuleAction: 'allow' as const,
            Egress: false,
            CidrBlock: '0.0.0.0/0',
          },
          {
            RuleNumber: 32767,
            Protocol: '-1',
            RuleAction: 'deny' as const,
            Egress: false,
            CidrBlock: '0.0.0.0/0',
          },
          {
            RuleNumber: 100,
            Protocol: '-1',
            RuleAction: 'allow' as const,
            Egress: true,
            CidrBlock: '0.0.0.0/0',
          },
          {
            RuleNumber: 32767,
            Protocol: '-1',
            RuleAction: 'deny' as const,
            Egress: true,
            CidrBlock: '0.0.0.0/0',
          },
        ],
        Associations: all.map((SubnetId, i) => ({
          NetworkAclAssociationId: `aclassoc-0${i}`,
          NetworkAclId: 'acl-0a00000000000001',
          SubnetId,
        })),
      },
    ],
    RouteTables: [
      {
        RouteTableId: 'rtb-0a00000000000001',
        VpcId: vpc,
        Routes: [
          {
            DestinationCidrBlock: '10.0.0.0/16',
            GatewayId: 'local',
            State: 'active',
            Origin: 'CreateRouteTable',
          },
          {
            DestinationCidrBlock: '0.0.0.0/0',
            GatewayId: 'igw-0a00000000000001',
            State: 'active',
            Origin: 'CreateRoute',
          },
        ],
        Associations: [
          { Main: true, RouteTableId: 'rtb-0a00000000000001', RouteTableAssociationId: 'rtbassoc-main' },
          ...pub.map((SubnetId, i) => ({
            Main: false,
            SubnetId,
            RouteTableId: 'rtb-0a00000000000001',
            RouteTableAssociationId: `rtbassoc-p${i}`,
          })),
        ],
      },
      {
        RouteTableId: 'rtb-0a00000000000002',
        VpcId: vpc,
        Routes: [
          {
            DestinationCidrBlock: '10.0.0.0/16',
            GatewayId: 'local',
            State: 'active',
            Origin: 'CreateRouteTable',
          },
          {
            DestinationCidrBlock: '0.0.0.0/0',
            NatGatewayId: 'nat-0a00000000000001',
            State: 'active',
            Origin: 'CreateRoute',
          },
          {
            DestinationPrefixListId: S3_PREFIX_LIST,
            GatewayId: 'vpce-0a00000000000001',
            State: 'active',
            Origin: 'CreateRoute',
          },
        ],
        Associations: priv.map((SubnetId, i) => ({
          Main: false,
          SubnetId,
          RouteTableId: 'rtb-0a00000000000002',
          RouteTableAssociationId: `rtbassoc-q${i}`,
        })),
      },
      ...Array.from({ length: extraTables }, (_, i) => ({
        RouteTableId: `rtb-1${String(i).padStart(15, '0')}`,
        VpcId: vpc,
        Routes: [
          {
            DestinationCidrBlock: '10.0.0.0/16',
            GatewayId: 'local',
            State: 'active',
            Origin: 'CreateRouteTable',
          },
        ],
        Associations: [],
      })),
    ],
    InternetGateways: [
      {
        InternetGatewayId: 'igw-0a00000000000001',
        OwnerId: account,
        Attachments: [{ VpcId: vpc, State: 'available' }],
      },
    ],
    NatGateways: [
      {
        NatGatewayId: 'nat-0a00000000000001',
        SubnetId: pub[0],
        VpcId: vpc,
        State: 'available',
        ConnectivityType: 'public',
        NatGatewayAddresses: [
          { PublicIp: '203.0.113.10', PrivateIp: '10.0.0.50', NetworkInterfaceId: 'eni-0nat' },
        ],
        CreateTime: '2026-11-24T09:00:00.000Z',
      },
    ],
    VpcEndpoints: [
      {
        VpcEndpointId: 'vpce-0a00000000000001',
        VpcEndpointType: 'Gateway',
        VpcId: vpc,
        ServiceName: `com.amazonaws.${region}.s3`,
        State: 'available',
        RouteTableIds: ['rtb-0a00000000000002'],
        SubnetIds: [],
        Groups: [],
        PrivateDnsEnabled: false,
        NetworkInterfaceIds: [],
      },
    ],
    PrefixLists: [
      {
        PrefixListId: S3_PREFIX_LIST,
        PrefixListName: `com.amazonaws.${region}.s3`,
        AddressFamily: 'IPv4',
        State: 'create-complete',
        OwnerId: 'AWS',
      },
    ],
    ManagedPrefixListEntries: [
      { PrefixListId: S3_PREFIX_LIST, Entries: [{ Cidr: '52.218.0.0/17' }, { Cidr: '3.5.64.0/21' }] },
    ],
  };
}
