// One daemon per data dir: a lock file created with O_EXCL that holds the owner's pid. Two daemons on one
// database would both diff, record and alert (every event and alert twice), so the second one must stop.
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { StoreError } from './errors.ts';

export const LOCK_FILE = 'porthole.lock';

interface LockContent {
  pid: number;
  host: string;
  nonce: string;
  startedAt: string;
}

/** Locks this process holds, by file: a pid equal to ours is only "alive" if we really hold it. */
const held = new Set<string>();

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

function readLock(file: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' ? (parsed as LockContent) : null;
  } catch {
    return null; // half-written or garbage: treated as stale below
  }
}

/**
 * Whether the process named in a lock still runs. EPERM means it exists (owned by someone else). On
 * Linux a live pid that is not a Node process is a reused pid (a container restart), so the lock is stale.
 */
export function ownerAlive(content: LockContent, file: string): boolean {
  if (content.pid === process.pid) return held.has(file); // a previous incarnation with our pid
  try {
    process.kill(content.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${content.pid}/cmdline`, 'utf8');
    return /node|tsx|porthole/.test(cmdline);
  } catch {
    return true; // no /proc (macOS) or not readable: trust kill(0)
  }
}

function tryCreate(file: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${JSON.stringify(content)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the data dir's lock or throws a StoreError "data dir … is in use by pid N". A lock left by a
 * process that died (kill -9, power loss) is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const dir = path.resolve(dataDir);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new StoreError(`data dir ${dir}: cannot create it (${(err as Error).message})`);
  }
  const file = path.join(dir, LOCK_FILE);
  const mine: LockContent = {
    pid: process.pid,
    host: hostname(),
    nonce: randomUUID(),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      if (tryCreate(file, mine)) {
        // Two processes that both took over the same stale lock: only the one whose content stayed wins.
        if (readLock(file)?.nonce !== mine.nonce) continue;
        held.add(file);
        let released = false;
        return {
          file,
          release() {
            if (released) return;
            released = true;
            held.delete(file);
            if (readLock(file)?.nonce === mine.nonce) unlinkSync(file);
          },
        };
      }
    } catch (err) {
      throw new StoreError(
        `data dir ${dir}: cannot create the lock file ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); ` +
          'the daemon needs write access to its data dir',
      );
    }
    const owner = readLock(file);
    if (owner && ownerAlive(owner, file)) {
      throw new StoreError(
        `data dir ${dir} is in use by pid ${owner.pid}${owner.host !== mine.host ? ` on ${owner.host}` : ''} ` +
          `(since ${owner.startedAt}): stop that daemon or use another --data-dir`,
      );
    }
    try {
      unlinkSync(file); // stale: its owner is gone
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new StoreError(`data dir ${dir}: another daemon is starting on it at the same time`);
}
