// `aws ec2 describe-instances`: the two ECS container instances (private subnets, no public IP), the bastion
// (public subnet, public IP) and, for one scenario, a NAT instance. Each embeds its primary ENI, which is
// also listed by describe-network-interfaces (instanceInterface).
import { ec2Id, hexOf } from './hash.ts';
import type { DemoIds, InstanceIds, SgKey } from './ids.ts';
import { groupRefs, networkInterface, privateDnsName, publicDnsName } from './interfaces.ts';
import { tags, type Json } from './shapes.ts';
import { TIMES } from './time.ts';

export type InstanceRole = 'ecsA' | 'ecsB' | 'bastion' | 'nat';

interface RoleSpec {
  imageId: string;
  type: string;
  sgs: SgKey[];
  launch: string;
  profile: string | null;
  extraTags: Record<string, string>;
  keyName: string | null;
}

function roleSpec(ids: DemoIds, role: InstanceRole): RoleSpec {
  if (role === 'ecsA' || role === 'ecsB') {
    return {
      imageId: 'ami-0c1f575380708aa63', // ECS-optimized Amazon Linux 2023
      type: 'm6i.large',
      sgs: ['ecsInstances'],
      launch: TIMES.instanceLaunch,
      profile: 'ecsInstanceRole',
      extraTags: { 'aws:autoscaling:groupName': 'ecs-prod-asg', AmazonECSManaged: '' },
      keyName: null,
    };
  }
  if (role === 'bastion') {
    return {
      imageId: 'ami-0a8dc52684ee2fee2',
      type: 't3.micro',
      sgs: ['bastion'],
      launch: TIMES.bastionLaunch,
      profile: null,
      extraTags: {},
      keyName: `ops-${ids.region}`,
    };
  }
  return {
    imageId: 'ami-0a8dc52684ee2fee2',
    type: 't3.small',
    sgs: ['natInstance'],
    launch: TIMES.bastionLaunch,
    profile: null,
    extraTags: {},
    keyName: `ops-${ids.region}`,
  };
}

function instanceAttachment(ids: DemoIds, inst: InstanceIds, launch: string): Json {
  return {
    AttachTime: launch,
    AttachmentId: ec2Id('eni-attach', `${inst.eniId}/attach`),
    DeleteOnTermination: true,
    DeviceIndex: 0,
    InstanceId: inst.id,
    InstanceOwnerId: ids.account,
    Status: 'attached',
    NetworkCardIndex: 0,
  };
}

/** The instance's primary ENI as describe-network-interfaces prints it. */
export function instanceInterface(ids: DemoIds, role: InstanceRole, sourceDestCheck = true): Json {
  const inst = ids.instances[role];
  const spec = roleSpec(ids, role);
  return networkInterface(ids, {
    eniId: inst.eniId,
    subnet: inst.subnet,
    privateIp: inst.privateIp,
    publicIp: inst.publicIp,
    description: '',
    groups: spec.sgs,
    interfaceType: 'interface',
    sourceDestCheck,
    attachment: instanceAttachment(ids, inst, spec.launch),
  });
}

export function instance(ids: DemoIds, role: InstanceRole, sourceDestCheck = true): Json {
  const inst = ids.instances[role];
  const spec = roleSpec(ids, role);
  const eni = instanceInterface(ids, role, sourceDestCheck);
  // describe-instances embeds the ENI without AvailabilityZone, RequesterManaged and TagSet.
  const { AvailabilityZone: _az, RequesterManaged: _rm, TagSet: _tags, ...embedded } = eni;
  return {
    AmiLaunchIndex: 0,
    ImageId: spec.imageId,
    InstanceId: inst.id,
    InstanceType: spec.type,
    ...(spec.keyName ? { KeyName: spec.keyName } : {}),
    LaunchTime: spec.launch,
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: ids.subnets[inst.subnet].az, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: privateDnsName(ids, inst.privateIp),
    PrivateIpAddress: inst.privateIp,
    ProductCodes: [],
    PublicDnsName: inst.publicIp ? publicDnsName(ids, inst.publicIp) : '',
    ...(inst.publicIp ? { PublicIpAddress: inst.publicIp } : {}),
    State: { Code: 16, Name: 'running' },
    StateTransitionReason: '',
    SubnetId: ids.subnets[inst.subnet].id,
    VpcId: ids.vpcId,
    Architecture: 'x86_64',
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          AttachTime: spec.launch,
          DeleteOnTermination: true,
          Status: 'attached',
          VolumeId: ec2Id('vol', `${inst.id}/root`),
        },
      },
    ],
    ClientToken: hexOf(`${inst.id}/token`, 32),
    EbsOptimized: spec.type.startsWith('m6i'),
    EnaSupport: true,
    Hypervisor: 'xen',
    ...(spec.profile
      ? {
          IamInstanceProfile: {
            Arn: `arn:aws:iam::${ids.account}:instance-profile/${spec.profile}`,
            Id: `AIPA${hexOf(`${ids.account}/${spec.profile}`, 17).toUpperCase()}`,
          },
        }
      : {}),
    NetworkInterfaces: [embedded],
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: groupRefs(ids, spec.sgs).map((g) => ({ GroupName: g.GroupName, GroupId: g.GroupId })),
    SourceDestCheck: sourceDestCheck,
    Tags: tags(inst.name, spec.extraTags),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    HibernationOptions: { Configured: false },
    MetadataOptions: {
      State: 'applied',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 2,
      HttpEndpoint: 'enabled',
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: 'disabled',
    },
    EnclaveOptions: { Enabled: false },
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: spec.launch,
    PrivateDnsNameOptions: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
    MaintenanceOptions: { AutoRecovery: 'default' },
    CurrentInstanceBootMode: 'legacy-bios',
  };
}

/** One reservation per launch, as describe-instances groups them. */
export function reservation(ids: DemoIds, role: InstanceRole, sourceDestCheck = true): Json {
  return {
    Groups: [],
    Instances: [instance(ids, role, sourceDestCheck)],
    OwnerId: ids.account,
    ReservationId: ids.instances[role].reservationId,
  };
}
