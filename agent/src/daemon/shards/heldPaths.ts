// Paths in the HA mode (explain, reach): they need a model, and a daemon has one per shard it holds. The
// URL's load balancer or reach's endpoints may be in any of them, so each held shard is asked in turn; when
// none knows them the answer says which shards this daemon holds, so the caller can ask the owner instead.
import type { PathResult } from '@porthole/shared';
import { NOT_A_LOAD_BALANCER } from '@porthole/core/engine/explain.js';
import { PathInputError } from '@porthole/core/engine/errors.js';
import { NotReadyError } from '../../server/backend.ts';
import type { Analyzer } from '../analyzer.ts';
import type { ShardRunner } from './runner.ts';

type Ask = (analyzer: Analyzer, at: Date) => Promise<PathResult>;

function modelled(runners: ReadonlyMap<string, ShardRunner>): Array<[string, ShardRunner]> {
  const out = [...runners.entries()].filter(([, r]) => r.analysed && r.latest.lastOkAt);
  if (out.length === 0)
    throw new NotReadyError('this daemon holds no shard with estate data yet: ask another daemon');
  return out;
}

const heldNote = (shards: string[]): string =>
  `this daemon holds ${shards.join(', ')}; other shards are held by other daemons (GET /readyz lists each owner)`;

/** `explain`: the first held shard whose model has the URL's load balancer answers. */
export async function explainOnHeldShards(
  runners: ReadonlyMap<string, ShardRunner>,
  ask: Ask,
): Promise<PathResult> {
  const held = modelled(runners);
  let last: PathResult | null = null;
  for (const [, r] of held) {
    last = await ask(r.analyzer, new Date(r.latest.lastOkAt!));
    const notHere = last.hops.length === 0 && last.summary.includes(NOT_A_LOAD_BALANCER);
    if (!notHere) return last;
  }
  return { ...last!, summary: `${last!.summary} Not found in ${heldNote(held.map(([s]) => s))}.` };
}

/** `reach`: the first held shard whose model resolves both ends answers; bad input is named once. */
export async function reachOnHeldShards(
  runners: ReadonlyMap<string, ShardRunner>,
  ask: Ask,
): Promise<PathResult> {
  const held = modelled(runners);
  let first: PathInputError | null = null;
  for (const [, r] of held) {
    try {
      return await ask(r.analyzer, new Date(r.latest.lastOkAt!));
    } catch (error) {
      if (!(error instanceof PathInputError)) throw error;
      first ??= error;
    }
  }
  throw new PathInputError(`${first!.message} (${heldNote(held.map(([s]) => s))})`);
}
