// `aws ec2 describe-network-interfaces` and `describe-instances` for a unit: container instances, ALB nodes
// (only in the subnets the ALB is enabled in), NAT gateways and the ENIs of running awsvpc tasks.
import { ec2Id, hexOf, macOf } from '@porthole/estate/demo/hash.js';
import { tags, type Json } from '@porthole/estate/demo/shapes.js';
import { TIMES } from '@porthole/estate/demo/time.js';
import type { InstancePlan, UnitPlan } from './plan.ts';
import type { SubnetKey, UnitIds } from './unitIds.ts';

const ECS_ENI_REQUESTER_ID = '578734482556';
const NAT_ENI_REQUESTER_ID = '036872051663';

const dnsName = (ids: UnitIds, ip: string) =>
  `ip-${ip.replaceAll('.', '-')}.${ids.region === 'us-east-1' ? 'ec2.internal' : `${ids.region}.compute.internal`}`;

interface EniSpec {
  eniId: string;
  subnet: SubnetKey;
  privateIp: string;
  publicIp: string | null;
  description: string;
  groups: string[];
  interfaceType?: string;
  requesterId?: string;
  sourceDestCheck?: boolean;
  attachment: Json;
}

function eni(plan: UnitPlan, spec: EniSpec): Json {
  const { ids } = plan;
  const association = spec.publicIp ? { Association: { IpOwnerId: 'amazon', PublicIp: spec.publicIp } } : {};
  const names = new Map(plan.sgs.map((g) => [g.id, g.name]));
  return {
    ...association,
    Attachment: spec.attachment,
    AvailabilityZone: ids.subnets[spec.subnet].az,
    Description: spec.description,
    Groups: spec.groups.map((id) => ({ GroupId: id, GroupName: names.get(id) ?? id })),
    InterfaceType: spec.interfaceType ?? 'interface',
    Ipv6Addresses: [],
    MacAddress: macOf(`${spec.eniId}/mac`),
    NetworkInterfaceId: spec.eniId,
    OwnerId: ids.account,
    PrivateDnsName: dnsName(ids, spec.privateIp),
    PrivateIpAddress: spec.privateIp,
    PrivateIpAddresses: [
      {
        ...association,
        Primary: true,
        PrivateDnsName: dnsName(ids, spec.privateIp),
        PrivateIpAddress: spec.privateIp,
      },
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

const managed = (eniId: string, owner: string, at: string): Json => ({
  AttachTime: at,
  AttachmentId: ec2Id('ela-attach', `${eniId}/attach`),
  DeleteOnTermination: false,
  DeviceIndex: 1,
  InstanceOwnerId: owner,
  Status: 'attached',
});

function instanceEni(plan: UnitPlan, inst: InstancePlan): Json {
  return eni(plan, {
    eniId: inst.eniId,
    subnet: inst.subnet,
    privateIp: inst.ip,
    publicIp: null,
    description: '',
    groups: [plan.ids.sgs.instances],
    attachment: {
      AttachTime: TIMES.instanceLaunch,
      AttachmentId: ec2Id('eni-attach', `${inst.eniId}/attach`),
      DeleteOnTermination: true,
      DeviceIndex: 0,
      InstanceId: inst.id,
      InstanceOwnerId: plan.ids.account,
      Status: 'attached',
    },
  });
}

export function networkInterfaces(plan: UnitPlan): Json[] {
  const { ids } = plan;
  const lbEnis = Object.values(ids.lbs).flatMap((lb) =>
    lb.enis
      .filter((e) => plan.lbSubnets[lb.key].includes(e.subnet))
      .map((e) =>
        eni(plan, {
          eniId: e.eniId,
          subnet: e.subnet,
          privateIp: e.privateIp,
          publicIp: e.publicIp,
          description: `ELB ${lb.resourceId}`,
          groups: [lb.sg],
          requesterId: 'amazon-elb',
          attachment: managed(e.eniId, 'amazon-elb', TIMES.lbCreated),
        }),
      ),
  );
  const natEnis = ids.nats.map((nat) =>
    eni(plan, {
      eniId: nat.eniId,
      subnet: nat.subnet,
      privateIp: nat.privateIp,
      publicIp: nat.publicIp,
      description: `Interface for NAT Gateway ${nat.id}`,
      groups: [],
      interfaceType: 'nat_gateway',
      requesterId: NAT_ENI_REQUESTER_ID,
      sourceDestCheck: false,
      attachment: managed(nat.eniId, 'amazon-aws', TIMES.natCreated),
    }),
  );
  const taskEnis = plan.services.flatMap((svc) =>
    svc.tasks.flatMap((t) =>
      t.awsvpc && !t.stopped
        ? [
            eni(plan, {
              eniId: t.awsvpc.eniId,
              subnet: t.subnet,
              privateIp: t.awsvpc.ip,
              publicIp: null,
              description: `arn:aws:ecs:${ids.region}:${ids.account}:attachment/${t.awsvpc.attachmentId}`,
              groups: [svc.taskSg!, ...(svc.tg ? [ids.sgs.shared] : [])],
              requesterId: ECS_ENI_REQUESTER_ID,
              attachment: managed(t.awsvpc.eniId, ECS_ENI_REQUESTER_ID, TIMES.taskCreated),
            }),
          ]
        : [],
    ),
  );
  return [...plan.instances.map((i) => instanceEni(plan, i)), ...lbEnis, ...natEnis, ...taskEnis];
}

export function reservations(plan: UnitPlan): Json[] {
  const { ids } = plan;
  return plan.instances.map((inst) => {
    const {
      AvailabilityZone: _az,
      RequesterManaged: _rm,
      TagSet: _tags,
      ...embedded
    } = instanceEni(plan, inst);
    return {
      Groups: [],
      Instances: [
        {
          AmiLaunchIndex: 0,
          ImageId: 'ami-0c1f575380708aa63',
          InstanceId: inst.id,
          InstanceType: 'm6i.xlarge',
          LaunchTime: TIMES.instanceLaunch,
          Monitoring: { State: 'disabled' },
          Placement: { AvailabilityZone: ids.subnets[inst.subnet].az, GroupName: '', Tenancy: 'default' },
          PrivateDnsName: dnsName(ids, inst.ip),
          PrivateIpAddress: inst.ip,
          ProductCodes: [],
          PublicDnsName: '',
          State: { Code: 16, Name: 'running' },
          SubnetId: ids.subnets[inst.subnet].id,
          VpcId: ids.vpcId,
          Architecture: 'x86_64',
          ClientToken: hexOf(`${inst.id}/token`, 32),
          EbsOptimized: true,
          IamInstanceProfile: {
            Arn: `arn:aws:iam::${ids.account}:instance-profile/ecsInstanceRole`,
            Id: `AIPA${hexOf(`${ids.key}/profile`, 17).toUpperCase()}`,
          },
          NetworkInterfaces: [embedded],
          RootDeviceName: '/dev/xvda',
          RootDeviceType: 'ebs',
          SecurityGroups: [{ GroupName: `${ids.cluster.name}-instances-sg`, GroupId: ids.sgs.instances }],
          SourceDestCheck: true,
          Tags: tags(`${ids.cluster.name}-ecs-${inst.index}`, {
            'aws:autoscaling:groupName': `${ids.cluster.name}-asg`,
            AmazonECSManaged: '',
          }),
          VirtualizationType: 'hvm',
        },
      ],
      OwnerId: ids.account,
      ReservationId: inst.reservationId,
    };
  });
}
