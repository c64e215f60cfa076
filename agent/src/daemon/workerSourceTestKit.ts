// A worker source for workerSource.test.ts: the fixture folder, read once, and a poll count that lives in
// the worker between cycles (each snapshot's warnings say which poll it was).
import type { WorkerPoll } from './workerSource.ts';
import { readSnapshotFolder } from '../sources/snapshot/index.ts';

export async function createPoll(options: { folder: string }): Promise<WorkerPoll> {
  const snapshot = await readSnapshotFolder(options.folder);
  let polls = 0;
  return async () => {
    polls += 1;
    return { snapshot: { ...snapshot, warnings: [`poll ${polls}`] }, calls: null };
  };
}
