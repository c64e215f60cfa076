// What ECS says in words — task stoppedReason, container reason, service events — matched against known symptoms.
// Formats: ECS guide, "Amazon ECS stopped task error messages" and "Amazon ECS service event messages".
import type { Evidence } from '@porthole/shared';
import type { ServiceModel, TaskModel } from '../../model/types.ts';

/** Image pull failures: "CannotPullContainerError: … dial tcp …:443: i/o timeout", or the Fargate auth step. */
export const PULL_ERROR =
  /CannotPullContainerError|ResourceInitializationError: unable to pull secrets or registry auth/i;
/**
 * A pull that failed on the network (not on credentials or a missing image): "dial tcp …:443: i/o timeout",
 * a context deadline, an unreachable network. Observed, it proves the task had no working way to the registry.
 */
export const PULL_NETWORK_ERROR =
  /(CannotPullContainerError|ResourceInitializationError)[\s\S]*(i\/o timeout|context deadline exceeded|network is unreachable|request canceled while waiting for connection)/i;
/** stoppedReason "Task failed ELB health checks in (target-group arn:…)". */
export const ELB_HEALTH_STOP = /Task failed ELB health checks/i;
/** "(service web) (task 0123) (port 8080) is unhealthy in (target-group arn:…) due to (reason …)". */
export const ELB_UNHEALTHY_EVENT = /is unhealthy in \(?target-group/i;
/** "… The closest matching container-instance … is already using a port required by your task." */
export const PORT_IN_USE_EVENT = /already using a port required by your task/i;

export interface TaskMessage {
  task: TaskModel;
  text: string;
}

/** The task's stoppedReason and its containers' reasons that match the pattern. */
export function taskMessages(tasks: TaskModel[], pattern: RegExp): TaskMessage[] {
  return tasks.flatMap((task) =>
    [task.stoppedReason, ...task.containerReasons]
      .filter((text): text is string => text !== null && pattern.test(text))
      .map((text) => ({ task, text })),
  );
}

export interface ServiceEvent {
  createdAt: string | null;
  message: string;
}

export function serviceEvents(svc: ServiceModel, pattern: RegExp): ServiceEvent[] {
  return (svc.raw.events ?? [])
    .filter((e) => pattern.test(e.message))
    .map((e) => ({
      createdAt:
        e.createdAt === null || e.createdAt === undefined
          ? null
          : typeof e.createdAt === 'number'
            ? new Date(e.createdAt * 1000).toISOString()
            : e.createdAt,
      message: e.message,
    }));
}

/** Short task id: the last segment of the task ARN. */
export function taskId(task: TaskModel): string {
  return task.arn.split('/').pop() ?? task.arn;
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function taskEvidence(messages: TaskMessage[], limit = 3): Evidence[] {
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const m of messages) {
    const key = `${m.task.arn}|${m.text}`;
    if (seen.has(key) || out.length >= limit) continue;
    seen.add(key);
    const stopped = m.task.stoppedAt ? ` (stopped ${m.task.stoppedAt})` : '';
    out.push({
      kind: 'task',
      component: m.task.arn,
      detail: `task ${taskId(m.task)}${stopped}: ${clip(m.text)}`,
    });
  }
  return out;
}

export function eventEvidence(svc: ServiceModel, events: ServiceEvent[], limit = 3): Evidence[] {
  return events.slice(0, limit).map((e) => ({
    kind: 'service-event',
    component: svc.arn,
    detail: `${e.createdAt ?? ''} ${clip(e.message)}`.trim(),
  }));
}

/** Seconds from startedAt to stoppedAt, when both are known. */
export function lifetimeSeconds(m: TaskMessage): number | null {
  const start = Date.parse(m.task.startedAt ?? '');
  const stop = Date.parse(m.task.stoppedAt ?? '');
  return Number.isFinite(start) && Number.isFinite(stop) && stop > start
    ? Math.round((stop - start) / 1000)
    : null;
}

/** "100 s", "12 min", "43 h", "3 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return seconds < 172800 ? `${Math.round(seconds / 3600)} h` : `${Math.round(seconds / 86400)} days`;
}
