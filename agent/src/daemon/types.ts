// The daemon's seams: where snapshots come from, how they are analysed, what a cycle reports.
import type {
  DemoState,
  FindingRecord,
  PathResult,
  ReachRequest,
  ScanResult,
  ServiceDetail,
  ServiceVerdict,
  Snapshot,
  TimelineEvent,
} from '@porthole/shared';
import type { EstateModel } from '@porthole/core/model/types.js';
import type { ExplainOptions as ExplainRequestOptions } from '@porthole/core/engine/explain.js';
import type { CallCounts } from '../sources/aws/callCounter.ts';
import type { FindingState } from '@porthole/core/timeline/state.js';
import type { SourceKind } from './config/schema.ts';
import type { WorkerSourceSpec } from './workerSource.ts';

export interface PollResult {
  snapshot: Snapshot;
  /** AWS API calls this poll made (live source only). */
  calls: CallCounts | null;
}

export interface PollSource {
  readonly kind: SourceKind;
  /** In words, for /api/overview and logs: "demo estate (seed 1)", "snapshot ./captures/x", "live AWS". */
  readonly label: string;
  poll(now: Date): Promise<PollResult>;
  /** A snapshot folder the analyzer may read itself instead of calling poll (off the event loop). */
  readonly folder?: string;
  /** A source the analysis worker polls itself (workerSource.ts): `poll` is not called. */
  readonly inWorker?: WorkerSourceSpec;
  /** The source's own per-poll deadline (ms); the loop gives up on a poll that overruns it by far. */
  readonly pollDeadlineMs?: number;
  /** State that a restart should resume from (the demo's cycle number), stored after each cycle. */
  checkpoint?(): unknown;
  restore?(state: unknown): void;
  close?(): void;
  /** The demo source only: hold the scripted timeline on its current step (GET/POST /api/demo). */
  demo?: DemoControl;
}

/** Hold or release the demo timeline; used by the REST route and the `demo.hold` option. */
export interface DemoControl {
  state(): DemoState;
  setHeld(held: boolean): DemoState;
}

export type { ExplainRequestOptions };

/** The engine's entry points, injected so tests can drive the loop with a tiny hand-made analyzer. */
export interface Engine {
  analyze(snapshot: Snapshot, opts: { now: Date }): { model: EstateModel; result: ScanResult };
  /** `now` is the time of the cycle that built the model. */
  explainUrl(
    model: EstateModel,
    url: string,
    from: string | undefined,
    now: Date,
    request?: ExplainRequestOptions,
  ): PathResult;
  reachPath(
    model: EstateModel,
    req: { from: string; to: string; port: number; protocol: ReachRequest['protocol'] },
    now: Date,
  ): PathResult;
  servicePaths(
    model: EstateModel,
    serviceName: string,
    now: Date,
    scope?: { account: string | null; region: string | null },
  ): ServiceDetail['paths'];
}

export interface CycleOutcome {
  /** True when the cycle committed data (outcome ok or partial). */
  ok: boolean;
  /** ok: every call worked; partial: some data failed to refresh (marked stale); error: the poll failed. */
  outcome: 'ok' | 'partial' | 'error';
  /** ISO time of the cycle (the injected clock at its start). */
  at: string;
  durationMs: number;
  error: string | null;
  /** Events recorded this cycle, committed, in id order. */
  events: TimelineEvent[];
  opened: FindingRecord[];
  resolved: FindingRecord[];
  /** All findings open after the cycle, with lifecycle counters (for alerting). */
  open: FindingState[];
  /** Verdicts that differ from the previous cycle's. */
  changedServices: ServiceVerdict[];
  /** True when services appeared or disappeared (clients should reload the overview). */
  serviceSetChanged: boolean;
  calls: CallCounts | null;
}
