// The daemon's SQLite store: one database in the data dir, one repo per table, transactions around cycles.
import { openDatabase, type Db } from './db.ts';
import { CycleRepo } from './cycles.ts';
import { EventRepo } from './events.ts';
import { FindingRepo } from './findings.ts';
import { DeliveryRepo } from './deliveries.ts';
import { KvRepo } from './kv.ts';
import { AlertGroupRepo } from './alertGroups.ts';
import { SqliteCycleState, type CycleStateRepo } from './cycleState.ts';

export interface RetentionPolicy {
  /** Events, cycles, resolved findings and deliveries older than this are deleted. */
  days: number;
  /** Hard cap on stored timeline events (newest kept). */
  maxEvents: number;
}

export class Store {
  readonly cycles: CycleRepo;
  readonly events: EventRepo;
  readonly findings: FindingRepo;
  readonly deliveries: DeliveryRepo;
  readonly kv: KvRepo;
  readonly alertGroups: AlertGroupRepo;
  /** The diff baseline and the last verdicts, as rows written in deltas. */
  readonly state: CycleStateRepo;

  constructor(readonly db: Db) {
    this.cycles = new CycleRepo(db);
    this.events = new EventRepo(db);
    this.findings = new FindingRepo(db);
    this.deliveries = new DeliveryRepo(db);
    this.kv = new KvRepo(db);
    this.alertGroups = new AlertGroupRepo(db);
    this.state = new SqliteCycleState(db);
  }

  /** Opens (creating, migrating and checking) the database; throws StoreError / StoreDamagedError. */
  static open(dataDir: string, now?: Date): Store {
    return new Store(openDatabase(dataDir, now));
  }

  /** Runs `fn` in one transaction: all of a cycle's writes commit together or not at all. */
  tx<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Applies the retention policy; returns the number of rows deleted. */
  prune(now: Date, policy: RetentionPolicy): number {
    const before = new Date(now.getTime() - policy.days * 86_400_000).toISOString();
    return this.tx(
      () =>
        this.events.prune(before, policy.maxEvents) +
        this.cycles.prune(before) +
        this.findings.prune(before) +
        this.deliveries.prune(before),
    );
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export type { EventQuery } from './events.ts';
export type { CycleRecord } from './cycles.ts';
export type { CycleStateRepo, FactDelta, VerdictDelta } from './cycleState.ts';
export { serviceKey, targetKey } from './cycleState.ts';
export { StoreDamagedError, StoreError } from './errors.ts';
export { lockDataDir, type DataDirLock } from './lock.ts';
