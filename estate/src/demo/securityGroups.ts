// The demo's security groups as `aws ec2 describe-security-groups` prints them. The instance SG admits the
// whole dynamic host-port range from the ALB SG, as the ECS developer guide recommends for bridge mode.
import type { DemoIds, SgKey } from './ids.ts';
import { securityGroupShape } from '../shapes/network.ts';
import { sgPermission, type Json } from './shapes.ts';

/** GroupName of each security group (ENIs and instances print it beside the id). */
export const SG_NAMES: Record<SgKey, string> = {
  default: 'default',
  alb: 'web-alb-sg',
  ecsInstances: 'ecs-instances-sg',
  apiTasks: 'api-tasks-sg',
  ordersAlb: 'orders-internal-alb-sg',
  ordersTasks: 'orders-tasks-sg',
  workerTasks: 'worker-tasks-sg',
  bastion: 'bastion-sg',
  natInstance: 'nat-instance-sg',
};

interface SgSpec {
  key: SgKey;
  name: string;
  description: string;
  ingress: Json[];
}

/** The usual egress rule: everything to everywhere. */
export function allowAllEgress(account: string): Json[] {
  return [sgPermission(account, '-1', null, { cidr: '0.0.0.0/0' })];
}

/** The healthy instance-SG ingress: tcp 32768-65535 from the ALB SG. */
export function instanceSgIngress(ids: DemoIds): Json[] {
  return [
    sgPermission(ids.account, 'tcp', [32768, 65535], {
      group: ids.sgs.alb,
      description: 'ECS dynamic host ports from web-alb',
    }),
  ];
}

export function securityGroups(ids: DemoIds): Json[] {
  const a = ids.account;
  const specs: SgSpec[] = [
    {
      key: 'default',
      name: SG_NAMES.default,
      description: 'default VPC security group',
      ingress: [sgPermission(a, '-1', null, { group: ids.sgs.default })],
    },
    {
      key: 'alb',
      name: SG_NAMES.alb,
      description: 'web-alb: HTTP and HTTPS from the internet',
      ingress: [
        sgPermission(a, 'tcp', [80, 80], { cidr: '0.0.0.0/0' }),
        sgPermission(a, 'tcp', [443, 443], { cidr: '0.0.0.0/0' }),
      ],
    },
    {
      key: 'ecsInstances',
      name: SG_NAMES.ecsInstances,
      description: 'ECS container instances of cluster prod',
      ingress: instanceSgIngress(ids),
    },
    {
      key: 'apiTasks',
      name: SG_NAMES.apiTasks,
      description: 'api tasks (awsvpc)',
      ingress: [
        sgPermission(a, 'tcp', [8080, 8080], { group: ids.sgs.alb, description: 'api from web-alb' }),
      ],
    },
    {
      key: 'ordersAlb',
      name: SG_NAMES.ordersAlb,
      description: 'orders-internal: HTTP from inside the VPC',
      ingress: [sgPermission(a, 'tcp', [80, 80], { cidr: ids.vpcCidr, description: 'VPC clients' })],
    },
    {
      key: 'ordersTasks',
      name: SG_NAMES.ordersTasks,
      description: 'orders tasks (awsvpc)',
      ingress: [
        sgPermission(a, 'tcp', [8080, 8080], {
          group: ids.sgs.ordersAlb,
          description: 'orders from orders-internal',
        }),
      ],
    },
    { key: 'workerTasks', name: SG_NAMES.workerTasks, description: 'worker tasks: no inbound', ingress: [] },
    {
      key: 'bastion',
      name: SG_NAMES.bastion,
      description: 'SSH from the office',
      ingress: [sgPermission(a, 'tcp', [22, 22], { cidr: '203.0.113.0/24', description: 'office' })],
    },
  ];
  return specs.map((spec) => securityGroup(ids, spec));
}

export function securityGroup(ids: DemoIds, spec: SgSpec): Json {
  const at = { account: ids.account, region: ids.region, vpcId: ids.vpcId };
  return securityGroupShape(at, { ...spec, id: ids.sgs[spec.key], egress: allowAllEgress(ids.account) });
}

/** The NAT instance's SG (only in the nat-instance-source-dest-check scenario). */
export function natInstanceSecurityGroup(ids: DemoIds): Json {
  return securityGroup(ids, {
    key: 'natInstance',
    name: SG_NAMES.natInstance,
    description: 'NAT instance: forward traffic from the VPC',
    ingress: [sgPermission(ids.account, '-1', null, { cidr: ids.vpcCidr })],
  });
}
