// `aws ec2 describe-network-interfaces`: instance ENIs, ALB node ENIs ("ELB app/<name>/<id>", requester
// amazon-elb), the NAT gateway's ENI and Fargate task ENIs (description = the ECS attachment ARN).
import {
  albNodeEni,
  ECS_ENI_REQUESTER_ID,
  eniShape,
  NAT_ENI_REQUESTER_ID,
  natGatewayEni,
  taskEni,
  privateDnsName as privateDns,
  type EniInput,
  type GroupRef,
} from '../shapes/eni.ts';
import type { DemoIds, SgKey, SubnetKey } from './ids.ts';
import { SERVICE_PLANS, taskPlans } from './plan.ts';
import { SG_NAMES } from './securityGroups.ts';
import type { Json } from './shapes.ts';
import { TIMES } from './time.ts';

export { ECS_ENI_REQUESTER_ID, NAT_ENI_REQUESTER_ID };

export function privateDnsName(ids: DemoIds, ip: string): string {
  return privateDns(ids.region, ip);
}

export interface EniSpec extends Omit<EniInput, 'subnetId' | 'az' | 'groups'> {
  subnet: SubnetKey;
  groups: SgKey[];
}

export function groupRefs(ids: DemoIds, groups: SgKey[]): GroupRef[] {
  return groups.map((key) => ({ GroupId: ids.sgs[key], GroupName: SG_NAMES[key] }));
}

export function networkInterface(ids: DemoIds, spec: EniSpec): Json {
  const { subnet, groups, ...rest } = spec;
  const at = { account: ids.account, region: ids.region, vpcId: ids.vpcId };
  const { id: subnetId, az } = ids.subnets[subnet];
  return eniShape(at, { ...rest, subnetId, az, groups: groupRefs(ids, groups) });
}

export function loadBalancerInterfaces(ids: DemoIds): Json[] {
  return Object.values(ids.loadBalancers).flatMap((lb) =>
    lb.enis.map((eni) =>
      networkInterface(ids, {
        ...albNodeEni({ ...eni, lbResourceId: lb.resourceId, createdAt: TIMES.lbCreated }),
        subnet: eni.subnet,
        groups: [lb.sg],
      }),
    ),
  );
}

export function natGatewayInterface(ids: DemoIds): Json {
  const nat = { ...ids.natGateway, createdAt: TIMES.natCreated };
  return networkInterface(ids, { ...natGatewayEni(ids.account, nat), subnet: 'publicA', groups: [] });
}

export function taskInterfaces(ids: DemoIds): Json[] {
  return taskPlans(ids).flatMap((task) => {
    if (!task.awsvpc) return [];
    const plan = SERVICE_PLANS.find((p) => p.name === task.service);
    const eni = taskEni(ids, { ...task.awsvpc, createdAt: TIMES.taskCreated });
    return [
      networkInterface(ids, {
        ...eni,
        subnet: task.awsvpc.subnet,
        groups: plan?.taskSg ? [plan.taskSg] : [],
      }),
    ];
  });
}
