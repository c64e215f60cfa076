// One unit = one VPC with two ALBs, one ECS cluster and 20 services. planUnit draws its layout and its
// failures from the unit's own random stream; `extra` adds failures on top (the fan-out timeline).
import {
  SERVICE_FAILURES,
  UNIT_FAILURES,
  applyUnitFailure,
  touchedBy,
  type ServiceFailure,
} from './failures.ts';
import { applicable, applyServiceFailure } from './serviceFailures.ts';
import { planNacls } from './naclPlan.ts';
import { planServices, type UnitPlan } from './plan.ts';
import { Random } from './random.ts';
import { planSecurityGroups, taskSgIds } from './sgPlan.ts';
import { PER_UNIT } from './sizes.ts';
import { unitIds } from './unitIds.ts';

/**
 * Share of units with a unit-wide failure, and of the remaining load-balanced services with their own; a unit
 * the draw leaves healthy gets one broken service anyway.
 */
export const UNIT_FAILURE_RATE = 0.3;
export const SERVICE_FAILURE_RATE = 0.15;

export interface UnitAddress {
  seed: number;
  account: string;
  region: string;
  index: number;
}

export function planUnit(
  at: UnitAddress,
  extra: Array<{ service: string; mode: ServiceFailure }> = [],
): UnitPlan {
  const ids = unitIds(at.seed, at.account, at.region, at.index);
  const rng = new Random(`${ids.key}/layout`);
  const awsvpcServices = PER_UNIT.services - 6;
  const { services, instances } = planServices(ids, rng, taskSgIds(ids, awsvpcServices));
  const plan: UnitPlan = {
    ids,
    services,
    instances,
    sgs: planSecurityGroups(ids, services, rng),
    nacls: planNacls(ids),
    lbSubnets: { web: ['pubA', 'pubB'], internal: ['appA', 'appB'] },
    natRouteRemoved: [],
    failures: [],
  };
  // Failures draw from their own stream, so changing the layout code does not reshuffle them.
  const chaos = new Random(`${ids.key}/failures`);
  const touched = new Set<string>();
  if (chaos.chance(UNIT_FAILURE_RATE)) {
    const mode = chaos.pick(UNIT_FAILURES);
    touchedBy(plan, mode).forEach((s) => touched.add(s.name));
    applyUnitFailure(plan, mode);
  }
  const candidates = services.filter((svc) => svc.tg && !touched.has(svc.name));
  for (const svc of candidates) {
    if (!chaos.chance(SERVICE_FAILURE_RATE)) continue;
    const modes = SERVICE_FAILURES.filter((m) => applicable(svc, m));
    if (modes.length > 0) applyServiceFailure(plan, svc, chaos.pick(modes));
  }
  // Someone is always on call for something: every unit has at least one broken service.
  if (plan.failures.length === 0) {
    const svc = chaos.pick(candidates);
    applyServiceFailure(plan, svc, chaos.pick(SERVICE_FAILURES.filter((m) => applicable(svc, m))));
  }
  for (const { service, mode } of extra) {
    const svc = services.find((s) => s.name === service);
    if (!svc || !applicable(svc, mode)) throw new Error(`cannot apply ${mode} to ${service}`);
    applyServiceFailure(plan, svc, mode);
  }
  return plan;
}
