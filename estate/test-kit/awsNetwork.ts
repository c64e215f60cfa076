// The VPC of the test estate: public and private subnets, ALB and instance security groups,
// one NACL, routes to an IGW, a NAT gateway and an S3 gateway endpoint (via a prefix list).

import * as ec2 from '../src/shapes/network.ts';
import * as routing from '../src/shapes/routing.ts';
import { KIND_SCHEMAS, type SnapshotData, type SnapshotKind } from '@porthole/shared';
import { openNaclEntries, sgPermission, type Json } from '../src/demo/shapes.ts';

/** S3's AWS-managed prefix list, referenced by the instances' egress rule. */
export const S3_PREFIX_LIST = 'pl-6da54004';

/** The builders print untyped AWS CLI JSON: the snapshot schemas of @porthole/shared check and type it. */
function parseKinds(data: Record<string, unknown[]>): SnapshotData {
  const out: Record<string, unknown[]> = {};
  for (const [kind, items] of Object.entries(data)) {
    out[kind] = items.map((item) => KIND_SCHEMAS[kind as SnapshotKind].parse(item));
  }
  return out as SnapshotData;
}

export function network(
  account: string,
  region: string,
  vpc: string,
  pub: string[],
  priv: string[],
  extraTables: number,
): SnapshotData {
  const at = { account, region, vpcId: vpc };
  const cidr = '10.0.0.0/16';
  const subnetIds = [...pub, ...priv];
  const subnets = subnetIds.map((id, i) => ({
    id,
    key: id,
    name: `${i < 2 ? 'public' : 'private'}-${i % 2 === 0 ? 'a' : 'b'}`,
    cidr: i < 2 ? `10.0.${i}.0/24` : `10.0.${8 + i}.0/24`,
    az: `${region}${i % 2 === 0 ? 'a' : 'b'}`,
    azId: `euw1-az${(i % 2) + 1}`,
    public: i < 2,
    availableIps: 250,
  }));
  const allOut = sgPermission(account, '-1', null, { cidr: '0.0.0.0/0' });
  const local = routing.localRoute(cidr);
  const table = (id: string, name: string, on: typeof subnets, routes: Json[], main = false) =>
    routing.routeTableShape(at, { id, name, subnets: on, main, routes: [local, ...routes] });
  const toS3 = { DestinationPrefixListId: S3_PREFIX_LIST, GatewayId: 'vpce-0a00000000000001' };
  return parseKinds({
    Vpcs: [ec2.vpcShape(at, { cidr, name: 'test-vpc', dhcpOptionsId: 'dopt-0a00000000000001' })],
    Subnets: subnets.map((s) => ec2.subnetShape(at, s)),
    SecurityGroups: [
      ec2.securityGroupShape(at, {
        id: 'sg-0a00000000000alb',
        name: 'web-alb',
        description: 'web ALB',
        ingress: [sgPermission(account, 'tcp', [80, 80], { cidr: '0.0.0.0/0' })],
        egress: [allOut],
      }),
      ec2.securityGroupShape(at, {
        id: 'sg-0a0000000000inst',
        name: 'ecs-instances',
        description: 'ECS container instances',
        // Only port 80 from the ALB: the dynamic host ports (32768+) are blocked.
        ingress: [sgPermission(account, 'tcp', [80, 80], { group: 'sg-0a00000000000alb' })],
        egress: [allOut, sgPermission(account, 'tcp', [443, 443], { prefixList: S3_PREFIX_LIST })],
      }),
    ],
    NetworkAcls: [
      routing.networkAclShape(at, {
        id: 'acl-0a00000000000001',
        isDefault: true,
        name: null,
        subnets,
        entries: openNaclEntries(),
      }),
    ],
    RouteTables: [
      // The main table, also associated with the public subnets by hand.
      table(
        'rtb-0a00000000000001',
        'public',
        subnets.slice(0, 2),
        [routing.createdRoute('0.0.0.0/0', { gatewayId: 'igw-0a00000000000001' })],
        true,
      ),
      table('rtb-0a00000000000002', 'private', subnets.slice(2), [
        routing.createdRoute('0.0.0.0/0', { natGatewayId: 'nat-0a00000000000001' }),
        { ...toS3, Origin: 'CreateRoute', State: 'active' },
      ]),
      ...Array.from({ length: extraTables }, (_, i) =>
        table(`rtb-1${String(i).padStart(15, '0')}`, `extra-${i}`, [], []),
      ),
    ],
    InternetGateways: [ec2.internetGatewayShape(at, { id: 'igw-0a00000000000001', name: 'test-igw' })],
    NatGateways: [
      ec2.natGatewayShape(at, {
        id: 'nat-0a00000000000001',
        name: 'test-nat',
        subnetId: pub[0]!,
        eniId: 'eni-0nat',
        allocationId: 'eipalloc-0a00000000000001',
        privateIp: '10.0.0.50',
        publicIp: '203.0.113.10',
        createdAt: '2026-11-24T09:00:00.000Z',
      }),
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
  });
}
