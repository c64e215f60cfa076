// What the live source holds for one account/region: per kind, the last good items grouped by a
// part key (a cluster, a load balancer, a VPC, …), when they were fetched, and the last error.
// A failed refresh never drops data: the old items stay and the kind is marked stale.
import type { SnapshotData, SnapshotKind, SnapshotPartition, StaleMark } from '@porthole/shared';
import { AwsCallError } from './errors.ts';

export type Item<K extends SnapshotKind> = NonNullable<SnapshotData[K]>[number];

export interface KindState {
  parts: Map<string, unknown[]>;
  /** ISO time of the last refresh that fully succeeded; null if none yet. */
  fetchedAt: string | null;
  /** The last refresh's error; null when it succeeded. */
  error: string | null;
}

/** The items of one refresh, per part key, plus the errors of the parts that failed. */
export interface Fetched<T> {
  parts: Map<string, T[]>;
  errors: unknown[];
  /** Part keys that no longer exist (e.g. TargetGroupNotFound): dropped, not an error. */
  gone?: string[];
}

export class ScopeStore {
  private readonly kinds = new Map<SnapshotKind, KindState>();
  /** Task definitions that services and tasks reference now (the cache holds every ARN seen). */
  taskDefinitionRefs = new Set<string>();
  /** How many task definitions the last hot cycle had to fetch (new ARNs): part of the floor. */
  newTaskDefinitions = 0;

  constructor(
    readonly account: string,
    readonly region: string,
  ) {}

  state(kind: SnapshotKind): KindState {
    let state = this.kinds.get(kind);
    if (!state) {
      state = { parts: new Map(), fetchedAt: null, error: null };
      this.kinds.set(kind, state);
    }
    return state;
  }

  items<K extends SnapshotKind>(kind: K): Item<K>[] {
    return [...this.state(kind).parts.values()].flat() as Item<K>[];
  }

  part<K extends SnapshotKind>(kind: K, key: string): Item<K>[] | undefined {
    return this.state(kind).parts.get(key) as Item<K>[] | undefined;
  }

  /** True when the kind was never fetched and its last attempt failed: dependants cannot run. */
  unavailable(kind: SnapshotKind): string | null {
    const s = this.state(kind);
    return s.fetchedAt === null && s.error ? `needs ${kind}, which failed: ${s.error}` : null;
  }

  /**
   * Applies one refresh. Without `keys` every part is replaced (vanished parts are dropped); with
   * `keys` only those parts are. Parts that failed keep their old items. The kind's error clears and
   * fetchedAt moves only when the refresh was `complete` (covered everything the kind holds) and
   * nothing failed: a partial refresh cannot vouch for the parts it did not fetch.
   */
  apply<K extends SnapshotKind>(
    kind: K,
    now: string,
    fetched: Fetched<Item<K>>,
    opts: { keys?: readonly string[]; complete?: boolean } = {},
  ): void {
    const state = this.state(kind);
    const ok = fetched.errors.length === 0;
    if (!opts.keys && ok) state.parts = new Map(fetched.parts);
    else {
      if (opts.keys && ok) for (const key of opts.keys) state.parts.delete(key);
      for (const [key, items] of fetched.parts) state.parts.set(key, items);
    }
    for (const key of fetched.gone ?? []) state.parts.delete(key);
    if (!ok) state.error = errorText(fetched.errors);
    else if (opts.complete ?? !opts.keys) {
      state.error = null;
      state.fetchedAt = now;
    }
  }

  /** Marks a kind failed (a dependency is unavailable); `fetchedAt` undoes a refresh that read nothing. */
  fail(kind: SnapshotKind, error: string, opts: { fetchedAt?: string | null } = {}): void {
    const state = this.state(kind);
    state.error = error;
    if (opts.fetchedAt !== undefined) state.fetchedAt = opts.fetchedAt;
  }

  toPartition(kinds: readonly SnapshotKind[]): SnapshotPartition {
    const data: SnapshotData = {};
    const stale: Partial<Record<SnapshotKind, StaleMark>> = {};
    // Per kind, so the age of cold data (security groups fetched 15 min ago) is told as it is.
    const fetchedAt: Partial<Record<SnapshotKind, string>> = {};
    for (const kind of kinds) {
      const state = this.state(kind);
      let items = this.items(kind);
      if (kind === 'taskDefinitions') {
        items = (items as Item<'taskDefinitions'>[]).filter((td) =>
          this.taskDefinitionRefs.has(td.taskDefinitionArn),
        );
      }
      // A kind that never loaded is still present (empty) so its stale mark explains the gap.
      (data as Record<string, unknown[]>)[kind] = items;
      if (state.error) stale[kind] = { error: state.error, fetchedAt: state.fetchedAt };
      if (state.fetchedAt) fetchedAt[kind] = state.fetchedAt;
    }
    const partition: SnapshotPartition = { account: this.account, region: this.region, data, fetchedAt };
    if (Object.keys(stale).length > 0) partition.stale = stale;
    return partition;
  }
}

function errorText(errors: unknown[]): string {
  const messages = [...new Set(errors.map((e) => (e instanceof Error ? e.message : String(e))))];
  const first = messages.slice(0, 3).join('; ');
  return messages.length > 3 ? `${first}; and ${messages.length - 3} more` : first;
}

/** Not-found codes of a parent that vanished between tiers: the part is dropped, not failed. */
const GONE = new Set([
  'TargetGroupNotFound',
  'TargetGroupNotFoundException',
  'LoadBalancerNotFound',
  'LoadBalancerNotFoundException',
  'ListenerNotFound',
  'ListenerNotFoundException',
  'ClusterNotFoundException',
]);

/**
 * Runs `fetch` for each parent (the limiter caps concurrency) and gathers the parts: successes by
 * parent key, errors, and parents that no longer exist.
 */
export async function perParent<P, T>(
  parents: readonly P[],
  keyOf: (parent: P) => string,
  fetch: (parent: P) => Promise<T[]>,
): Promise<Fetched<T>> {
  const settled = await Promise.allSettled(parents.map(fetch));
  // Parts in the parents' order, whatever order the calls finished in: the snapshot is deterministic.
  const result: Fetched<T> & { gone: string[] } = { parts: new Map(), errors: [], gone: [] };
  settled.forEach((outcome, i) => {
    const key = keyOf(parents[i] as P);
    if (outcome.status === 'fulfilled') result.parts.set(key, outcome.value);
    else if (outcome.reason instanceof AwsCallError && GONE.has(outcome.reason.code)) result.gone.push(key);
    else result.errors.push(outcome.reason);
  });
  return result;
}

/** A whole-kind fetch grouped into parts by `keyOf`; a failure is one error and no parts. */
export async function grouped<T>(keyOf: (item: T) => string, fetch: () => Promise<T[]>): Promise<Fetched<T>> {
  try {
    const parts = new Map<string, T[]>();
    for (const item of await fetch()) {
      const key = keyOf(item);
      parts.set(key, [...(parts.get(key) ?? []), item]);
    }
    return { parts, errors: [] };
  } catch (error) {
    return { parts: new Map(), errors: [error] };
  }
}

/**
 * SDK output → what the AWS CLI prints: Dates become ISO strings, undefined fields disappear.
 * (The SDK returns the API's own field names, the same as the CLI's JSON.)
 */
export function toCliJson<T>(value: T): T {
  return convert(value) as T;
}

function convert(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(convert);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = convert(v);
    return out;
  }
  return value;
}
