// What each measurement child reports (see analysis.ts, live.ts, fanout.ts).
import type { EstateCounts } from '../estate/sizes.ts';
import type { CycleDelivery } from './fanoutStats.ts';

export interface AnalysisResult {
  loadMs: number;
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
    rebuildMs: number;
    reanalysisMs: number;
    fullMs: number;
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

/** The one JSON object of `npm run bench -- --json`. */
export interface BenchJson {
  size: string;
  services: number;
  tasks: number;
  targetGroups: number;
  securityGroups: number;
  loadMs: number;
  analysisMs: number;
  incrementalMs: number;
  peakRssMb: number;
  apiCallsPerCycle: number | null;
  apiCallFloor: number | null;
}
