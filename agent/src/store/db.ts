// Opens the SQLite database in the data dir: WAL, synchronous=NORMAL, numbered migrations, and the damage
// check. Every way opening can fail becomes a StoreError naming the file (exit 2, no stack trace).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { StoreDamagedError, StoreError } from './errors.ts';
import { checkStore } from './integrity.ts';
import { MIGRATIONS } from './migrations.ts';

export type Db = Database.Database;

export const DB_FILE = 'porthole.db';

/** SQLite result codes that mean the file's content is damaged or not a database at all. */
export function isDamageCode(code: unknown): boolean {
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

function openError(file: string, err: unknown, now: Date): StoreError {
  if (err instanceof StoreError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  if (isDamageCode(code)) return new StoreDamagedError(file, message, now);
  if (err instanceof SyntaxError) return new StoreDamagedError(file, `invalid JSON: ${message}`, now);
  const hint =
    code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'EACCES'
      ? ': the daemon needs to read and write the file and its directory'
      : code === 'SQLITE_FULL' || code === 'ENOSPC'
        ? ': the disk is full'
        : '';
  return new StoreError(`cannot open the database ${file}: ${message}${hint}`);
}

export function openDatabase(dataDir: string, now: Date = new Date()): Db {
  const file = path.resolve(dataDir, DB_FILE);
  let db: Db | null = null;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    // WAL + NORMAL: a committed transaction survives a process crash (kill -9); only an OS crash or power
    // loss can drop the last transactions (https://www.sqlite.org/pragma.html#pragma_synchronous).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, now);
    checkStore(db, file, now);
    probeWrite(db);
    return db;
  } catch (err) {
    try {
      db?.close();
    } catch {
      // closing a damaged handle may fail too; the open error is the one to report
    }
    throw openError(file, err, now);
  }
}

/**
 * A read-only file opens (SQLite falls back to reading) and would fail only at the first cycle's write:
 * write the header once now (rolled back), so that is a clear error at start.
 */
function probeWrite(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${version}`);
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
  }
}

/** Applies every migration newer than PRAGMA user_version, each in its own transaction. */
export function migrate(db: Db, now: Date = new Date()): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new StoreError(
      `database ${db.name} has schema version ${current}, newer than this Porthole (${MIGRATIONS.length}): ` +
        'upgrade Porthole, or use another --data-dir',
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const sql = MIGRATIONS[version - 1]!;
    try {
      db.transaction(() => {
        db.exec(sql);
        db.pragma(`user_version = ${version}`);
      })();
    } catch (err) {
      // "table cycles already exists" at version 0: some other program's database, or a damaged one.
      if (isDamageCode((err as { code?: unknown }).code)) throw err;
      throw new StoreDamagedError(
        db.name,
        `schema migration ${version} failed (${err instanceof Error ? err.message : String(err)}): not a Porthole database at schema version ${current}`,
        now,
      );
    }
  }
  return MIGRATIONS.length;
}
