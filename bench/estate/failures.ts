// The failure modes the generator mixes in, as edits of a unit plan: the setting that broke and what AWS then
// reports (target health, stopped tasks, service events). Modeled on the demo's seed stories, at unit scale.
import { family } from './ecsNames.ts';
import { DYNAMIC, type PermSpec, type SgSpec } from './sgPlan.ts';
import type { ServicePlan, TargetHealthState, UnitPlan } from './planTypes.ts';

export const UNIT_FAILURES = [
  'dynamic-ports-blocked',
  'nacl-return-blocked',
  'alb-egress-restricted',
  'az-disabled',
  'nat-route-removed',
  'overly-open-instance-sg',
] as const;
export const SERVICE_FAILURES = [
  'task-sg-wrong-port',
  'health-check-404',
  'target-group-orphaned',
  'app-not-listening',
  'grace-too-short',
  'health-check-port-blocked',
] as const;
export type UnitFailure = (typeof UNIT_FAILURES)[number];
export type ServiceFailure = (typeof SERVICE_FAILURES)[number];

/** The rule each failure should raise (the benchmark reports what the engine found next to it). */
export const EXPECTED_RULE: Record<UnitFailure | ServiceFailure, string> = {
  'dynamic-ports-blocked': 'sg-blocks-dynamic-ports',
  'nacl-return-blocked': 'nacl-blocks-return-traffic',
  'alb-egress-restricted': 'alb-sg-egress-blocks-targets',
  'az-disabled': 'target-az-not-enabled',
  'nat-route-removed': 'private-subnet-no-egress',
  'overly-open-instance-sg': 'overly-open-dynamic-ports',
  'task-sg-wrong-port': 'sg-blocks-target-port',
  'health-check-404': 'health-check-mismatch',
  'target-group-orphaned': 'target-group-not-routed',
  'app-not-listening': 'app-not-listening',
  'grace-too-short': 'health-check-grace-too-short',
  'health-check-port-blocked': 'sg-blocks-health-check-port',
};

export const TIMED_OUT: TargetHealthState = {
  State: 'unhealthy',
  Reason: 'Target.Timeout',
  Description: 'Request timed out',
};

export const sg = (plan: UnitPlan, id: string): SgSpec => plan.sgs.find((g) => g.id === id)!;
export const running = (svc: ServicePlan) => svc.tasks.filter((t) => t.stopped === null);

/** Sets the health of a service's running targets (those `only` selects) and logs ECS's events for them. */
export function setHealth(
  svc: ServicePlan,
  health: TargetHealthState,
  at: number,
  only = (_t: ServicePlan['tasks'][number]) => true,
) {
  const hit = running(svc).filter(only);
  for (const t of hit) t.health = health;
  if (health.State !== 'unhealthy' || !svc.tg) return;
  for (const t of hit.slice(0, 3)) {
    const port = t.bridge ? t.bridge.hostPort : svc.containerPort;
    svc.events.push([
      at,
      `(service ${svc.name}) (task ${t.id}) (port ${port}) is unhealthy in (target-group ${svc.tg.arn}) due to (reason ${health.Description}).`,
    ]);
  }
}

/** Services a unit failure touches (no service failure is added on top of them). */
export function touchedBy(plan: UnitPlan, mode: UnitFailure): ServicePlan[] {
  const lbd = plan.services.filter((s) => s.tg !== null);
  switch (mode) {
    case 'dynamic-ports-blocked':
      return lbd.filter((s) => s.mode === 'bridge');
    case 'nacl-return-blocked':
    case 'az-disabled':
      return lbd.filter((s) => s.lb === 'web');
    case 'alb-egress-restricted':
      return lbd.filter((s) => s.lb === 'internal');
    case 'nat-route-removed':
      return plan.services.filter((s) => s.mode === 'awsvpc');
    case 'overly-open-instance-sg':
      return [];
  }
}

export function applyUnitFailure(plan: UnitPlan, mode: UnitFailure): void {
  const { ids } = plan;
  const touched = touchedBy(plan, mode);
  plan.failures.push({ mode, service: null });
  const instances = sg(plan, ids.sgs.instances);
  switch (mode) {
    case 'dynamic-ports-blocked': {
      // A deploy "tidied" the rules to the container port; bridge targets are registered on host ports.
      const port = touched[0]?.containerPort ?? 8080;
      instances.ingress = instances.ingress.map((p) =>
        p.ports?.[0] === DYNAMIC[0]
          ? { ...p, ports: [port, port], description: 'container port from the ALB' }
          : p,
      );
      touched.forEach((s) => setHealth(s, TIMED_OUT, 95));
      return;
    }
    case 'nacl-return-blocked':
      plan.nacls.appA!.push({
        ruleNumber: 90,
        egress: true,
        action: 'deny',
        cidr: ids.publicRange,
        protocol: '6',
        ports: [1024, 65535],
      });
      touched.forEach((s) => setHealth(s, TIMED_OUT, 95, (t) => t.subnet === 'appA'));
      return;
    case 'alb-egress-restricted':
      sg(plan, ids.sgs.internalAlb).egress = [{ protocol: 'tcp', ports: [443, 443], cidr: '0.0.0.0/0' }];
      touched.forEach((s) => setHealth(s, TIMED_OUT, 95));
      return;
    case 'az-disabled':
      plan.lbSubnets.web = ['pubA'];
      touched.forEach((s) =>
        setHealth(
          s,
          {
            State: 'unused',
            Reason: 'Target.NotInUse',
            Description: 'Target is in an Availability Zone that is not enabled for the load balancer',
          },
          95,
          (t) => t.subnet === 'appB',
        ),
      );
      return;
    case 'nat-route-removed':
      plan.natRouteRemoved.push('privateB');
      for (const inst of plan.instances) if (inst.subnet === 'appB') inst.agentConnected = false;
      // New tasks in the B subnet cannot reach ECR; the ones already running keep running.
      for (const s of touched.slice(0, 3)) {
        const victim = running(s).find((t) => t.subnet === 'appB');
        if (!victim || running(s).length < 2) continue;
        const reason =
          `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${ids.ecrRegistry}/${family(plan, s)}:${s.imageTag}: ` +
          `failed to do request: Head "https://${ids.ecrRegistry}/v2/${family(plan, s)}/manifests/${s.imageTag}": dial tcp 52.95.150.12:443: i/o timeout`;
        victim.stopped = {
          reason,
          stopCode: 'TaskFailedToStart',
          createdAt: 300,
          startedAt: null,
          stoppedAt: 375,
          containerReason: reason,
        };
        s.events.push([300, `(service ${s.name}) has started 1 tasks: (task ${victim.id}).`]);
      }
      return;
    case 'overly-open-instance-sg':
      instances.ingress = instances.ingress.map((p): PermSpec =>
        p.ports?.[0] === 22
          ? { protocol: 'tcp', ports: [0, 65535], cidr: '0.0.0.0/0', description: 'temporary debug' }
          : p,
      );
      return;
  }
}
