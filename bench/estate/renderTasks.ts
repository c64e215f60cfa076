// `aws ecs describe-tasks` for a unit: bridge tasks report their host port in networkBindings, awsvpc tasks
// carry an ElasticNetworkInterface attachment; stopped tasks keep their stop code and reason.
import { hexOf, uuidOf } from '@porthole/estate/demo/hash.js';
import type { Json } from '@porthole/estate/demo/shapes.js';
import { TIMES, incidentTime } from '@porthole/estate/demo/time.js';
import { bridgeBinding, taskEniAttachment } from '@porthole/estate/shapes/ecs.js';
import { deployment, image, taskDefArn } from './ecsNames.ts';
import type { ServicePlan, TaskPlan, UnitPlan } from './planTypes.ts';

function taskJson(plan: UnitPlan, svc: ServicePlan, t: TaskPlan): Json {
  const { ids } = plan;
  const arn = `arn:aws:ecs:${ids.region}:${ids.account}:task/${ids.cluster.name}/${t.id}`;
  const stopped = t.stopped;
  const ran = !stopped || stopped.startedAt !== null;
  const status = stopped ? 'STOPPED' : 'RUNNING';
  const createdAt = stopped ? incidentTime(stopped.createdAt) : TIMES.taskCreated;
  const startedAt = stopped
    ? stopped.startedAt === null
      ? null
      : incidentTime(stopped.startedAt)
    : TIMES.taskStarted;
  const fargate = svc.mode === 'awsvpc';
  const bindings =
    t.bridge && t.bridge.hostPort !== null && ran
      ? [bridgeBinding(svc.containerPort, t.bridge.hostPort)]
      : [];
  const eni = t.awsvpc;
  return {
    attachments: eni
      ? [
          taskEniAttachment({
            ...eni,
            privateIp: eni.ip,
            subnetId: ids.subnets[t.subnet].id,
            region: ids.region,
            stopped: stopped !== null,
          }),
        ]
      : [],
    availabilityZone: ids.subnets[t.subnet].az,
    clusterArn: ids.cluster.arn,
    ...(t.bridge ? { containerInstanceArn: plan.instances[t.bridge.instance]!.containerInstanceArn } : {}),
    containers: [
      {
        containerArn: `arn:aws:ecs:${ids.region}:${ids.account}:container/${ids.cluster.name}/${t.id}/${uuidOf(`${arn}/c`)}`,
        taskArn: arn,
        name: svc.name,
        image: image(plan, svc),
        ...(ran ? { runtimeId: `${t.id}-${hexOf(arn, 10)}` } : {}),
        lastStatus: status,
        ...(stopped && ran ? { exitCode: 143 } : {}),
        ...(stopped?.containerReason ? { reason: stopped.containerReason } : {}),
        networkBindings: bindings,
        networkInterfaces: eni ? [{ attachmentId: eni.attachmentId, privateIpv4Address: eni.ip }] : [],
        healthStatus: 'UNKNOWN',
      },
    ],
    cpu: String(svc.cpu),
    createdAt,
    desiredStatus: status,
    group: `service:${svc.name}`,
    healthStatus: 'UNKNOWN',
    lastStatus: status,
    launchType: fargate ? 'FARGATE' : 'EC2',
    memory: String(svc.memory),
    ...(fargate ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
    ...(startedAt ? { startedAt } : {}),
    startedBy: deployment(plan, svc),
    ...(stopped
      ? {
          stopCode: stopped.stopCode,
          stoppedAt: incidentTime(stopped.stoppedAt),
          stoppedReason: stopped.reason,
          stoppingAt: incidentTime(stopped.stoppedAt - 10),
        }
      : {}),
    tags: [],
    taskArn: arn,
    taskDefinitionArn: taskDefArn(plan, svc),
    version: stopped ? 5 : 3,
  };
}

export function tasks(plan: UnitPlan): Json[] {
  return plan.services.flatMap((svc) => svc.tasks.map((t) => taskJson(plan, svc, t)));
}
