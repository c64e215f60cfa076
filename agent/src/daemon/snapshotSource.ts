// The snapshot-folder source: re-reads the folder every poll, so re-capturing into it updates the dashboard.
// The daemon's analysis worker reads the folder itself (`folder`): a 131 MB folder's read, parse and
// validation then never block the event loop that serves the API.
import { SnapshotInputError, readSnapshotFolder } from '../sources/snapshot/index.ts';
import type { PollResult, PollSource } from './types.ts';

export async function readFolderPoll(dir: string): Promise<PollResult> {
  try {
    return { snapshot: await readSnapshotFolder(dir), calls: null };
  } catch (error) {
    // Input errors already start with the file and JSON path; anything else gets the folder.
    if (error instanceof SnapshotInputError) throw error;
    throw new Error(`snapshot ${dir}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export function snapshotSource(dir: string): PollSource {
  return { kind: 'snapshot', label: `snapshot ${dir}`, folder: dir, poll: () => readFolderPoll(dir) };
}
