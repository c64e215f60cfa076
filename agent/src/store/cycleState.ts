// What a restart needs to continue where the last cycle left off, stored as deltas: the diff baseline's facts
// (one row per fact) and the last verdicts (one row per service and target). A cycle writes only the rows
// that changed, never the whole scan or the whole baseline (issue 14: at 2,000 services those blobs were
// tens of megabytes of JSON per cycle).
import type { ServiceVerdict, TargetVerdict } from '@porthole/shared';
import type { Fact, FactSet } from '@porthole/core/timeline/diff/facts.js';
import type { Db } from './db.ts';

/** Facts that changed since the committed baseline: new or different ones, and the keys that went away. */
export interface FactDelta {
  upsert: Record<string, Fact>;
  remove: string[];
}

/** Verdicts that changed since the last cycle, keyed by serviceKey / targetKey. */
export interface VerdictDelta {
  services: { upsert: ServiceVerdict[]; remove: string[] };
  targets: { upsert: TargetVerdict[]; remove: string[] };
}

/** The same "cluster/service" may exist in several accounts/regions. */
export const serviceKey = (s: Pick<ServiceVerdict, 'account' | 'region' | 'name'>): string =>
  `${s.account ?? ''}|${s.region ?? ''}|${s.name}`;
export const targetKey = (t: Pick<TargetVerdict, 'targetGroupArn' | 'id' | 'port'>): string =>
  `${t.targetGroupArn}|${t.id}|${t.port ?? ''}`;

/** The store's side of the cycle state (an interface, so another store can implement it). */
export interface CycleStateRepo {
  /** The committed baseline, or null before the first committed cycle (that cycle records no changes). */
  facts(): FactSet | null;
  /** Call inside the cycle's transaction; marks the baseline as existing even when the estate has no facts. */
  applyFacts(delta: FactDelta): void;
  verdicts(): { services: ServiceVerdict[]; targets: TargetVerdict[] };
  applyVerdicts(delta: VerdictDelta): void;
}

const BASELINE_MARK = 'facts.baseline';

export class SqliteCycleState implements CycleStateRepo {
  private readonly factsStmt;
  private readonly markStmt;
  private readonly setMarkStmt;
  private readonly upsertFact;
  private readonly removeFact;
  private readonly verdictsStmt;
  private readonly upsertVerdict;
  private readonly removeVerdict;

  constructor(db: Db) {
    this.factsStmt = db.prepare('SELECT key, body FROM facts');
    this.markStmt = db.prepare('SELECT 1 FROM kv WHERE key = ?');
    this.setMarkStmt = db.prepare(
      `INSERT INTO kv (key, value) VALUES (?, 'true') ON CONFLICT(key) DO NOTHING`,
    );
    this.upsertFact = db.prepare(
      'INSERT INTO facts (key, body) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET body = excluded.body',
    );
    this.removeFact = db.prepare('DELETE FROM facts WHERE key = ?');
    this.verdictsStmt = db.prepare('SELECT kind, body FROM verdicts ORDER BY kind, key');
    this.upsertVerdict = db.prepare(
      `INSERT INTO verdicts (kind, key, body) VALUES (?, ?, ?)
       ON CONFLICT(kind, key) DO UPDATE SET body = excluded.body`,
    );
    this.removeVerdict = db.prepare('DELETE FROM verdicts WHERE kind = ? AND key = ?');
  }

  facts(): FactSet | null {
    if (!this.markStmt.get(BASELINE_MARK)) return null;
    const out: FactSet = {};
    for (const row of this.factsStmt.all() as { key: string; body: string }[])
      out[row.key] = JSON.parse(row.body) as Fact;
    return out;
  }

  applyFacts(delta: FactDelta): void {
    this.setMarkStmt.run(BASELINE_MARK);
    for (const key of delta.remove) this.removeFact.run(key);
    for (const [key, fact] of Object.entries(delta.upsert)) this.upsertFact.run(key, JSON.stringify(fact));
  }

  verdicts(): { services: ServiceVerdict[]; targets: TargetVerdict[] } {
    const services: ServiceVerdict[] = [];
    const targets: TargetVerdict[] = [];
    for (const row of this.verdictsStmt.all() as { kind: string; body: string }[]) {
      if (row.kind === 'service') services.push(JSON.parse(row.body) as ServiceVerdict);
      else targets.push(JSON.parse(row.body) as TargetVerdict);
    }
    return { services, targets };
  }

  applyVerdicts(delta: VerdictDelta): void {
    for (const key of delta.services.remove) this.removeVerdict.run('service', key);
    for (const key of delta.targets.remove) this.removeVerdict.run('target', key);
    for (const s of delta.services.upsert)
      this.upsertVerdict.run('service', serviceKey(s), JSON.stringify(s));
    for (const t of delta.targets.upsert) this.upsertVerdict.run('target', targetKey(t), JSON.stringify(t));
  }
}
