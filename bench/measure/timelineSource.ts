// The benchmark's changing estate as a source the daemon's analysis worker polls itself (agent
// src/daemon/workerSource.ts), as the deployed snapshot-folder source is read there: the estate then lives in
// the worker's heap only. The bench steps the timeline from the daemon's thread over a BroadcastChannel
// (`advance` → the change in words), between cycles.
import { BroadcastChannel } from 'node:worker_threads';
import type { WorkerPoll } from '../../agent/src/daemon/workerSource.ts';
import { readSnapshotFolder } from '../../agent/src/sources/snapshot/index.ts';
import { unitAddresses } from '../estate/generate.ts';
import { parseSize } from '../estate/sizes.ts';
import { Timeline } from './timeline.ts';

export const TIMELINE_CHANNEL = 'porthole-bench-timeline';

export interface TimelineSourceOptions {
  dir: string;
  size: string;
  seed: number;
}

type Message = { type: 'advance'; step: number } | { type: 'advanced'; step: number; change: string };

export async function createPoll(o: TimelineSourceOptions): Promise<WorkerPoll> {
  const timeline = new Timeline(unitAddresses(parseSize(o.size), o.seed), await readSnapshotFolder(o.dir));
  const channel = new BroadcastChannel(TIMELINE_CHANNEL);
  channel.unref();
  channel.onmessage = (event) => {
    const m = (event as { data: Message }).data;
    if (m.type === 'advance')
      channel.postMessage({ type: 'advanced', step: m.step, change: timeline.advance() });
  };
  return async () => ({ snapshot: timeline.snapshot, calls: null });
}

/** The daemon's side: asks the worker's timeline for its next step. */
export function timelineRemote(): { advance(): Promise<string>; close(): void } {
  const channel = new BroadcastChannel(TIMELINE_CHANNEL);
  channel.unref();
  let step = 0;
  return {
    advance: () =>
      new Promise<string>((resolve) => {
        const mine = ++step;
        channel.onmessage = (event) => {
          const m = (event as { data: Message }).data;
          if (m.type === 'advanced' && m.step === mine) resolve(m.change);
        };
        channel.postMessage({ type: 'advance', step: mine } satisfies Message);
      }),
    close: () => channel.close(),
  };
}
