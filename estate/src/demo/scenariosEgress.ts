// Seed stories about the private subnets' way out (NAT): the route change and what ECS then reports.
import { deploymentIdOf, taskJson } from './ecsTasks.ts';
import { ec2Id, hexOf, macOf, uuidOf } from './hash.ts';
import type { SubnetKey } from './ids.ts';
import { instanceInterface, reservation } from './instances.ts';
import type { TaskPlan } from './plan.ts';
import {
  addServiceEvents,
  arrayOf,
  items,
  removeItems,
  routeTable,
  service,
  tasksArray,
  type ScenarioKit,
} from './scenarioKit.ts';
import type { ScenarioName } from './scenarioNames.ts';
import { natInstanceSecurityGroup } from './securityGroups.ts';
import type { Json } from './shapes.ts';
import { incidentTime } from './time.ts';

type Apply = (kit: ScenarioKit) => void;

function privateDefaultRoutes(kit: ScenarioKit): { table: Json; others: Json[] } {
  const table = routeTable(kit, kit.ids.routeTables.private);
  const others = (table.Routes as Json[]).filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0');
  return { table, others };
}

/** Without a way out, the ECS agents on the private instances lose their connection to ECS. */
function disconnectAgents(kit: ScenarioKit): void {
  for (const ci of items(kit, 'containerInstances')) ci.agentConnected = false;
}

/** The error a Fargate task prints when ECR is unreachable (Fargate platform 1.4). */
export function pullTimeoutReason(registry: string, image: string, tag: string): string {
  return (
    `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ` +
    `${registry}/${image}:${tag}: failed to do request: Head "https://${registry}/v2/${image}/manifests/${tag}": ` +
    `dial tcp 52.95.150.12:443: i/o timeout`
  );
}

function failedApiTask(kit: ScenarioKit, n: number, subnet: SubnetKey, privateIp: string): TaskPlan {
  const key = `${kit.ids.account}/${kit.ids.region}/task/api/failed/${n}`;
  const eniId = ec2Id('eni', key);
  return {
    service: 'api',
    taskId: hexOf(key, 32),
    az: kit.ids.subnets[subnet].az,
    bridge: null,
    awsvpc: { subnet, eniId, privateIp, mac: macOf(`${eniId}/mac`), attachmentId: uuidOf(key) },
  };
}

export const egressScenarios: Partial<Record<ScenarioName, Apply>> = {
  'nat-route-removed'(kit) {
    const { table, others } = privateDefaultRoutes(kit);
    table.Routes = others;
    // api scaled out to 3; the new tasks cannot reach ECR and never start. Running tasks keep running.
    const reason = pullTimeoutReason(kit.ids.ecrRegistry, 'api', '1.4.2');
    const failed = [
      failedApiTask(kit, 0, 'privateA', '10.0.10.131'),
      failedApiTask(kit, 1, 'privateB', '10.0.11.190'),
    ];
    failed.forEach((task, i) => {
      const created = 300 + i * 90;
      tasksArray(kit, 'prod').push(
        taskJson(kit.ids, task, {
          createdAt: incidentTime(created),
          stopped: {
            stoppedReason: reason,
            stopCode: 'TaskFailedToStart',
            stoppingAt: incidentTime(created + 62),
            stoppedAt: incidentTime(created + 75),
            containerReason: reason,
            started: false,
          },
        }),
      );
    });
    const api = service(kit, 'api');
    api.desiredCount = 3;
    api.runningCount = 2;
    const deployment = (api.deployments as Json[])[0]!;
    Object.assign(deployment, {
      desiredCount: 3,
      runningCount: 2,
      failedTasks: 2,
      updatedAt: incidentTime(465),
    });
    addServiceEvents(kit, 'api', [
      [300, `(service api) has started 1 tasks: (task ${failed[0]!.taskId}).`],
      [390, `(service api) has started 1 tasks: (task ${failed[1]!.taskId}).`],
      [
        470,
        `(service api) (deployment ${deploymentIdOf(kit.ids, 'api')}) is unable to consistently start tasks successfully: tasks failed to start. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
      ],
    ]);
    disconnectAgents(kit);
  },

  'nat-instance-source-dest-check'(kit) {
    const { ids } = kit;
    // The NAT gateway was replaced by a cheaper NAT instance whose source/destination check nobody disabled.
    arrayOf(kit, 'SecurityGroups').push(natInstanceSecurityGroup(ids));
    arrayOf(kit, 'Reservations').push(reservation(ids, 'nat', true));
    removeItems(kit, 'NetworkInterfaces', (e) => e.NetworkInterfaceId === ids.natGateway.eniId);
    arrayOf(kit, 'NetworkInterfaces').push(instanceInterface(ids, 'nat', true));
    // Deleted NAT gateways leave describe-nat-gateways after about an hour.
    removeItems(kit, 'NatGateways', (n) => n.NatGatewayId === ids.natGateway.id);
    const { table, others } = privateDefaultRoutes(kit);
    table.Routes = [
      ...others,
      {
        DestinationCidrBlock: '0.0.0.0/0',
        InstanceId: ids.instances.nat.id,
        InstanceOwnerId: ids.account,
        NetworkInterfaceId: ids.instances.nat.eniId,
        Origin: 'CreateRoute',
        State: 'active',
      },
    ];
    disconnectAgents(kit);
  },
};
