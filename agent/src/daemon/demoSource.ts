// The built-in demo estate: a scripted, seedable timeline, one step per poll, through the same snapshot
// reader as a captured folder. The step number is checkpointed so a restart continues the story.
import { estateAtCycle } from '../demo/index.ts';
import { snapshotFromDocuments } from '../sources/snapshot/index.ts';
import type { PollSource } from './types.ts';

interface DemoCheckpoint {
  seed: number;
  cycle: number;
}

export function demoSource(seed: number, startCycle = 0): PollSource {
  let cycle = startCycle;
  return {
    kind: 'demo',
    label: `demo estate (seed ${seed})`,
    async poll() {
      const docs = estateAtCycle(seed, cycle);
      cycle++;
      return { snapshot: snapshotFromDocuments(docs), calls: null };
    },
    checkpoint: (): DemoCheckpoint => ({ seed, cycle }),
    restore(state) {
      const saved = state as Partial<DemoCheckpoint> | null;
      // A different seed is a different story: start it from the beginning.
      if (saved?.seed === seed && typeof saved.cycle === 'number') cycle = saved.cycle;
    },
  };
}
