// Seed story about ECS settings: a health-check grace period shorter than the time ELB needs to decide.
import { taskJson } from './ecsTasks.ts';
import { targetDescription } from './elb.ts';
import { hexOf } from './hash.ts';
import { taskPlans, type TaskPlan } from './plan.ts';
import {
  TIMED_OUT,
  addServiceEvents,
  service,
  setTargetHealth,
  targetHealthOf,
  tasksArray,
  type ScenarioKit,
} from './scenarioKit.ts';
import type { ScenarioName } from './scenarioNames.ts';
import type { Json } from './shapes.ts';
import { incidentTime } from './time.ts';

type Apply = (kit: ScenarioKit) => void;

// The web tasks the scheduler replaced, and the host ports Docker gave their replacements.
const REPLACED: Array<[number, number]> = [
  [32772, 32776],
  [32775, 32777],
];

export const ecsScenarios: Partial<Record<ScenarioName, Apply>> = {
  'grace-too-short'(kit) {
    const { ids } = kit;
    const tgArn = ids.targetGroups.web;
    const web = service(kit, 'web');
    web.healthCheckGracePeriodSeconds = 0;
    const plans = taskPlans(ids);
    const tasks = tasksArray(kit, 'prod');
    const health = targetHealthOf(kit, 'web');
    const stoppedIds: string[] = [];
    const started: TaskPlan[] = [];
    for (const [oldPort, newPort] of REPLACED) {
      const old = plans.find((t) => t.service === 'web' && t.bridge?.hostPort === oldPort);
      if (!old?.bridge) throw new Error(`demo scenario: web task on port ${oldPort} not found`);
      const index = tasks.findIndex((t) => String(t.taskArn).endsWith(`/${old.taskId}`));
      // The task had just been replaced; still warming up, it failed 2 checks 30 s apart and, with no grace
      // period to protect it, was stopped about 65 s after it started.
      tasks[index] = taskJson(ids, old, {
        createdAt: incidentTime(-35),
        startedAt: incidentTime(0),
        stopped: {
          stoppedReason: `Task failed ELB health checks in (target-group ${tgArn})`,
          stopCode: 'ServiceSchedulerInitiated',
          stoppingAt: incidentTime(65),
          stoppedAt: incidentTime(100),
          started: true,
        },
      });
      stoppedIds.push(old.taskId);
      const fresh: TaskPlan = {
        ...old,
        taskId: hexOf(`${ids.account}/${ids.region}/task/web/${newPort}`, 32),
        bridge: { instance: old.bridge.instance, hostPort: newPort },
      };
      started.push(fresh);
      tasks.push(taskJson(ids, fresh, { createdAt: incidentTime(105), startedAt: incidentTime(131) }));
      const at = health.findIndex((d) => (d.Target as Json).Port === oldPort);
      health.splice(at, 1, targetDescription(ids, fresh));
    }
    // The replacements start just as slowly and are already failing their first checks.
    const newPorts = new Set(REPLACED.map(([, port]) => port));
    setTargetHealth(kit, 'web', TIMED_OUT, 200, (d) => newPorts.has((d.Target as Json).Port as number));
    const taskList = (list: Array<{ taskId: string }>) => list.map((t) => `(task ${t.taskId})`).join(' ');
    const stoppedList = taskList(stoppedIds.map((taskId) => ({ taskId })));
    addServiceEvents(kit, 'web', [
      [-35, `(service web) has started 2 tasks: ${stoppedList}.`],
      [-5, `(service web) registered 2 targets in (target-group ${tgArn})`],
      [
        62,
        `(service web) (instance ${ids.instances.ecsA.id}) (port 32772) is unhealthy in (target-group ${tgArn}) due to (reason Request timed out).`,
      ],
      [
        63,
        `(service web) (instance ${ids.instances.ecsB.id}) (port 32775) is unhealthy in (target-group ${tgArn}) due to (reason Request timed out).`,
      ],
      [65, `(service web) has stopped 2 running tasks: ${stoppedList}.`],
      [66, `(service web) deregistered 2 targets in (target-group ${tgArn})`],
      [105, `(service web) has started 2 tasks: ${taskList(started)}.`],
      [132, `(service web) registered 2 targets in (target-group ${tgArn})`],
    ]);
    const deployment = (web.deployments as Json[])[0]!;
    Object.assign(deployment, { failedTasks: 2, updatedAt: incidentTime(105) });
  },
};
