// What each measurement child reports (see analysis.ts, live.ts, fanout.ts, daemonCycles.ts).
import type { TargetCheck } from '../targets.ts';
import type { EstateCounts } from '../estate/sizes.ts';
import type { CycleDelivery } from './fanoutStats.ts';

export interface AnalysisResult {
  loadMs: number;
  /** Reading + JSON.parse of the same files, nothing else (parseFloor.ts), in the same process. */
  parseFloorMs: number;
  warnings: number;
  partitions: number;
  counts: EstateCounts & { targets: number };
  buildMs: number;
  rulesColdMs: number;
  analysisColdMs: number;
  analysisWarmMs: number | null;
  analysisRuns: number[];
  perRuleMs: Record<string, number>;
  findingsByRule: Record<string, number>;
  servicesByStatus: Record<string, number>;
  change: {
    service: string;
    rebuildMs: number | null;
    reanalysisMs: number | null;
    fullMs: number;
    /** What `incrementalMs` measured (incremental.ts): the engine's incremental update. */
    incrementalVia: string;
    /** Each timed update (ms) and the path it took ('incremental' or the 'full' fallback). */
    incrementalRuns: number[];
    incrementalPaths: string[];
    scopedMs: number;
    scopedTargets: number;
    scopedFindings: string[];
    scopedMatchesFull: boolean;
    findingsAfter: string[];
  };
  rssMb: Record<string, number>;
  /** Peak RSS through the load and the first analysis. */
  peakFirstCycleMb: number;
  /** Peak RSS through the load, every analysis and the one-service change (not the benchmark's breakdown). */
  peakRssMb: number;
}

export interface PollFigures {
  calls: number;
  floor: number;
  independentFloor: number;
  ratio: number;
  ms: number;
  failures: number;
  byAction: Record<string, number>;
  sourceFloorByAction: Record<string, number>;
}

export interface LiveResult {
  full: PollFigures;
  hot: PollFigures;
  peakRssMb: number;
}

export interface FanoutResult {
  clients: number;
  clientProcesses: number;
  cycles: Array<
    CycleDelivery & {
      cycle: number;
      change: string;
      cycleMs: number;
      dropped: { count: number; reasons: string[] };
    }
  >;
  peakRssMb: number;
}

export interface DaemonResult {
  /** Cycles after the first (cold) one, each with one timeline change. */
  cycles: Array<{ cycle: number; change: string; cycleMs: number; startedAt: number; endedAt: number }>;
  firstCycleMs: number;
  /** Median of the hot cycles. */
  cycleMs: number;
  /** Peak RSS of the daemon process, before the wall measurement (its browser driver is not the daemon). */
  peakRssMb: number;
  api: {
    requests: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    errors: number;
    intervalMs: number;
    /** The same requests during a quiet second before the hot cycles. */
    idleP99Ms: number;
  };
  wall: { ms: number | null; note: string | null };
}

/** The one JSON object of `npm run bench -- --json`. */
export interface BenchJson {
  size: string;
  services: number;
  tasks: number;
  targetGroups: number;
  securityGroups: number;
  targets: number;
  loadMs: number;
  parseFloorMs: number;
  analysisMs: number;
  incrementalMs: number;
  peakRssMb: number;
  apiCallsPerCycle: number | null;
  apiCallFloor: number | null;
  daemonCycleMs: number | null;
  daemonRssMb: number | null;
  apiP99Ms: number | null;
  wallFirstPaintMs: number | null;
  /** Why a figure is null or what it stands for (e.g. wallFirstPaintMs without its module). */
  notes: string[];
  /** The targets on these figures (targets.ts). */
  checks: TargetCheck[];
}
