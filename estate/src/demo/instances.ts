// `aws ec2 describe-instances`: the two ECS container instances (private subnets, no public IP), the bastion
// (public subnet, public IP) and, for one scenario, a NAT instance. Each embeds its primary ENI, which is
// also listed by describe-network-interfaces (instanceInterface).
import { instanceAttachment } from '../shapes/eni.ts';
import { instanceShape, reservationShape } from '../shapes/instances.ts';
import { hexOf } from './hash.ts';
import type { DemoIds, SgKey } from './ids.ts';
import { groupRefs, networkInterface } from './interfaces.ts';
import type { Json } from './shapes.ts';
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
    attachment: instanceAttachment(ids.account, inst, spec.launch),
  });
}

export function instance(ids: DemoIds, role: InstanceRole, sourceDestCheck = true): Json {
  const inst = ids.instances[role];
  const spec = roleSpec(ids, role);
  const { id: subnetId, az } = ids.subnets[inst.subnet];
  const profile = spec.profile
    ? { name: spec.profile, id: `AIPA${hexOf(`${ids.account}/${spec.profile}`, 17).toUpperCase()}` }
    : null;
  return instanceShape(
    { account: ids.account, region: ids.region, vpcId: ids.vpcId },
    {
      ...spec,
      ...inst,
      subnetId,
      az,
      profile,
      securityGroups: groupRefs(ids, spec.sgs),
      sourceDestCheck,
      eni: instanceInterface(ids, role, sourceDestCheck),
    },
  );
}

/** One reservation per launch, as describe-instances groups them. */
export function reservation(ids: DemoIds, role: InstanceRole, sourceDestCheck = true): Json {
  const instances = [instance(ids, role, sourceDestCheck)];
  return reservationShape(ids.account, ids.instances[role].reservationId, instances);
}
