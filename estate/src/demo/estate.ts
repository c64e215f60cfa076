// The built-in demo estate: a healthy, internally consistent ECS-behind-ALB account as a folder of AWS CLI
// outputs (one file per CLI call). Deterministic: the same options always give byte-identical documents.
import { partitionFolder, type EstateDocuments } from './documents.ts';
import { taskDefinitionDocuments } from './ecsDefinitions.ts';
import { clusters, servicesOf } from './ecsServices.ts';
import { containerInstanceJson, taskJson } from './ecsTasks.ts';
import { listeners, loadBalancers, rules, targetGroups, targetHealth } from './elb.ts';
import { demoIds, type DemoIds, type DemoScopeOptions } from './ids.ts';
import { reservation, instanceInterface } from './instances.ts';
import { loadBalancerInterfaces, natGatewayInterface, taskInterfaces } from './interfaces.ts';
import { internetGateways, natGateways, networkAcls, routeTables, subnets, vpcs } from './network.ts';
import { servicePlan, taskPlans, type ClusterName } from './plan.ts';
import { securityGroups } from './securityGroups.ts';

export type { EstateDocument, EstateDocuments } from './documents.ts';

/** File names (without folder and `.json`) of the demo, one per CLI command. */
export const DEMO_FILES = {
  vpcs: 'ec2-describe-vpcs',
  subnets: 'ec2-describe-subnets',
  internetGateways: 'ec2-describe-internet-gateways',
  natGateways: 'ec2-describe-nat-gateways',
  routeTables: 'ec2-describe-route-tables',
  networkAcls: 'ec2-describe-network-acls',
  securityGroups: 'ec2-describe-security-groups',
  instances: 'ec2-describe-instances',
  networkInterfaces: 'ec2-describe-network-interfaces',
  vpcEndpoints: 'ec2-describe-vpc-endpoints',
  loadBalancers: 'elbv2-describe-load-balancers',
  listeners: 'elbv2-describe-listeners',
  rules: 'elbv2-describe-rules',
  targetGroups: 'elbv2-describe-target-groups',
  targetHealth: 'elbv2-describe-target-health',
  clusters: 'ecs-describe-clusters',
  servicesProd: 'ecs-describe-services-prod',
  servicesOps: 'ecs-describe-services-ops',
  tasksProd: 'ecs-describe-tasks-prod',
  tasksOps: 'ecs-describe-tasks-ops',
  containerInstancesProd: 'ecs-describe-container-instances-prod',
} as const;

function tasksOf(ids: DemoIds, cluster: ClusterName) {
  return taskPlans(ids)
    .filter((t) => servicePlan(t.service).cluster === cluster)
    .map((t) => taskJson(ids, t));
}

export function buildDemoEstate(opts: DemoScopeOptions = {}): EstateDocuments {
  const ids = demoIds(opts);
  const folder = partitionFolder(ids.account, ids.region);
  const doc = (name: string, json: Record<string, unknown>) => ({ file: `${folder}/${name}.json`, json });
  const tasks = taskPlans(ids);
  const tasksOn = (key: 'ecsA' | 'ecsB') => tasks.filter((t) => t.bridge?.instance === key).length;
  return [
    doc(DEMO_FILES.vpcs, { Vpcs: vpcs(ids) }),
    doc(DEMO_FILES.subnets, { Subnets: subnets(ids) }),
    doc(DEMO_FILES.internetGateways, { InternetGateways: internetGateways(ids) }),
    doc(DEMO_FILES.natGateways, { NatGateways: natGateways(ids) }),
    doc(DEMO_FILES.routeTables, { RouteTables: routeTables(ids) }),
    doc(DEMO_FILES.networkAcls, { NetworkAcls: networkAcls(ids) }),
    doc(DEMO_FILES.securityGroups, { SecurityGroups: securityGroups(ids) }),
    doc(DEMO_FILES.instances, {
      Reservations: [reservation(ids, 'ecsA'), reservation(ids, 'ecsB'), reservation(ids, 'bastion')],
    }),
    doc(DEMO_FILES.networkInterfaces, {
      NetworkInterfaces: [
        instanceInterface(ids, 'ecsA'),
        instanceInterface(ids, 'ecsB'),
        instanceInterface(ids, 'bastion'),
        ...loadBalancerInterfaces(ids),
        natGatewayInterface(ids),
        ...taskInterfaces(ids),
      ],
    }),
    // No VPC endpoints: the private subnets reach ECR, S3 and CloudWatch through the NAT gateway.
    doc(DEMO_FILES.vpcEndpoints, { VpcEndpoints: [] }),
    doc(DEMO_FILES.loadBalancers, { LoadBalancers: loadBalancers(ids) }),
    doc(DEMO_FILES.listeners, { Listeners: listeners(ids) }),
    doc(DEMO_FILES.rules, { Rules: rules(ids) }),
    doc(DEMO_FILES.targetGroups, { TargetGroups: targetGroups(ids) }),
    doc(DEMO_FILES.targetHealth, { LoadBalancerTargetHealth: targetHealth(ids) }),
    doc(DEMO_FILES.clusters, { clusters: clusters(ids), failures: [] }),
    doc(DEMO_FILES.servicesProd, { services: servicesOf(ids, 'prod'), failures: [] }),
    doc(DEMO_FILES.servicesOps, { services: servicesOf(ids, 'ops'), failures: [] }),
    doc(DEMO_FILES.tasksProd, { tasks: tasksOf(ids, 'prod'), failures: [] }),
    doc(DEMO_FILES.tasksOps, { tasks: tasksOf(ids, 'ops'), failures: [] }),
    doc(DEMO_FILES.containerInstancesProd, {
      containerInstances: [
        containerInstanceJson(ids, 'ecsA', tasksOn('ecsA')),
        containerInstanceJson(ids, 'ecsB', tasksOn('ecsB')),
      ],
      failures: [],
    }),
    ...taskDefinitionDocuments(ids).map((td) => doc(td.name, td.json)),
  ];
}
