// Opens the shared PostgreSQL store: a connection pool, the numbered migrations (under an advisory lock, so
// daemons starting together migrate once), and a transaction helper. Errors name the server, never the
// password.
import pg from 'pg';
import { StoreError } from '../errors.ts';
import { PG_MIGRATIONS } from './migrations.ts';

/** Any value: two daemons migrating at once serialise on it. */
const MIGRATION_LOCK = 7_070_016;

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openPg(url: string, max = 10): Promise<PgPool> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server emits 'error' on the pool; without a listener Node would exit.
  pool.on('error', (err) => console.error(`porthole: PostgreSQL connection lost: ${err.message}`));
  try {
    await migratePg(pool);
    return pool;
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (err instanceof StoreError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new StoreError(`cannot open the PostgreSQL store ${redactUrl(url)}: ${message}`);
  }
}

/** Applies every migration newer than schema_version, each in its own transaction. */
export async function migratePg(pool: PgPool): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > PG_MIGRATIONS.length) {
      throw new StoreError(
        `the PostgreSQL store has schema version ${current}, newer than this Porthole (${PG_MIGRATIONS.length}): upgrade Porthole`,
      );
    }
    for (let version = current + 1; version <= PG_MIGRATIONS.length; version++) {
      await client.query('BEGIN');
      try {
        await client.query(PG_MIGRATIONS[version - 1]!);
        await client.query('DELETE FROM schema_version');
        await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
    return PG_MIGRATIONS.length;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** Runs `fn` in one transaction on one connection: commits when it resolves, rolls back when it throws. */
export async function pgTx<T>(pool: PgPool, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
