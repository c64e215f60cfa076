// "One service changes" in the middle unit of the estate: by default its task SG is edited to the wrong port and
// its targets time out (the generator's task-sg-wrong-port story, applied on top of the estate).
import type { Snapshot } from '@porthole/shared';
import { touchedBy, type UnitFailure } from '../estate/failures.ts';
import { applicable } from '../estate/serviceFailures.ts';
import { unitAddresses } from '../estate/generate.ts';
import type { UnitPlan } from '../estate/plan.ts';
import type { SizeName } from '../estate/sizes.ts';
import { planUnit } from '../estate/unit.ts';
import { replaceUnit } from './replaceUnit.ts';

export interface ServiceChange {
  /** ServiceModel.id: "account/region/cluster/service". */
  serviceId: string;
  /** "cluster/service". */
  serviceKey: string;
  snapshot: Snapshot;
}

/** Load-balanced services no failure touches yet (a change to them is the only thing wrong). */
export function healthyServices(plan: UnitPlan): string[] {
  const touched = new Set(
    plan.failures.flatMap((f) =>
      f.service ? [f.service] : touchedBy(plan, f.mode as UnitFailure).map((s) => s.name),
    ),
  );
  return plan.services.filter((s) => s.tg && !touched.has(s.name)).map((s) => s.name);
}

/** `mode`: the default edits the service's task SG (a network change); grace-too-short changes only ECS items
 * and target health (the service, two stopped tasks, timed-out targets), as a hot poll sees a service fail. */
export function changeOneService(
  base: Snapshot,
  size: SizeName,
  seed: number,
  mode: 'task-sg-wrong-port' | 'grace-too-short' = 'task-sg-wrong-port',
): ServiceChange {
  const addresses = unitAddresses(size, seed);
  const at = addresses[Math.floor(addresses.length / 2)]!;
  const before = planUnit(at);
  const healthy = new Set(healthyServices(before));
  const victim = before.services.find((s) => healthy.has(s.name) && applicable(s, mode));
  if (!victim) throw new Error(`no healthy service for ${mode} in unit ${at.index}`);
  const after = planUnit(at, [{ service: victim.name, mode }]);
  const { ids } = after;
  return {
    serviceId: `${ids.account}/${ids.region}/${ids.cluster.name}/${victim.name}`,
    serviceKey: `${ids.cluster.name}/${victim.name}`,
    snapshot: replaceUnit(base, before, after),
  };
}
