// A unit plan → its AWS CLI outputs, one document per command, in the Batfish account layout:
// aws_configs/accounts/<account>/<region>/<unit>/<command>.json (one folder per VPC, as a per-VPC capture
// script would write them; the reader finds the account and region in the path, the kind by the top key).
import type { EstateDocument } from '@porthole/estate/demo/documents.js';
import type { UnitPlan } from './plan.ts';
import { clusters, containerInstances, services, taskDefinitions } from './renderEcs.ts';
import { tasks } from './renderTasks.ts';
import { listeners, loadBalancers, rules, targetGroups, targetHealth } from './renderElb.ts';
import { networkInterfaces, reservations } from './renderInterfaces.ts';
import {
  internetGateways,
  natGateways,
  networkAcls,
  routeTables,
  securityGroups,
  subnets,
  vpcs,
} from './renderNetwork.ts';

export type { EstateDocument } from '@porthole/estate/demo/documents.js';

export function unitFolder(plan: UnitPlan): string {
  const { ids } = plan;
  return `aws_configs/accounts/${ids.account}/${ids.region}/vpc-${String(ids.index).padStart(3, '0')}-${ids.team}`;
}

export function unitDocuments(plan: UnitPlan): EstateDocument[] {
  const folder = unitFolder(plan);
  const doc = (name: string, json: Record<string, unknown>): EstateDocument => ({
    file: `${folder}/${name}.json`,
    json,
  });
  return [
    doc('ec2-describe-vpcs', { Vpcs: vpcs(plan) }),
    doc('ec2-describe-subnets', { Subnets: subnets(plan) }),
    doc('ec2-describe-internet-gateways', { InternetGateways: internetGateways(plan) }),
    doc('ec2-describe-nat-gateways', { NatGateways: natGateways(plan) }),
    doc('ec2-describe-route-tables', { RouteTables: routeTables(plan) }),
    doc('ec2-describe-network-acls', { NetworkAcls: networkAcls(plan) }),
    doc('ec2-describe-security-groups', { SecurityGroups: securityGroups(plan) }),
    doc('ec2-describe-instances', { Reservations: reservations(plan) }),
    doc('ec2-describe-network-interfaces', { NetworkInterfaces: networkInterfaces(plan) }),
    doc('ec2-describe-vpc-endpoints', { VpcEndpoints: [] }),
    doc('elbv2-describe-load-balancers', { LoadBalancers: loadBalancers(plan) }),
    doc('elbv2-describe-listeners', { Listeners: listeners(plan) }),
    doc('elbv2-describe-rules', { Rules: rules(plan) }),
    doc('elbv2-describe-target-groups', { TargetGroups: targetGroups(plan) }),
    doc('elbv2-describe-target-health', { LoadBalancerTargetHealth: targetHealth(plan) }),
    doc('ecs-describe-clusters', { clusters: clusters(plan), failures: [] }),
    doc('ecs-describe-services', { services: services(plan), failures: [] }),
    doc('ecs-describe-tasks', { tasks: tasks(plan), failures: [] }),
    doc('ecs-describe-container-instances', { containerInstances: containerInstances(plan), failures: [] }),
    ...taskDefinitions(plan).map((td) => doc(`ecs-describe-task-definition-${td.name}`, td.json)),
  ];
}
