// Cross-shard analysis for one held shard. Before each cycle: the other shards' latest committed slices
// (bodies only for hashes not held yet). During the analysis: this shard's own slice is cut from its snapshot,
// and, when the shard has ip targets registered outside their VPC, the others' slices go in as extra
// partitions (stale past two poll intervals) — findings and verdicts about those partitions are dropped, their
// owners report them. In the cycle's fenced commit: this shard's slice, its body only when it changed.
import type { Logger } from '../../log/logger.ts';
import type { SnapshotPartition } from '@porthole/shared';
import type { PgClient, PgPool } from '../../store/postgres/pgDb.ts';
import { commitSlice, readSlices, type EncodedSlice } from '../../store/postgres/shardSlices.ts';
import type { Engine } from '../types.ts';
import {
  decodeSlice,
  encodeSlice,
  needsForeignSlices,
  ownResult,
  sliceOf,
  withForeign,
  type ForeignSlice,
} from './slices.ts';

export class CrossShard {
  /** The slice of the cycle in flight (null: no analysis ran, or no network data). */
  #pending: EncodedSlice | null = null;
  #committed: EncodedSlice | null = null;
  /** Decoded bodies by hash: a slice is parsed once per change, not once per cycle. */
  #decoded = new Map<string, SnapshotPartition[]>();
  #foreign: Array<ForeignSlice & { readAt: number }> = [];
  /** Until the first snapshot says otherwise, assume the others' slices are needed. */
  #needed = true;

  constructor(
    private readonly shard: string,
    private readonly pool: PgPool,
    private readonly intervalSeconds: () => number,
    private readonly logger: Logger,
  ) {}

  /** Reads the other shards' slices; a failed read keeps the last ones, which then age into stale. */
  async refresh(): Promise<void> {
    this.#pending = null;
    if (!this.#needed) return;
    try {
      const rows = await readSlices(this.pool, this.shard, [...this.#decoded.keys()]);
      const readAt = Date.now();
      const decoded = new Map<string, SnapshotPartition[]>();
      this.#foreign = rows.flatMap((r) => {
        const partitions =
          this.#decoded.get(r.hash) ?? (r.body && r.encoding ? decodeSlice(r.encoding, r.body) : null);
        if (!partitions) return [];
        decoded.set(r.hash, partitions);
        return [{ shard: r.shard, polledAt: r.polledAt, ageSeconds: r.ageSeconds, partitions, readAt }];
      });
      this.#decoded = decoded;
    } catch (err) {
      this.logger.warn(
        `shard ${this.shard}: cannot read the other shards' slices (${err instanceof Error ? err.message : String(err)}); the last ones age into stale`,
      );
    }
  }

  /** The engine with the others' partitions added to this shard's analysis, and this shard's slice cut. */
  engine(inner: Engine): Engine {
    return {
      analyze: (snapshot, opts) => {
        const slice = sliceOf(snapshot);
        this.#pending = slice ? encodeSlice(slice, this.#committed) : null;
        this.#needed = needsForeignSlices(snapshot);
        if (!this.#needed || this.#foreign.length === 0) return inner.analyze(snapshot, opts);
        const now = Date.now();
        const aged = this.#foreign.map((s) => ({ ...s, ageSeconds: s.ageSeconds + (now - s.readAt) / 1000 }));
        const out = inner.analyze(withForeign(snapshot, aged, this.intervalSeconds()), opts);
        return { model: out.model, result: ownResult(out.result, snapshot) };
      },
      explainUrl: (...args) => inner.explainUrl(...args),
      reachPath: (...args) => inner.reachPath(...args),
      servicePaths: (...args) => inner.servicePaths(...args),
    };
  }

  /** In the cycle's transaction (after the lease check): this cycle's slice, if its analysis ran. */
  async commit(client: PgClient, polledAt: string): Promise<void> {
    const slice = this.#pending;
    if (!slice) return;
    await commitSlice(client, this.shard, polledAt, slice);
    this.#committed = slice;
    this.#pending = null;
  }
}
