// "One service changes": its task SG is edited to the wrong port and its targets time out (the generator's
// task-sg-wrong-port story, applied on top of the estate) in the middle unit of the estate.
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

export function changeOneService(base: Snapshot, size: SizeName, seed: number): ServiceChange {
  const addresses = unitAddresses(size, seed);
  const at = addresses[Math.floor(addresses.length / 2)]!;
  const before = planUnit(at);
  const healthy = new Set(healthyServices(before));
  const victim = before.services.find((s) => healthy.has(s.name) && applicable(s, 'task-sg-wrong-port'));
  if (!victim) throw new Error(`no healthy awsvpc service in unit ${at.index}`);
  const after = planUnit(at, [{ service: victim.name, mode: 'task-sg-wrong-port' }]);
  const { ids } = after;
  return {
    serviceId: `${ids.account}/${ids.region}/${ids.cluster.name}/${victim.name}`,
    serviceKey: `${ids.cluster.name}/${victim.name}`,
    snapshot: replaceUnit(base, before, after),
  };
}
