// The damage check on open: SQLite's own page check, the tables and columns Porthole expects, and the JSON
// the daemon parses on every cycle. A damaged store stops the daemon with instructions, never a loop that
// crashes each cycle (which leaves a daemon that is never ready and never exits).
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Db } from './db.ts';
import { StoreDamagedError } from './errors.ts';
import { MIGRATIONS } from './migrations.ts';

const MAX_LISTED = 3;

/** table → columns, as a fresh database with every migration has them. */
let expected: Map<string, string[]> | null = null;
function expectedSchema(): Map<string, string[]> {
  if (expected) return expected;
  const fresh = new Database(':memory:');
  MIGRATIONS.forEach((sql) => fresh.exec(sql));
  expected = tableColumns(fresh);
  fresh.close();
  return expected;
}

function tableColumns(db: Db): Map<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  return new Map(
    tables.map(({ name }) => [
      name,
      (db.pragma(`table_info(${JSON.stringify(name)})`) as { name: string }[]).map((c) => c.name),
    ]),
  );
}

/** Shapes of the kv values the loop reads back at start (loose: older versions' values must pass). */
const KV_SHAPES: Record<string, z.ZodType> = {
  'diff.baseline': z.record(
    z.string(),
    z.looseObject({
      kind: z.string(),
      owner: z.string(),
      text: z.string(),
      fields: z.record(z.string(), z.string()),
      resources: z.array(z.string()),
    }),
  ),
  'scan.last': z.looseObject({
    findings: z.array(z.looseObject({ id: z.string() })),
    targets: z.array(z.unknown()),
    services: z.array(z.looseObject({ name: z.string() })),
  }),
};

/** JSON columns the repos parse: table, key column, JSON column. */
const JSON_COLUMNS: [string, string, string][] = [
  ['kv', 'key', 'value'],
  ['facts', 'key', 'body'],
  ['verdicts', 'key', 'body'],
  ['findings', 'id', 'body'],
  ['events', 'id', 'resources'],
  ['alert_state', 'finding_id', 'members'],
  ['alert_deliveries', 'id', 'finding_ids'],
];

function listed(items: string[]): string {
  const more = items.length > MAX_LISTED ? ` and ${items.length - MAX_LISTED} more` : '';
  return items.slice(0, MAX_LISTED).join(', ') + more;
}

/** Throws StoreDamagedError naming the first problems found; returns quietly for a sound store. */
export function checkStore(db: Db, file: string, now: Date = new Date()): void {
  const damaged = (problem: string): StoreDamagedError => new StoreDamagedError(file, problem, now);
  const pages = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  if (pages.length !== 1 || pages[0] !== 'ok') throw damaged(`SQLite quick_check: ${listed(pages)}`);

  const actual = tableColumns(db);
  const schemaProblems: string[] = [];
  for (const [table, columns] of expectedSchema()) {
    const have = actual.get(table);
    if (!have) schemaProblems.push(`table ${table} is missing`);
    else {
      const missing = columns.filter((c) => !have.includes(c));
      if (missing.length > 0) schemaProblems.push(`table ${table} lacks column ${missing.join(', ')}`);
    }
  }
  if (schemaProblems.length > 0)
    throw damaged(`not the schema this Porthole expects: ${listed(schemaProblems)}`);

  for (const [table, key, column] of JSON_COLUMNS) {
    const bad = db
      .prepare(`SELECT ${key} AS k FROM ${table} WHERE json_valid(${column}) = 0 LIMIT ${MAX_LISTED + 1}`)
      .all() as { k: string | number }[];
    if (bad.length > 0)
      throw damaged(
        `${table}.${column} holds invalid JSON in ${bad.length > MAX_LISTED ? 'several rows' : bad.length === 1 ? 'row' : 'rows'} ${bad
          .slice(0, MAX_LISTED)
          .map((r) => `${key}=${String(r.k)}`)
          .join(', ')}`,
      );
  }
  for (const [key, shape] of Object.entries(KV_SHAPES)) {
    const row = db.prepare('SELECT value FROM kv WHERE key = ?').get(key) as { value: string } | undefined;
    if (!row) continue;
    const parsed = shape.safeParse(JSON.parse(row.value));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw damaged(
        `kv "${key}" is not what Porthole stored: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
    }
  }
}
