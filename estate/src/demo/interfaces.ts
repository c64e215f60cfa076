// `aws ec2 describe-network-interfaces`: instance ENIs, ALB node ENIs ("ELB app/<name>/<id>", requester
// amazon-elb), the NAT gateway's ENI and Fargate task ENIs (description = the ECS attachment ARN).
import { ec2Id, macOf } from './hash.ts';
import type { DemoIds, SgKey, SubnetKey } from './ids.ts';
import { SERVICE_PLANS, taskPlans } from './plan.ts';
import { SG_NAMES } from './securityGroups.ts';
import type { Json } from './shapes.ts';
import { TIMES } from './time.ts';

/** AWS-owned account that creates and attaches Fargate task ENIs (the task runs on AWS's hosts). */
export const ECS_ENI_REQUESTER_ID = '578734482556';
/** AWS-owned account behind NAT gateway ENIs. */
export const NAT_ENI_REQUESTER_ID = '036872051663';

export function privateDnsName(ids: DemoIds, ip: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return ids.region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${ids.region}.compute.internal`;
}

export function publicDnsName(ids: DemoIds, ip: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return ids.region === 'us-east-1'
    ? `${host}.compute-1.amazonaws.com`
    : `${host}.${ids.region}.compute.amazonaws.com`;
}

export interface EniSpec {
  eniId: string;
  subnet: SubnetKey;
  privateIp: string;
  publicIp: string | null;
  /** Who owns the public address: "amazon" for auto-assigned, the account for an Elastic IP. */
  ipOwnerId?: string;
  description: string;
  groups: SgKey[];
  interfaceType: string;
  requesterId?: string;
  sourceDestCheck?: boolean;
  attachment: Json | null;
}

export function groupRefs(ids: DemoIds, groups: SgKey[]): Json[] {
  return groups.map((key) => ({ GroupId: ids.sgs[key], GroupName: SG_NAMES[key] }));
}

export function networkInterface(ids: DemoIds, spec: EniSpec): Json {
  const association = spec.publicIp
    ? {
        Association: {
          IpOwnerId: spec.ipOwnerId ?? 'amazon',
          PublicDnsName: publicDnsName(ids, spec.publicIp),
          PublicIp: spec.publicIp,
        },
      }
    : {};
  const dns = privateDnsName(ids, spec.privateIp);
  return {
    ...association,
    ...(spec.attachment ? { Attachment: spec.attachment } : {}),
    AvailabilityZone: ids.subnets[spec.subnet].az,
    Description: spec.description,
    Groups: groupRefs(ids, spec.groups),
    InterfaceType: spec.interfaceType,
    Ipv6Addresses: [],
    MacAddress: macOf(`${spec.eniId}/mac`),
    NetworkInterfaceId: spec.eniId,
    OwnerId: ids.account,
    PrivateDnsName: dns,
    PrivateIpAddress: spec.privateIp,
    PrivateIpAddresses: [
      { ...association, Primary: true, PrivateDnsName: dns, PrivateIpAddress: spec.privateIp },
    ],
    ...(spec.requesterId ? { RequesterId: spec.requesterId } : {}),
    RequesterManaged: spec.requesterId !== undefined,
    SourceDestCheck: spec.sourceDestCheck ?? true,
    Status: 'in-use',
    SubnetId: ids.subnets[spec.subnet].id,
    TagSet: [],
    VpcId: ids.vpcId,
  };
}

/** A managed ENI's attachment (ALB node, NAT gateway, Fargate task): no instance of the account. */
function managedAttachment(eniId: string, ownerId: string, attachTime: string): Json {
  return {
    AttachTime: attachTime,
    AttachmentId: ec2Id('ela-attach', `${eniId}/attach`),
    DeleteOnTermination: false,
    DeviceIndex: 1,
    InstanceOwnerId: ownerId,
    Status: 'attached',
  };
}

export function loadBalancerInterfaces(ids: DemoIds): Json[] {
  return Object.values(ids.loadBalancers).flatMap((lb) =>
    lb.enis.map((eni) =>
      networkInterface(ids, {
        eniId: eni.eniId,
        subnet: eni.subnet,
        privateIp: eni.privateIp,
        publicIp: eni.publicIp,
        description: `ELB ${lb.resourceId}`,
        groups: [lb.sg],
        interfaceType: 'interface',
        requesterId: 'amazon-elb',
        attachment: managedAttachment(eni.eniId, 'amazon-elb', TIMES.lbCreated),
      }),
    ),
  );
}

export function natGatewayInterface(ids: DemoIds): Json {
  const nat = ids.natGateway;
  return networkInterface(ids, {
    eniId: nat.eniId,
    subnet: 'publicA',
    privateIp: nat.privateIp,
    publicIp: nat.publicIp,
    ipOwnerId: ids.account,
    description: `Interface for NAT Gateway ${nat.id}`,
    groups: [],
    interfaceType: 'nat_gateway',
    requesterId: NAT_ENI_REQUESTER_ID,
    sourceDestCheck: false,
    attachment: managedAttachment(nat.eniId, 'amazon-aws', TIMES.natCreated),
  });
}

export function taskInterfaces(ids: DemoIds): Json[] {
  return taskPlans(ids).flatMap((task) => {
    if (!task.awsvpc) return [];
    const plan = SERVICE_PLANS.find((p) => p.name === task.service);
    return [
      networkInterface(ids, {
        eniId: task.awsvpc.eniId,
        subnet: task.awsvpc.subnet,
        privateIp: task.awsvpc.privateIp,
        publicIp: null,
        description: `arn:aws:ecs:${ids.region}:${ids.account}:attachment/${task.awsvpc.attachmentId}`,
        groups: plan?.taskSg ? [plan.taskSg] : [],
        interfaceType: 'interface',
        requesterId: ECS_ENI_REQUESTER_ID,
        attachment: { ...managedAttachment(task.awsvpc.eniId, ECS_ENI_REQUESTER_ID, TIMES.taskCreated) },
      }),
    ];
  });
}
