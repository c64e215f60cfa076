// The snapshot folder source: AWS CLI JSON outputs (Batfish layout) ⇄ Snapshot.
export { SnapshotInputError, formatJsonPath } from './errors.ts';
export { snapshotFromDocuments, type SnapshotDocument } from './documents.ts';
export { readSnapshotFolder, listJsonFiles, parseJson } from './readFolder.ts';
export { writeSnapshotFolder, snapshotFiles, partitionFolder, type SnapshotFile } from './writeFolder.ts';
export {
  KIND_BY_TOP_LEVEL_KEY,
  TOP_LEVEL_KEY_BY_KIND,
  IGNORED_TOP_LEVEL_KEYS,
  primaryIdOf,
  topLevelKeyInfo,
  type TopLevelKeyInfo,
  type TopLevelShape,
} from './keys.ts';
export {
  detectScope,
  scopeFromContent,
  scopeFromPath,
  resolveScopes,
  ACCOUNT_ID,
  REGION_NAME,
} from './scope.ts';
export { METADATA_FILE, METADATA_KEY, type SnapshotMetadata } from './metadata.ts';
