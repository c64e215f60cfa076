// Instances as `aws ec2 describe-instances` prints them, from plain ids (Instance, Reservation in the EC2 API
// reference). An instance embeds its primary ENI (eni.ts) minus the fields only describe-network-interfaces has.
import { ec2Id, hexOf } from '../demo/hash.ts';
import { tags, type Json } from '../demo/shapes.ts';
import { privateDnsName, publicDnsName, type GroupRef } from './eni.ts';
import type { VpcScope } from './network.ts';

export interface InstanceInput {
  id: string;
  name: string;
  subnetId: string;
  az: string;
  privateIp: string;
  publicIp: string | null;
  imageId: string;
  type: string;
  launch: string;
  keyName: string | null;
  /** The instance profile's name and id (AIPA…), or null for none. */
  profile: { name: string; id: string } | null;
  securityGroups: GroupRef[];
  sourceDestCheck: boolean;
  extraTags: Record<string, string>;
  /** Its primary ENI as describe-network-interfaces prints it (eniShape). */
  eni: Json;
}

export function instanceShape(at: VpcScope, inst: InstanceInput): Json {
  // describe-instances embeds the ENI without AvailabilityZone, RequesterManaged and TagSet.
  const { AvailabilityZone: _az, RequesterManaged: _rm, TagSet: _tags, ...embedded } = inst.eni;
  return {
    AmiLaunchIndex: 0,
    ImageId: inst.imageId,
    InstanceId: inst.id,
    InstanceType: inst.type,
    ...(inst.keyName ? { KeyName: inst.keyName } : {}),
    LaunchTime: inst.launch,
    Monitoring: { State: 'disabled' },
    Placement: { AvailabilityZone: inst.az, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: privateDnsName(at.region, inst.privateIp),
    PrivateIpAddress: inst.privateIp,
    ProductCodes: [],
    PublicDnsName: inst.publicIp ? publicDnsName(at.region, inst.publicIp) : '',
    ...(inst.publicIp ? { PublicIpAddress: inst.publicIp } : {}),
    State: { Code: 16, Name: 'running' },
    StateTransitionReason: '',
    SubnetId: inst.subnetId,
    VpcId: at.vpcId,
    Architecture: 'x86_64',
    BlockDeviceMappings: [
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          AttachTime: inst.launch,
          DeleteOnTermination: true,
          Status: 'attached',
          VolumeId: ec2Id('vol', `${inst.id}/root`),
        },
      },
    ],
    ClientToken: hexOf(`${inst.id}/token`, 32),
    EbsOptimized: inst.type.startsWith('m6i'),
    EnaSupport: true,
    Hypervisor: 'xen',
    ...(inst.profile
      ? {
          IamInstanceProfile: {
            Arn: `arn:aws:iam::${at.account}:instance-profile/${inst.profile.name}`,
            Id: inst.profile.id,
          },
        }
      : {}),
    NetworkInterfaces: [embedded],
    RootDeviceName: '/dev/xvda',
    RootDeviceType: 'ebs',
    SecurityGroups: inst.securityGroups.map((g) => ({ GroupName: g.GroupName, GroupId: g.GroupId })),
    SourceDestCheck: inst.sourceDestCheck,
    Tags: tags(inst.name, inst.extraTags),
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
    UsageOperationUpdateTime: inst.launch,
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
export function reservationShape(account: string, reservationId: string, instances: Json[]): Json {
  return { Groups: [], Instances: instances, OwnerId: account, ReservationId: reservationId };
}
