// The fan-out timeline: each step breaks one more healthy load-balanced service somewhere in the estate and
// repairs the one broken two steps earlier, so every cycle after the first carries opened and resolved
// findings, service verdict changes and config-change events, as a real estate's timeline does.
import type { Snapshot } from '@porthole/shared';
import type { ServiceFailure } from '../estate/failures.ts';
import { applicable } from '../estate/serviceFailures.ts';
import type { UnitPlan } from '../estate/plan.ts';
import { planUnit, type UnitAddress } from '../estate/unit.ts';
import { healthyServices } from './oneServiceChange.ts';
import { replaceUnit } from './replaceUnit.ts';

const MODES: ServiceFailure[] = [
  'task-sg-wrong-port',
  'health-check-404',
  'app-not-listening',
  'target-group-orphaned',
];

export class Timeline {
  private readonly extras = new Map<number, Array<{ service: string; mode: ServiceFailure }>>();
  private readonly plans = new Map<number, UnitPlan>();
  private readonly broken: Array<{ unit: number; service: string }> = [];
  private step = 0;

  constructor(
    private readonly addresses: UnitAddress[],
    public snapshot: Snapshot,
  ) {}

  private plan(unit: number): UnitPlan {
    let plan = this.plans.get(unit);
    if (!plan) this.plans.set(unit, (plan = planUnit(this.addresses[unit]!, this.extras.get(unit) ?? [])));
    return plan;
  }

  private edit(unit: number, change: (list: Array<{ service: string; mode: ServiceFailure }>) => void): void {
    const before = this.plan(unit);
    const list = [...(this.extras.get(unit) ?? [])];
    change(list);
    this.extras.set(unit, list);
    const after = planUnit(this.addresses[unit]!, list);
    this.plans.set(unit, after);
    this.snapshot = replaceUnit(this.snapshot, before, after);
  }

  /** Moves to the next step; returns what changed, in words. */
  advance(): string {
    this.step += 1;
    const unit = (this.step * 37) % this.addresses.length;
    const plan = this.plan(unit);
    const taken = new Set(this.broken.filter((b) => b.unit === unit).map((b) => b.service));
    const mode = MODES[this.step % MODES.length]!;
    const victim = healthyServices(plan)
      .filter((name) => !taken.has(name))
      .map((name) => plan.services.find((s) => s.name === name)!)
      .find((s) => applicable(s, mode));
    const words: string[] = [];
    if (victim) {
      this.edit(unit, (list) => list.push({ service: victim.name, mode }));
      this.broken.push({ unit, service: victim.name });
      words.push(`${mode} on ${plan.ids.cluster.name}/${victim.name}`);
    }
    if (this.broken.length > 2) {
      const healed = this.broken.shift()!;
      this.edit(healed.unit, (list) =>
        list.splice(
          list.findIndex((e) => e.service === healed.service),
          1,
        ),
      );
      words.push(`repaired ${healed.service}`);
    }
    return words.join('; ') || 'no change';
  }
}
