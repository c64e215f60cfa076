// The floor under the load: read every file the snapshot reader reads and JSON.parse it, nothing else (no
// validation, no redaction, no merging). The parsed documents stay alive to the end, as the reader's do, so
// the floor pays the same garbage-collection work for holding them. Same file list, same order, sequential.
import { readFile } from 'node:fs/promises';
import { listJsonFiles } from '../../agent/src/sources/snapshot/readFolder.ts';

export interface ParseFloor {
  ms: number;
  files: number;
  bytes: number;
}

export async function measureParseFloor(dir: string): Promise<ParseFloor> {
  const t0 = performance.now();
  const files = await listJsonFiles(dir);
  const parsed: unknown[] = [];
  let bytes = 0;
  for (const file of files) {
    const buf = await readFile(file);
    bytes += buf.length;
    parsed.push(JSON.parse(buf.toString('utf8')));
  }
  const ms = Math.round((performance.now() - t0) * 10) / 10;
  return { ms, files: parsed.length, bytes };
}
