// `aws ec2 describe-network-interfaces` and `describe-instances` for a unit: container instances, ALB nodes
// (only in the subnets the ALB is enabled in), NAT gateways and the ENIs of running awsvpc tasks.
import { hexOf } from '@porthole/estate/demo/hash.js';
import type { Json } from '@porthole/estate/demo/shapes.js';
import {
  ECS_ENI_REQUESTER_ID,
  eniShape,
  instanceAttachment,
  instanceShape,
  managedAttachment,
  NAT_ENI_REQUESTER_ID,
  reservationShape,
  type EniInput,
} from '@porthole/estate/shapes/instances.js';
import type { VpcScope } from '@porthole/estate/shapes/network.js';
import { TIMES } from '@porthole/estate/demo/time.js';
import type { InstancePlan, UnitPlan } from './plan.ts';
import type { SubnetKey, UnitIds } from './unitIds.ts';

interface EniSpec extends Omit<EniInput, 'subnetId' | 'az' | 'groups'> {
  subnet: SubnetKey;
  groups: string[];
}

const scope = ({ ids }: UnitPlan): VpcScope => ({
  account: ids.account,
  region: ids.region,
  vpcId: ids.vpcId,
});

function eni(plan: UnitPlan, spec: EniSpec): Json {
  const { subnet, groups, ...rest } = spec;
  const names = new Map(plan.sgs.map((g) => [g.id, g.name]));
  const { id: subnetId, az } = plan.ids.subnets[subnet];
  const refs = groups.map((id) => ({ GroupId: id, GroupName: names.get(id) ?? id }));
  return eniShape(scope(plan), { ...rest, subnetId, az, groups: refs });
}

function instanceEni(plan: UnitPlan, inst: InstancePlan): Json {
  return eni(plan, {
    eniId: inst.eniId,
    subnet: inst.subnet,
    privateIp: inst.ip,
    publicIp: null,
    description: '',
    groups: [plan.ids.sgs.instances],
    attachment: instanceAttachment(plan.ids.account, inst, TIMES.instanceLaunch),
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
          attachment: managedAttachment(e.eniId, 'amazon-elb', TIMES.lbCreated),
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
      attachment: managedAttachment(nat.eniId, 'amazon-aws', TIMES.natCreated),
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
              attachment: managedAttachment(t.awsvpc.eniId, ECS_ENI_REQUESTER_ID, TIMES.taskCreated),
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
    const { id: subnetId, az } = ids.subnets[inst.subnet];
    const instance = instanceShape(scope(plan), {
      id: inst.id,
      name: `${ids.cluster.name}-ecs-${inst.index}`,
      subnetId,
      az,
      privateIp: inst.ip,
      publicIp: null,
      imageId: 'ami-0c1f575380708aa63',
      type: 'm6i.xlarge',
      launch: TIMES.instanceLaunch,
      keyName: null,
      profile: { name: 'ecsInstanceRole', id: `AIPA${hexOf(`${ids.key}/profile`, 17).toUpperCase()}` },
      securityGroups: [{ GroupName: `${ids.cluster.name}-instances-sg`, GroupId: ids.sgs.instances }],
      sourceDestCheck: true,
      extraTags: { 'aws:autoscaling:groupName': `${ids.cluster.name}-asg`, AmazonECSManaged: '' },
      eni: instanceEni(plan, inst),
    });
    return reservationShape(ids.account, inst.reservationId, [instance]);
  });
}
