// ECS tasks (status, host ports, why they stopped) and service deployments as facts.
import type { Snapshot, Task } from '@porthole/shared';
import { allOf } from './allOf.ts';
import type { FactSet } from './facts.ts';
import { shortName } from './words.ts';
import { clusterNameFromArn as clusterName } from '../../model/arn.ts';

/** "arn:…:task-definition/web:42" → "web:42" */
export function taskDefinitionName(arn: string | null | undefined): string {
  return arn ? shortName(arn) : '?';
}

/** target group ARN → "cluster/service" of the (first) service registered in it. */
export function serviceByTargetGroup(snapshot: Snapshot): Map<string, string> {
  const map = new Map<string, string>();
  for (const service of allOf(snapshot, 'services')) {
    const key = `${clusterName(service.clusterArn)}/${service.serviceName}`;
    for (const lb of service.loadBalancers ?? []) {
      if (lb.targetGroupArn && !map.has(lb.targetGroupArn)) map.set(lb.targetGroupArn, key);
    }
  }
  return map;
}

function serviceOfTask(task: Task): string | null {
  const group = task.group ?? '';
  return group.startsWith('service:')
    ? `${clusterName(task.clusterArn)}/${group.slice('service:'.length)}`
    : null;
}

/** "32768→8080, 32769→9090" for bridge/host tasks, the task ENI's IP for awsvpc. */
export function hostPortWords(task: Task): string {
  const bindings = (task.containers ?? []).flatMap((c) => c.networkBindings ?? []);
  if (bindings.length > 0)
    return bindings.map((b) => `${b.hostPort ?? '?'}→${b.containerPort ?? '?'}`).join(', ');
  const eni = (task.attachments ?? []).find((a) => a.type === 'ElasticNetworkInterface');
  const ip = eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
  return ip ? `${ip} (awsvpc)` : '';
}

function stopWords(task: Task): string {
  const containerReasons = (task.containers ?? []).flatMap((c) =>
    c.reason ? [`${c.name ?? '?'}: ${c.reason}`] : [],
  );
  return [task.stoppedReason, ...containerReasons].filter(Boolean).join('; ');
}

export function ecsFacts(snapshot: Snapshot): FactSet {
  const facts: FactSet = {};
  for (const task of allOf(snapshot, 'tasks')) {
    const service = serviceOfTask(task);
    facts[`task|${task.taskArn}`] = {
      kind: 'task',
      owner: service ?? clusterName(task.clusterArn),
      text: `task ${shortName(task.taskArn)} (${taskDefinitionName(task.taskDefinitionArn)})`,
      fields: {
        status: task.lastStatus ?? '?',
        ports: hostPortWords(task),
        stopped: stopWords(task),
      },
      service,
      resources: [task.taskArn, ...(task.containerInstanceArn ? [task.containerInstanceArn] : [])],
    };
  }
  for (const service of allOf(snapshot, 'services')) {
    const key = `${clusterName(service.clusterArn)}/${service.serviceName}`;
    for (const deployment of service.deployments ?? []) {
      if (!deployment.id) continue;
      facts[`deploy|${service.serviceArn}|${deployment.id}`] = {
        kind: 'deployment',
        owner: key,
        text: `deployment ${deployment.id} of ${key} (${taskDefinitionName(deployment.taskDefinition)})`,
        fields: {
          status: deployment.status ?? '?',
          rollout: deployment.rolloutState ?? '-',
          reason: deployment.rolloutStateReason ?? '',
        },
        service: key,
        resources: [service.serviceArn, ...(deployment.taskDefinition ? [deployment.taskDefinition] : [])],
      };
    }
  }
  return facts;
}
