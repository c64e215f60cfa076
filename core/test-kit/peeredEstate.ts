// The demo estate (account A) plus a peered VPC in account B holding an ip target of the web ALB, as the AWS
// CLI prints it: the target registered with AvailabilityZone "all" (outside the ALB's VPC), routes to
// pcx-… on both sides, the target's SG admitting the ALB's SG by account/group reference (same region).
import type { EstateDocuments } from '@porthole/estate/demo/index.js';
import { addRule, addTargetGroup, forward } from './albTestKit.ts';
import { find, healthy, ids, routeTable, type Json } from './ruleTestKit.ts';

export const PEER = {
  account: '444455556666',
  vpcId: 'vpc-0c1d2e3f4a5b6c7d8',
  vpcCidr: '10.20.0.0/16',
  subnetId: 'subnet-0a9b8c7d6e5f40312',
  subnetCidr: '10.20.1.0/24',
  tableId: 'rtb-0e4d3c2b1a0f9e8d7',
  aclId: 'acl-0f1e2d3c4b5a69788',
  sgId: 'sg-0a1b2c3d4e5f60789',
  eniId: 'eni-0b1c2d3e4f5a60718',
  ip: '10.20.1.10',
  pcx: 'pcx-0a1b2c3d4e5f60718',
  port: 8080,
};

export interface PeeredOptions {
  /** Account B's region (default: the demo's, eu-west-1; another one makes the peering inter-region). */
  region?: string;
  /** Leave out the ALB side's route to the peer VPC. */
  noAlbRoute?: boolean;
}

const allowAll = (egress: boolean): Json[] => [
  { CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
  { CidrBlock: '0.0.0.0/0', Egress: egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 },
];

/** Account B's EC2 network documents (describe-vpcs, -subnets, -route-tables, -network-acls, -security-groups, -network-interfaces). */
export function peerAccountDocs(region: string): EstateDocuments {
  const dir = `aws_configs/accounts/${PEER.account}/${region}`;
  const az = `${region}a`;
  const doc = (name: string, json: Json) => ({ file: `${dir}/ec2-describe-${name}.json`, json });
  return [
    doc('vpcs', {
      Vpcs: [{ VpcId: PEER.vpcId, CidrBlock: PEER.vpcCidr, OwnerId: PEER.account, State: 'available' }],
    }),
    doc('subnets', {
      Subnets: [
        { SubnetId: PEER.subnetId, VpcId: PEER.vpcId, CidrBlock: PEER.subnetCidr, AvailabilityZone: az },
      ],
    }),
    doc('route-tables', {
      RouteTables: [
        {
          RouteTableId: PEER.tableId,
          VpcId: PEER.vpcId,
          OwnerId: PEER.account,
          Associations: [
            { Main: true, RouteTableId: PEER.tableId, AssociationState: { State: 'associated' } },
          ],
          Routes: [
            {
              DestinationCidrBlock: PEER.vpcCidr,
              GatewayId: 'local',
              Origin: 'CreateRouteTable',
              State: 'active',
            },
            {
              DestinationCidrBlock: ids.vpcCidr,
              VpcPeeringConnectionId: PEER.pcx,
              Origin: 'CreateRoute',
              State: 'active',
            },
          ],
        },
      ],
    }),
    doc('network-acls', {
      NetworkAcls: [
        {
          NetworkAclId: PEER.aclId,
          VpcId: PEER.vpcId,
          IsDefault: true,
          Associations: [{ NetworkAclId: PEER.aclId, SubnetId: PEER.subnetId }],
          Entries: [...allowAll(true), ...allowAll(false)],
        },
      ],
    }),
    doc('security-groups', {
      SecurityGroups: [
        {
          GroupId: PEER.sgId,
          GroupName: 'peer-api',
          VpcId: PEER.vpcId,
          OwnerId: PEER.account,
          Description: 'peer api: from the web ALB in 111122223333',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: PEER.port,
              ToPort: PEER.port,
              UserIdGroupPairs: [{ GroupId: ids.sgs.alb, UserId: ids.account }],
              IpRanges: [],
              Ipv6Ranges: [],
              PrefixListIds: [],
            },
          ],
          IpPermissionsEgress: [
            {
              IpProtocol: '-1',
              IpRanges: [{ CidrIp: '0.0.0.0/0' }],
              UserIdGroupPairs: [],
              Ipv6Ranges: [],
              PrefixListIds: [],
            },
          ],
        },
      ],
    }),
    doc('network-interfaces', {
      NetworkInterfaces: [
        {
          NetworkInterfaceId: PEER.eniId,
          SubnetId: PEER.subnetId,
          VpcId: PEER.vpcId,
          AvailabilityZone: az,
          OwnerId: PEER.account,
          PrivateIpAddress: PEER.ip,
          PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: PEER.ip }],
          Groups: [{ GroupId: PEER.sgId, GroupName: 'peer-api' }],
          InterfaceType: 'interface',
          Status: 'in-use',
          SourceDestCheck: true,
          Description: 'peer api host',
        },
      ],
    }),
  ];
}

/** Account A's demo estate with the peered target group on the web ALB (its ENI is in account B only). */
export function peeredAlbDocs(opts: PeeredOptions = {}): { docs: EstateDocuments; targetGroupArn: string } {
  const docs = healthy();
  const arn = addTargetGroup(docs, 'peer-tg');
  const tg = find(docs, 'TargetGroups', (t) => t.TargetGroupArn === arn);
  Object.assign(tg, { TargetType: 'ip', Port: PEER.port, HealthCheckPort: 'traffic-port' });
  find(docs, 'LoadBalancerTargetHealth', (h) => h.TargetGroupArn === arn).TargetHealthDescriptions = [
    {
      Target: { Id: PEER.ip, Port: PEER.port, AvailabilityZone: 'all' },
      HealthCheckPort: String(PEER.port),
      TargetHealth: { State: 'healthy' },
    },
  ];
  addRule(docs, 40, [{ Field: 'path-pattern', Values: ['/peer/*'] }], [forward(arn)]);
  if (!opts.noAlbRoute)
    routeTable(docs, ids.routeTables.public).Routes.push({
      DestinationCidrBlock: PEER.vpcCidr,
      VpcPeeringConnectionId: PEER.pcx,
      Origin: 'CreateRoute',
      State: 'active',
    });
  return { docs, targetGroupArn: arn };
}

/** Both accounts in one snapshot: what one daemon polling both sees. */
export function peeredEstate(opts: PeeredOptions = {}): { docs: EstateDocuments; targetGroupArn: string } {
  const { docs, targetGroupArn } = peeredAlbDocs(opts);
  return { docs: [...docs, ...peerAccountDocs(opts.region ?? ids.region)], targetGroupArn };
}
