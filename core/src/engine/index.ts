// The engine's public surface, used by the CLI, the daemon and the benchmarks.
export { analyzeModel, analyzeSnapshot, filterByService, type Analysis } from './analyze.ts';
export {
  createIncrementalAnalysis,
  findingsDelta,
  type FindingsDelta,
  type IncrementalAnalysis,
  type IncrementalOptions,
  type IncrementalUpdate,
} from './incremental.ts';
export { explainUrl } from './explain.ts';
export { reachPath, type ReachRequest } from './reach.ts';
export { servicePaths } from './servicePaths.ts';
export { PathInputError } from './errors.ts';
