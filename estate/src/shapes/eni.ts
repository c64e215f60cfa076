// ENIs as `aws ec2 describe-network-interfaces` prints them, from plain ids (NetworkInterface in the EC2 API
// reference). Managed ENIs (ALB nodes, NAT gateways, Fargate tasks) carry the requester that created them.
import { ec2Id, macOf } from '../demo/hash.ts';
import type { Json } from '../demo/shapes.ts';
import type { VpcScope } from './network.ts';

/** AWS-owned account that creates and attaches Fargate task ENIs (the task runs on AWS's hosts). */
export const ECS_ENI_REQUESTER_ID = '578734482556';
/** AWS-owned account behind NAT gateway ENIs. */
export const NAT_ENI_REQUESTER_ID = '036872051663';

export function privateDnsName(region: string, ip: string): string {
  const host = `ip-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${region}.compute.internal`;
}

export function publicDnsName(region: string, ip: string): string {
  const host = `ec2-${ip.replaceAll('.', '-')}`;
  return region === 'us-east-1'
    ? `${host}.compute-1.amazonaws.com`
    : `${host}.${region}.compute.amazonaws.com`;
}

export interface GroupRef {
  GroupId: string;
  GroupName: string;
}

export interface EniInput {
  eniId: string;
  subnetId: string;
  az: string;
  privateIp: string;
  publicIp: string | null;
  /** Who owns the public address: "amazon" for auto-assigned, the account for an Elastic IP. */
  ipOwnerId?: string;
  description: string;
  groups: GroupRef[];
  interfaceType?: string;
  requesterId?: string;
  sourceDestCheck?: boolean;
  attachment: Json | null;
}

export function eniShape(at: VpcScope, spec: EniInput): Json {
  const association = spec.publicIp
    ? {
        Association: {
          IpOwnerId: spec.ipOwnerId ?? 'amazon',
          PublicDnsName: publicDnsName(at.region, spec.publicIp),
          PublicIp: spec.publicIp,
        },
      }
    : {};
  const dns = privateDnsName(at.region, spec.privateIp);
  return {
    ...association,
    ...(spec.attachment ? { Attachment: spec.attachment } : {}),
    AvailabilityZone: spec.az,
    Description: spec.description,
    Groups: spec.groups,
    InterfaceType: spec.interfaceType ?? 'interface',
    Ipv6Addresses: [],
    MacAddress: macOf(`${spec.eniId}/mac`),
    NetworkInterfaceId: spec.eniId,
    OwnerId: at.account,
    PrivateDnsName: dns,
    PrivateIpAddress: spec.privateIp,
    PrivateIpAddresses: [
      { ...association, Primary: true, PrivateDnsName: dns, PrivateIpAddress: spec.privateIp },
    ],
    ...(spec.requesterId ? { RequesterId: spec.requesterId } : {}),
    RequesterManaged: spec.requesterId !== undefined,
    SourceDestCheck: spec.sourceDestCheck ?? true,
    Status: 'in-use',
    SubnetId: spec.subnetId,
    TagSet: [],
    VpcId: at.vpcId,
  };
}

/** A managed ENI's attachment (ALB node, NAT gateway, Fargate task): no instance of the account. */
export function managedAttachment(eniId: string, ownerId: string, attachTime: string): Json {
  return {
    AttachTime: attachTime,
    AttachmentId: ec2Id('ela-attach', `${eniId}/attach`),
    DeleteOnTermination: false,
    DeviceIndex: 1,
    InstanceOwnerId: ownerId,
    Status: 'attached',
  };
}

/** A managed ENI without its placement (subnet, AZ) and security groups, which the caller maps. */
export type ManagedEni = Omit<EniInput, 'subnetId' | 'az' | 'groups'>;

/** One ALB node's ENI: described "ELB app/<name>/<id>", created by amazon-elb. */
export function albNodeEni(e: {
  eniId: string;
  privateIp: string;
  publicIp: string | null;
  lbResourceId: string;
  createdAt: string;
}): ManagedEni {
  return {
    ...e,
    description: `ELB ${e.lbResourceId}`,
    interfaceType: 'interface',
    requesterId: 'amazon-elb',
    attachment: managedAttachment(e.eniId, 'amazon-elb', e.createdAt),
  };
}

/** A NAT gateway's ENI: no source/dest check, its Elastic IP owned by the account. */
export function natGatewayEni(account: string, nat: NatEniInput): ManagedEni {
  return {
    eniId: nat.eniId,
    privateIp: nat.privateIp,
    publicIp: nat.publicIp,
    ipOwnerId: account,
    description: `Interface for NAT Gateway ${nat.id}`,
    interfaceType: 'nat_gateway',
    requesterId: NAT_ENI_REQUESTER_ID,
    sourceDestCheck: false,
    attachment: managedAttachment(nat.eniId, 'amazon-aws', nat.createdAt),
  };
}

interface NatEniInput {
  id: string;
  eniId: string;
  privateIp: string;
  publicIp: string;
  createdAt: string;
}

/** An awsvpc task's ENI: described by its ECS attachment ARN, created by ECS. */
export function taskEni(at: { account: string; region: string }, t: TaskEniInput): ManagedEni {
  return {
    eniId: t.eniId,
    privateIp: t.privateIp,
    publicIp: null,
    description: `arn:aws:ecs:${at.region}:${at.account}:attachment/${t.attachmentId}`,
    interfaceType: 'interface',
    requesterId: ECS_ENI_REQUESTER_ID,
    attachment: managedAttachment(t.eniId, ECS_ENI_REQUESTER_ID, t.createdAt),
  };
}

interface TaskEniInput {
  eniId: string;
  privateIp: string;
  attachmentId: string;
  createdAt: string;
}

/** An instance's primary ENI attachment (device 0, deleted with the instance). */
export function instanceAttachment(
  account: string,
  inst: { id: string; eniId: string },
  launch: string,
): Json {
  return {
    AttachTime: launch,
    AttachmentId: ec2Id('eni-attach', `${inst.eniId}/attach`),
    DeleteOnTermination: true,
    DeviceIndex: 0,
    InstanceId: inst.id,
    InstanceOwnerId: account,
    Status: 'attached',
    NetworkCardIndex: 0,
  };
}
