// How a cycle's snapshot becomes verdicts, findings and timeline changes. The analyzer owns the estate model
// and the diff baseline; the loop owns the store. Two implementations: in this thread around an Engine
// (tests drive the loop with a tiny hand-made one) and in a worker thread (the daemon: workerAnalyzer.ts),
// so an analysis of thousands of services never blocks the event loop that serves HTTP and socket.io.
import type {
  ExplainRequest,
  PathResult,
  ReachRequest,
  ScanResult,
  ServiceDetail,
  Snapshot,
} from '@porthole/shared';
import { diffFacts, type Change } from '@porthole/core/timeline/diff/diffFacts.js';
import { extractFacts, type Fact, type FactSet } from '@porthole/core/timeline/diff/facts.js';
import type { EstateModel } from '@porthole/core/model/types.js';
import { NotReadyError } from '../server/backend.ts';
import type { FactDelta, VerdictDelta } from '../store/store.ts';
import { verdictDelta } from './cyclePublish.ts';
import { readFolderPoll } from './snapshotSource.ts';
import type { Engine, ExplainRequestOptions } from './types.ts';
import { workerPoll, type WorkerSourceSpec } from './workerSource.ts';

async function snapshotOf(input: AnalysisInput, now: Date): Promise<Snapshot> {
  if ('folder' in input) return (await readFolderPoll(input.folder)).snapshot;
  if ('source' in input) return (await (await workerPoll(input.source))(now)).snapshot;
  return input.snapshot;
}

/** A snapshot polled by the loop, or a folder the analyzer reads or a source it polls itself. */
export type AnalysisInput = { snapshot: Snapshot } | { folder: string } | { source: WorkerSourceSpec };

export interface CycleAnalysis {
  /** For a folder or a worker source: the snapshot without its items (partitions, stale marks, fetch times, kinds present). */
  head?: Snapshot;
  result: ScanResult;
  /** What changed against the committed baseline, in words (none on the very first cycle). */
  changes: Change[];
  /** The facts to write so the stored baseline equals this cycle's. */
  facts: FactDelta;
  /**
   * The verdict rows that changed against the cycle this analyzer last committed, worked out where the
   * analysis ran (off the event loop: comparing 15,000 rows takes ~0.1 s). Absent when it has committed none
   * in this process (a new or restarted worker): the loop compares with the verdicts it serves.
   */
  verdicts?: VerdictDelta;
}

export interface ExplainOptions {
  url: string;
  from: string | undefined;
  request?: ExplainRequestOptions;
}

/** The engine's options from an API explain request: only the fields the request set. */
export function explainRequestOptions(req: ExplainRequest): ExplainRequestOptions {
  return {
    ...(req.method !== undefined ? { method: req.method } : {}),
    ...(req.headers !== undefined ? { headers: req.headers } : {}),
    ...(req.clientPorts !== undefined ? { clientPorts: req.clientPorts } : {}),
  };
}

export interface ReachOptions {
  from: string;
  to: string;
  port: number;
  protocol: ReachRequest['protocol'];
}

export interface Analyzer {
  /** Analyses a snapshot taken at `now`. Throws (rejects) when the read or the analysis fails: the cycle fails. */
  analyse(input: AnalysisInput, now: Date): Promise<CycleAnalysis>;
  /** The cycle's writes committed: its model is served and its facts become the baseline. */
  commit(): void;
  /** On the committed model; `now` is the time of the cycle that built it. NotReadyError before one. */
  explainUrl(opts: ExplainOptions, now: Date): Promise<PathResult>;
  reachPath(req: ReachOptions, now: Date): Promise<PathResult>;
  servicePaths(
    name: string,
    now: Date,
    scope: { account: string | null; region: string | null },
  ): Promise<ServiceDetail['paths']>;
  /** Resolves once the analyzer can take a cycle (a worker has loaded the engine), or has given up starting. */
  ready?(): Promise<void>;
  close(): Promise<void>;
}

/** What the loop reads of a snapshot (freshness, stale marks, which kinds came), without the items. */
export function snapshotHead(snapshot: Snapshot): Snapshot {
  return {
    ...snapshot,
    partitions: snapshot.partitions.map((p) => ({
      ...p,
      data: Object.fromEntries(Object.keys(p.data).map((kind) => [kind, []])),
    })),
  };
}

function sameFact(a: Fact, b: Fact): boolean {
  if (a.text !== b.text || a.owner !== b.owner || a.service !== b.service) return false;
  if (a.resources.length !== b.resources.length || a.resources.some((r, i) => r !== b.resources[i]))
    return false;
  const keys = Object.keys(a.fields);
  return keys.length === Object.keys(b.fields).length && keys.every((k) => a.fields[k] === b.fields[k]);
}

/** The rows that turn the stored baseline `before` into `after`. */
export function factDelta(before: FactSet | null, after: FactSet): FactDelta {
  const upsert: Record<string, Fact> = {};
  for (const [key, fact] of Object.entries(after)) {
    const was = before?.[key];
    if (!was || !sameFact(was, fact)) upsert[key] = fact;
  }
  const remove = before ? Object.keys(before).filter((key) => !(key in after)) : [];
  return { upsert, remove };
}

/** Analysis in this thread. `baseline` is the committed facts (null before the first committed cycle). */
export function inlineAnalyzer(engine: Engine, baseline: FactSet | null): Analyzer {
  let committed = baseline;
  let model: EstateModel | null = null;
  let pending: { facts: FactSet; model: EstateModel; result: ScanResult } | null = null;
  let verdictsServed: Pick<ScanResult, 'services' | 'targets'> | null = null;
  const served = (): EstateModel => {
    if (!model) throw new NotReadyError('no estate data yet: the first poll cycle has not succeeded');
    return model;
  };
  return {
    async analyse(input, now) {
      pending = null;
      const snapshot = await snapshotOf(input, now);
      const analysed = engine.analyze(snapshot, { now });
      const facts = extractFacts(snapshot);
      const changes = committed ? diffFacts(committed, facts) : [];
      const delta = factDelta(committed, facts);
      pending = { facts, model: analysed.model, result: analysed.result };
      const head = 'snapshot' in input ? undefined : snapshotHead(snapshot);
      const verdicts = verdictsServed ? verdictDelta(verdictsServed, analysed.result) : null;
      return {
        ...(head ? { head } : {}),
        result: analysed.result,
        changes,
        facts: delta,
        ...(verdicts ? { verdicts } : {}),
      };
    },
    commit() {
      if (!pending) return;
      committed = pending.facts;
      model = pending.model;
      verdictsServed = { services: pending.result.services, targets: pending.result.targets };
      pending = null;
    },
    async explainUrl(opts, now) {
      return engine.explainUrl(served(), opts.url, opts.from, now, opts.request);
    },
    async reachPath(req, now) {
      return engine.reachPath(served(), req, now);
    },
    async servicePaths(name, now, scope) {
      return model ? engine.servicePaths(model, name, now, scope) : [];
    },
    async close() {
      model = null;
      pending = null;
      verdictsServed = null;
    },
  };
}
