// Where the daemon's snapshots come from: the demo estate, a snapshot folder, or live AWS.
import type { DaemonConfig } from './config/schema.ts';
import { snapshotSource } from './snapshotSource.ts';
import type { PollSource } from './types.ts';

export { snapshotSource } from './snapshotSource.ts';

export async function createSource(config: DaemonConfig): Promise<PollSource> {
  switch (config.source) {
    case 'demo': {
      // Loaded on demand: a live or snapshot daemon never loads the demo estate.
      const { demoSource } = await import('./demoSource.ts');
      return demoSource(config.demo.seed, 0, config.demo.hold);
    }
    case 'snapshot':
      return snapshotSource(config.snapshotDir!);
    case 'live': {
      // Loaded on demand too: the AWS SDK is ~110 MB of RSS a snapshot or demo daemon never uses.
      const { liveSource } = await import('./liveSource.ts');
      return liveSource(config);
    }
  }
}
