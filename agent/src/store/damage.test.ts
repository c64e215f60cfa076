// The damage corpus: every way a data dir can be broken either opens cleanly (SQLite recovers it) or stops
// with a StoreError naming the file and saying what to do; never a hang, never a raw SqliteError/SyntaxError.
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from './db.ts';
import { StoreDamagedError, StoreError } from './errors.ts';
import { MIGRATIONS } from './migrations.ts';
import { lockDataDir } from './lock.ts';
import { Store } from './store.ts';

const root = mkdtempSync(path.join(tmpdir(), 'porthole-damage-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const NOW = new Date('2026-03-02T10:40:00.000Z');

/** A data dir holding a real, populated store (events, a finding, kv), checkpointed into the main file. */
function populated(): { dir: string; file: string } {
  const dir = path.join(root, `d${n++}`);
  const store = Store.open(dir);
  store.tx(() => {
    for (let i = 0; i < 300; i++)
      store.events.insert(
        {
          at: `2026-03-02T10:${String(i % 60).padStart(2, '0')}:00.000Z`,
          type: 'route-removed',
          service: 'prod/web',
          resources: ['rtb-0f51', `nat-${i}`],
          message: `route 0.0.0.0/0 → nat-${i} removed from rtb-0f51 ${'x'.repeat(200)}`,
          likelyCause: null,
        },
        null,
      );
    store.kv.set('diff.baseline', {});
    store.kv.set('source.checkpoint', { seed: 1, cycle: 4 });
  });
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return { dir, file: path.join(dir, DB_FILE) };
}

function sql(file: string, statement: string): void {
  const db = new Database(file);
  db.exec(statement);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

/** Deterministic "random" bytes. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x & 0xff;
  }
  return out;
}

type Outcome = { kind: 'opened' } | { kind: 'refused'; error: StoreError };

function attempt(dir: string): Outcome {
  try {
    const store = Store.open(dir, NOW);
    // Opened: it must really be usable, not a time bomb for the first cycle.
    expect(store.db.pragma('quick_check', { simple: true })).toBe('ok');
    store.events.query({ limit: 1000 });
    store.findings.open();
    store.kv.get('diff.baseline');
    store.close();
    return { kind: 'opened' };
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError); // never a raw SqliteError or SyntaxError
    return { kind: 'refused', error: err as StoreError };
  }
}

const damagedAdvice = (error: StoreError, file: string): void => {
  expect(error).toBeInstanceOf(StoreDamagedError);
  expect(error.message).toContain(`the database ${file} is damaged`);
  expect(error.message).toContain(`mv '${file}' '${file}.corrupt-2026-03-02T10-40-00-000Z'`);
};

interface Variant {
  name: string;
  damage: (dir: string, file: string) => void;
  /** 'damaged': StoreDamagedError with the move-aside advice; 'error': another StoreError; 'either'. */
  expect: 'opened' | 'damaged' | 'error' | 'damaged-or-opened';
  message?: RegExp;
}

const VARIANTS: Variant[] = [
  { name: 'zero-length file', damage: (_d, f) => writeFileSync(f, ''), expect: 'opened' },
  {
    name: 'truncated to half',
    damage: (_d, f) => truncateSync(f, Math.floor(statSync(f).size / 2)),
    expect: 'damaged',
  },
  {
    name: 'truncated mid-page',
    damage: (_d, f) => truncateSync(f, statSync(f).size - 1500),
    expect: 'damaged',
  },
  {
    name: 'random bytes over the header',
    damage: (_d, f) => overwrite(f, 0, noise(100, 7)),
    expect: 'damaged',
    message: /file is not a database/,
  },
  {
    name: 'random bytes over the schema page',
    damage: (_d, f) => overwrite(f, 100, noise(3996, 11)),
    expect: 'damaged',
  },
  {
    name: 'random bytes over data pages',
    damage: (_d, f) => overwrite(f, 4096 * 3, noise(4096 * 4, 13)),
    expect: 'damaged-or-opened',
  },
  {
    name: 'not a database at all (a text file)',
    damage: (_d, f) => writeFileSync(f, 'hello, this is not sqlite\n'.repeat(100)),
    expect: 'damaged',
    message: /file is not a database/,
  },
  {
    name: 'kv JSON with a control character',
    damage: (_d, f) =>
      sql(f, `UPDATE kv SET value = '{"a":"b` + '\u0001' + `"}' WHERE key = 'diff.baseline'`),
    expect: 'damaged',
    message: /kv\.value holds invalid JSON in row key=diff\.baseline/,
  },
  {
    name: 'kv baseline valid JSON of the wrong shape',
    damage: (_d, f) => sql(f, `UPDATE kv SET value = '"nonsense"' WHERE key = 'diff.baseline'`),
    expect: 'damaged',
    message: /kv "diff\.baseline" is not what Porthole stored/,
  },
  {
    name: 'event resources garbage',
    damage: (_d, f) => sql(f, `UPDATE events SET resources = 'rtb-0f51,nat-1' WHERE id = 5`),
    expect: 'damaged',
    message: /events\.resources holds invalid JSON in row id=5/,
  },
  {
    name: 'finding body garbage',
    damage: (_d, f) =>
      sql(
        f,
        `INSERT INTO findings (id, rule, severity, service, status, first_seen, last_seen, streak, missed, body)
         VALUES ('x', 'no-route', 'critical', null, 'open', 'a', 'a', 1, 0, '{"id":')`,
      ),
    expect: 'damaged',
    message: /findings\.body holds invalid JSON in row id=x/,
  },
  {
    name: 'wrong schema: a table dropped',
    damage: (_d, f) => sql(f, 'DROP TABLE findings'),
    expect: 'damaged',
    message: /table findings is missing/,
  },
  {
    name: "wrong schema: another program's tables at version 0",
    damage: (_d, f) => {
      rmSync(f);
      sql(f, 'CREATE TABLE cycles (id INTEGER PRIMARY KEY, note TEXT)');
    },
    expect: 'damaged',
    message: /not a Porthole database/,
  },
  {
    name: 'newer user_version',
    damage: (_d, f) => sql(f, `PRAGMA user_version = ${MIGRATIONS.length + 5}`),
    expect: 'error',
    message: /newer than this Porthole/,
  },
  {
    name: 'WAL leftover full of garbage',
    damage: (_d, f) => writeFileSync(`${f}-wal`, noise(8192, 17)),
    expect: 'opened',
  },
  {
    name: 'shared-memory leftover full of garbage',
    damage: (_d, f) => writeFileSync(`${f}-shm`, noise(32768, 19)),
    expect: 'opened',
  },
  {
    name: 'the database path is a directory',
    damage: (_d, f) => (rmSync(f), mkdirSync(f)),
    expect: 'error',
    message: /cannot open the database/,
  },
  {
    name: 'the data dir is a file',
    damage: (d) => (rmSync(d, { recursive: true }), writeFileSync(d, 'x')),
    expect: 'error',
  },
];

describe('store damage corpus', () => {
  it('has at least ten variants', () => expect(VARIANTS.length).toBeGreaterThanOrEqual(10));

  for (const v of VARIANTS) {
    it(`${v.name}: ${v.expect}`, { timeout: 10_000 }, () => {
      const { dir, file } = populated();
      v.damage(dir, file);
      const outcome = attempt(dir);
      if (v.expect === 'opened') expect(outcome.kind).toBe('opened');
      else if (v.expect === 'damaged-or-opened') {
        if (outcome.kind === 'refused') damagedAdvice(outcome.error, file);
      } else {
        expect(outcome.kind).toBe('refused');
        const error = (outcome as { error: StoreError }).error;
        if (v.expect === 'damaged') damagedAdvice(error, file);
        else expect(error).not.toBeInstanceOf(StoreDamagedError);
        if (v.message) expect(error.message).toMatch(v.message);
      }
    });
  }

  it('keeps the data of a real WAL left by a crash', () => {
    const dir = path.join(root, 'wal-crash');
    const store = Store.open(dir);
    store.db.pragma('wal_autocheckpoint = 0');
    store.kv.set('source.checkpoint', { seed: 1, cycle: 9 });
    // Copy the files while the WAL still holds the write: what a kill -9 leaves behind.
    const copy = path.join(root, 'wal-crash-copy');
    mkdirSync(copy);
    for (const suffix of ['', '-wal'])
      writeFileSync(
        path.join(copy, `${DB_FILE}${suffix}`),
        readFileSync(path.join(dir, `${DB_FILE}${suffix}`)),
      );
    store.close();
    const reopened = Store.open(copy);
    expect(reopened.kv.get('source.checkpoint')).toEqual({ seed: 1, cycle: 9 });
    reopened.close();
  });

  // Read-only as root too: chattr +i makes a file or directory immutable even for root (ext4 and most
  // Linux filesystems); plain chmod where we are not root.
  const readOnly = (target: string): (() => void) => {
    if (process.getuid?.() !== 0) {
      const mode = statSync(target).mode;
      chmodSync(target, statSync(target).isDirectory() ? 0o555 : 0o444);
      return () => chmodSync(target, mode);
    }
    execFileSync('chattr', ['+i', target]);
    return () => execFileSync('chattr', ['-i', target]);
  };
  const canMakeReadOnly = ((): boolean => {
    if (process.getuid?.() !== 0) return true;
    const probe = path.join(root, 'probe');
    writeFileSync(probe, '');
    try {
      execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
      execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false; // no chattr, or a filesystem without the immutable flag
    }
  })();

  it.skipIf(!canMakeReadOnly)('a read-only database file is refused with the reason', () => {
    const { dir, file } = populated();
    const undo = readOnly(file);
    try {
      const outcome = attempt(dir);
      expect(outcome.kind).toBe('refused');
      expect((outcome as { error: StoreError }).error.message).toMatch(
        new RegExp(`cannot open the database ${file}: .*needs to read and write`),
      );
    } finally {
      undo();
    }
  });

  it.skipIf(!canMakeReadOnly)('a read-only data dir is refused: no lock file, no WAL', () => {
    const { dir } = populated();
    const undo = readOnly(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(/cannot create the lock file .* the daemon needs write access/);
      const outcome = attempt(dir);
      expect(outcome.kind).toBe('refused');
      expect((outcome as { error: StoreError }).error).not.toBeInstanceOf(StoreDamagedError);
    } finally {
      undo();
    }
  });
});
