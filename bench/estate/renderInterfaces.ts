// `aws ec2 describe-network-interfaces` and `describe-instances` for a unit: container instances, ALB nodes
// (only in the subnets the ALB is enabled in), NAT gateways and the ENIs of running awsvpc tasks.
import { hexOf } from '@porthole/estate/demo/hash.js';
import type { Json } from '@porthole/estate/demo/shapes.js';
import * as nic from '@porthole/estate/shapes/eni.js';
import { instanceShape, reservationShape } from '@porthole/estate/shapes/instances.js';
import type { VpcScope } from '@porthole/estate/shapes/network.js';
import { TIMES } from '@porthole/estate/demo/time.js';
import type { InstancePlan, UnitPlan } from './plan.ts';
import type { SubnetKey } from './unitIds.ts';

interface EniSpec extends Omit<nic.EniInput, 'subnetId' | 'az' | 'groups'> {
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
  return nic.eniShape(scope(plan), { ...rest, subnetId, az, groups: refs });
}

function instanceEni(plan: UnitPlan, inst: InstancePlan): Json {
  return eni(plan, {
    eniId: inst.eniId,
    subnet: inst.subnet,
    privateIp: inst.ip,
    publicIp: null,
    description: '',
    groups: [plan.ids.sgs.instances],
    attachment: nic.instanceAttachment(plan.ids.account, inst, TIMES.instanceLaunch),
  });
}

export function networkInterfaces(plan: UnitPlan): Json[] {
  const { ids } = plan;
  const lbEnis = Object.values(ids.lbs).flatMap((lb) =>
    lb.enis
      .filter((e) => plan.lbSubnets[lb.key].includes(e.subnet))
      .map((e) =>
        eni(plan, {
          ...nic.albNodeEni({ ...e, lbResourceId: lb.resourceId, createdAt: TIMES.lbCreated }),
          subnet: e.subnet,
          groups: [lb.sg],
        }),
      ),
  );
  const natEnis = ids.nats.map((nat) =>
    eni(plan, {
      ...nic.natGatewayEni(ids.account, { ...nat, createdAt: TIMES.natCreated }),
      subnet: nat.subnet,
      groups: [],
    }),
  );
  const taskEnis = plan.services.flatMap((svc) =>
    svc.tasks.flatMap((t) =>
      t.awsvpc && !t.stopped
        ? [
            eni(plan, {
              ...nic.taskEni(ids, { ...t.awsvpc, privateIp: t.awsvpc.ip, createdAt: TIMES.taskCreated }),
              subnet: t.subnet,
              groups: [svc.taskSg!, ...(svc.tg ? [ids.sgs.shared] : [])],
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
