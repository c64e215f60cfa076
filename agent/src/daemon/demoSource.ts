// The built-in demo estate: a scripted, seedable timeline, one step per poll, through the same snapshot
// reader as a captured folder. The step number is checkpointed so a restart continues the story.
// The timeline can be held on its current step (config `demo.hold`, or POST /api/demo/hold) so a
// breakage stays on screen while someone clicks through it.
import type { DemoState } from '@porthole/shared';
import { estateAtCycle } from '@porthole/estate/demo/index.js';
import type { DemoScopeOptions } from '@porthole/estate/demo/ids.js';
import { snapshotFromDocuments } from '../sources/snapshot/index.ts';
import type { DemoControl, PollSource } from './types.ts';

interface DemoCheckpoint {
  seed: number;
  cycle: number;
}

export function demoSource(
  seed: number,
  startCycle = 0,
  hold = false,
  /** Another account/region (the HA mode's demo shards): the same story with that scope's ids. */
  scope: DemoScopeOptions = {},
): PollSource & { demo: DemoControl } {
  /** The next step to show. */
  let cycle = startCycle;
  /** The step the last poll showed, or null before the first poll. */
  let shown: number | null = null;
  let held = hold;
  const state = (): DemoState => ({ held, step: shown ?? cycle });
  return {
    kind: 'demo',
    label: `demo estate (seed ${seed})`,
    async poll() {
      // Held: show the same step again (the first poll still has to show something).
      const step = held && shown !== null ? shown : cycle;
      if (step === cycle) cycle++;
      shown = step;
      return { snapshot: snapshotFromDocuments(estateAtCycle(seed, step, scope)), calls: null };
    },
    checkpoint: (): DemoCheckpoint => ({ seed, cycle }),
    restore(saved) {
      const s = saved as Partial<DemoCheckpoint> | null;
      // A different seed is a different story: start it from the beginning.
      if (s?.seed === seed && typeof s.cycle === 'number') cycle = s.cycle;
    },
    demo: {
      state,
      setHeld(next) {
        held = next;
        return state();
      },
    },
  };
}
