// The shard's cycle state (the diff baseline's facts, the last verdicts) between PostgreSQL and the working
// set: rows, like the SQLite tables they mirror. A commit writes only the rows that changed since the last
// one (compared against what was last written, as for findings), so a cycle over thousands of services
// does not rewrite the whole baseline.
import type { Store } from '../store.ts';
import type { PgClient, PgPool } from './pgDb.ts';

/** Each fact and verdict row last written to PostgreSQL, by its table, kind and key. */
export type StateMarks = Map<string, Row>;

interface Row {
  table: 'facts' | 'verdicts';
  kind: string | null;
  key: string;
  body: string;
}

const markKey = (r: Pick<Row, 'table' | 'kind' | 'key'>): string =>
  r.table === 'facts' ? `facts|${r.key}` : `verdicts|${r.kind}|${r.key}`;

function localRows(local: Store): Row[] {
  const facts = local.db.prepare('SELECT key, body FROM facts').all() as { key: string; body: string }[];
  const verdicts = local.db.prepare('SELECT kind, key, body FROM verdicts').all() as {
    kind: string;
    key: string;
    body: string;
  }[];
  return [
    ...facts.map((f) => ({ table: 'facts' as const, kind: null, ...f })),
    ...verdicts.map((v) => ({ table: 'verdicts' as const, ...v })),
  ];
}

/** Loads the shard's facts and verdicts into the working set (call inside its transaction). */
export async function loadCycleState(pool: PgPool, shard: string): Promise<(local: Store) => StateMarks> {
  const [facts, verdicts] = await Promise.all([
    pool.query<{ key: string; body: unknown }>('SELECT key, body FROM facts WHERE shard = $1', [shard]),
    pool.query<{ kind: string; key: string; body: unknown }>(
      'SELECT kind, key, body FROM verdicts WHERE shard = $1',
      [shard],
    ),
  ]);
  return (local) => {
    const marks: StateMarks = new Map();
    const fact = local.db.prepare('INSERT INTO facts (key, body) VALUES (?, ?)');
    const verdict = local.db.prepare('INSERT INTO verdicts (kind, key, body) VALUES (?, ?, ?)');
    for (const r of facts.rows) {
      const body = JSON.stringify(r.body);
      fact.run(r.key, body);
      marks.set(markKey({ table: 'facts', kind: null, key: r.key }), {
        table: 'facts',
        kind: null,
        key: r.key,
        body,
      });
    }
    for (const r of verdicts.rows) {
      const body = JSON.stringify(r.body);
      verdict.run(r.kind, r.key, body);
      marks.set(markKey({ table: 'verdicts', kind: r.kind, key: r.key }), {
        table: 'verdicts',
        kind: r.kind,
        key: r.key,
        body,
      });
    }
    return marks;
  };
}

/** Writes the rows that changed or went away since `marks`; returns the marks to keep once committed. */
export async function commitCycleState(
  client: PgClient,
  shard: string,
  local: Store,
  marks: StateMarks,
): Promise<StateMarks> {
  const next: StateMarks = new Map();
  for (const r of localRows(local)) {
    const key = markKey(r);
    next.set(key, r);
    if (marks.get(key)?.body === r.body) continue;
    if (r.table === 'facts')
      await client.query(
        `INSERT INTO facts (shard, key, body) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (shard, key) DO UPDATE SET body = excluded.body`,
        [shard, r.key, r.body],
      );
    else
      await client.query(
        `INSERT INTO verdicts (shard, kind, key, body) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (shard, kind, key) DO UPDATE SET body = excluded.body`,
        [shard, r.kind, r.key, r.body],
      );
  }
  for (const [key, gone] of marks) {
    if (next.has(key)) continue;
    if (gone.table === 'facts')
      await client.query('DELETE FROM facts WHERE shard = $1 AND key = $2', [shard, gone.key]);
    else
      await client.query('DELETE FROM verdicts WHERE shard = $1 AND kind = $2 AND key = $3', [
        shard,
        gone.kind,
        gone.key,
      ]);
  }
  return next;
}
