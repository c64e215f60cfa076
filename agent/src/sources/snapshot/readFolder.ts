// Reads a snapshot folder (every *.json below it, Batfish layout) into a Snapshot.
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { plural, type Snapshot } from '@porthole/shared';
import { SnapshotAssembler } from './documents.ts';
import { SnapshotInputError } from './errors.ts';
import { findJsonSyntaxError } from './jsonSyntax.ts';

const LAYOUT_HINT = 'expected AWS CLI JSON outputs such as DIR/aws_configs/us-east-1/SecurityGroups.json';

export async function readSnapshotFolder(dir: string): Promise<Snapshot> {
  const files = await listJsonFiles(dir);
  if (files.length === 0) {
    throw new SnapshotInputError({
      file: dir,
      detail: `the snapshot folder holds no .json file (${LAYOUT_HINT})`,
    });
  }
  // One pass, file by file in sorted order: bytes → JSON → validated, redacted items; each file's text and
  // parsed JSON are dropped as soon as its items are taken. Reads run ahead of the parsing, a few at a time,
  // so the disk is busy while the CPU parses, without holding the whole folder in memory.
  const assembler = new SnapshotAssembler();
  const reads: Array<Promise<Buffer>> = [];
  const readAt = (i: number) => {
    const file = files[i];
    if (file === undefined) return;
    reads[i] = readBytes(file);
    // A failed read ahead of a file that throws first must not surface as an unhandled rejection.
    reads[i].catch(() => undefined);
  };
  for (let i = 0; i < READ_AHEAD; i++) readAt(i);
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const bytes = await reads[i]!;
    delete reads[i];
    readAt(i + READ_AHEAD);
    assembler.add({ file, json: parseJson(file, decode(bytes)), scopePath: path.resolve(file), owned: true });
  }
  const snapshot = assembler.finish();
  if (snapshot.partitions.length === 0) {
    const first = snapshot.warnings.slice(0, 3).join('; ');
    throw new SnapshotInputError({
      file: dir,
      detail: `none of the ${plural(files.length, '.json file')} holds a recognised AWS CLI output (${first})`,
    });
  }
  return snapshot;
}

/** Files read ahead of the one being parsed: enough to keep the disk busy, few enough to bound memory. */
const READ_AHEAD = 8;

function readBytes(file: string): Promise<Buffer> {
  return readFile(file).catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    throw new SnapshotInputError({ file, detail: `cannot read the file (${String(code ?? error)})` });
  });
}

/**
 * Every `*.json` below `dir`, sorted so later-wins merging does not depend on the file system's order.
 * Hidden entries (`.git`, `.DS_Store`) are skipped, as a shell glob would; symlinks are followed once.
 */
export async function listJsonFiles(dir: string): Promise<string[]> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new SnapshotInputError({ file: dir, detail: 'the snapshot folder does not exist' });
  if (!info.isDirectory())
    throw new SnapshotInputError({ file: dir, detail: 'the snapshot path is not a folder' });
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = async (current: string): Promise<void> => {
    const real = await realpath(current);
    if (visited.has(real)) return; // a symlink loop
    visited.add(real);
    const entries = await readdir(current, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      const target = entry.isSymbolicLink() ? await stat(full).catch(() => null) : entry;
      if (target?.isDirectory()) await walk(full);
      else if (target?.isFile() && entry.name.toLowerCase().endsWith('.json')) found.push(full);
    }
  };
  await walk(dir);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** UTF-8 (with or without BOM) or UTF-16 LE with BOM (what Windows PowerShell 5 `>` writes). */
function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse's own message quotes the text around the error, which may be a secret: not reused.
    if (text.trim() === '') throw new SnapshotInputError({ file, detail: 'invalid JSON: the file is empty' });
    const problem = findJsonSyntaxError(text);
    throw new SnapshotInputError({
      file,
      detail: `invalid JSON: ${problem?.reason ?? 'syntax error'}`,
      ...(problem ? { line: problem.line, column: problem.column } : {}),
    });
  }
}
