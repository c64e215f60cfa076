// Writes a Snapshot as a folder of AWS CLI JSON outputs in the Batfish layout, readable by readSnapshotFolder.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SNAPSHOT_KINDS, type Snapshot, type SnapshotScope } from '@porthole/shared';
import { TOP_LEVEL_KEY_BY_KIND } from './keys.ts';
import { METADATA_FILE, METADATA_KEY, metadataOf } from './metadata.ts';
import { ACCOUNT_ID, REGION_NAME } from './scope.ts';

export interface SnapshotFile {
  /** Path relative to the snapshot folder, with `/` separators. */
  path: string;
  json: unknown;
}

/** The folder of a partition: `aws_configs/[accounts/<account>/][<region>/]`. */
export function partitionFolder({ account, region }: SnapshotScope): string {
  // Checked so a strange scope cannot write outside the folder, and so reading back finds the same scope.
  if (account !== null && !ACCOUNT_ID.test(account))
    throw new Error(`not a 12-digit AWS account id: ${account}`);
  if (region !== null && !REGION_NAME.test(region)) throw new Error(`not an AWS region name: ${region}`);
  return ['aws_configs', ...(account ? ['accounts', account] : []), ...(region ? [region] : [])].join('/');
}

/** Pure: the files that represent `snapshot`, one per kind per partition, plus Porthole's metadata file. */
export function snapshotFiles(snapshot: Snapshot): SnapshotFile[] {
  const files: SnapshotFile[] = [];
  for (const partition of snapshot.partitions) {
    const folder = partitionFolder(partition);
    for (const kind of SNAPSHOT_KINDS) {
      const items = partition.data[kind];
      if (!items) continue;
      const key = TOP_LEVEL_KEY_BY_KIND[kind];
      files.push({ path: `${folder}/${key}.json`, json: { [key]: items } });
    }
  }
  const metadata = metadataOf(snapshot);
  if (metadata) files.push({ path: METADATA_FILE, json: { [METADATA_KEY]: metadata } });
  return files;
}

/**
 * Writes the snapshot into `dir` (created if needed; it must be empty so no stale file is read back with it).
 * Returns the paths written. JSON is indented by 4 spaces, as the AWS CLI prints it.
 */
export async function writeSnapshotFolder(dir: string, snapshot: Snapshot): Promise<string[]> {
  const files = snapshotFiles(snapshot); // validates every scope before anything is written
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0)
    throw new Error(`${dir}: folder is not empty; refusing to mix snapshots`);
  const written: string[] = [];
  for (const file of files) {
    const full = path.join(dir, ...file.path.split('/'));
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, JSON.stringify(file.json, null, 4) + '\n', 'utf8');
    written.push(full);
  }
  return written;
}
