// Failures of one load-balanced service: its task SG, its health check, its listener rule, its grace period.
import { HEALTHY, type ServicePlan, type UnitPlan } from './plan.ts';
import { TIMED_OUT, running, setHealth, sg, type ServiceFailure } from './failures.ts';

/** Whether a service failure makes sense for this service (e.g. a wrong task-SG port needs awsvpc). */
export function applicable(svc: ServicePlan, mode: ServiceFailure): boolean {
  if (!svc.tg) return false;
  switch (mode) {
    case 'task-sg-wrong-port':
      return svc.mode === 'awsvpc';
    case 'target-group-orphaned':
      return svc.tg.priority !== null;
    case 'grace-too-short':
      return running(svc).length >= 3;
    case 'health-check-port-blocked':
      return svc.tg.healthCheckPort !== 'traffic-port';
    default:
      return true;
  }
}

export function applyServiceFailure(plan: UnitPlan, svc: ServicePlan, mode: ServiceFailure): void {
  const tg = svc.tg!;
  plan.failures.push({ mode, service: svc.name });
  switch (mode) {
    case 'task-sg-wrong-port': {
      const group = sg(plan, svc.taskSg!);
      group.ingress = group.ingress.map((p, i) => (i === 0 ? { ...p, ports: [80, 80] } : p));
      return setHealth(svc, TIMED_OUT, 97);
    }
    case 'health-check-404':
      tg.healthCheckPath = `/${svc.role}/healthz`;
      return setHealth(
        svc,
        {
          State: 'unhealthy',
          Reason: 'Target.ResponseCodeMismatch',
          Description: 'Health checks failed with these codes: [404]',
        },
        95,
      );
    case 'target-group-orphaned':
      tg.routed = false;
      return setHealth(
        svc,
        {
          State: 'unused',
          Reason: 'Target.NotInUse',
          Description: 'Target group is not configured to receive traffic from the load balancer',
        },
        95,
      );
    case 'app-not-listening':
      return setHealth(svc, TIMED_OUT, 95);
    case 'grace-too-short': {
      svc.grace = 0;
      const live = running(svc);
      const stopped = live.slice(0, 2);
      for (const t of stopped) {
        t.stopped = {
          reason: `Task failed ELB health checks in (target-group ${tg.arn})`,
          stopCode: 'ServiceSchedulerInitiated',
          createdAt: -35,
          startedAt: 0,
          stoppedAt: 100,
        };
        t.health = HEALTHY;
      }
      const list = stopped.map((t) => `(task ${t.id})`).join(' ');
      svc.events.push([65, `(service ${svc.name}) has stopped 2 running tasks: ${list}.`]);
      return setHealth(svc, TIMED_OUT, 200, (t) => live.indexOf(t) >= 2 && live.indexOf(t) < 4);
    }
    case 'health-check-port-blocked': {
      const group = sg(plan, svc.taskSg!);
      const port = Number(tg.healthCheckPort);
      group.ingress = group.ingress.map((p) =>
        p.ports?.[0] === port
          ? {
              protocol: 'tcp',
              ports: [port, port],
              cidr: '10.250.0.0/16',
              description: 'health port from monitoring only',
            }
          : p,
      );
      return setHealth(svc, TIMED_OUT, 95);
    }
  }
}
