// The live AWS source: the only part of Porthole that imports @aws-sdk/*.
export { LiveSource, LIVE_KINDS, type PollResult, type LiveSourceOptions } from './tiers.ts';
export {
  LiveAwsConfigSchema,
  IntervalsSchema,
  AccountSchema,
  parseLiveAwsConfig,
  LiveAwsConfigError,
  DEFAULT_CONCURRENCY,
  API_BUCKETS,
  type LiveAwsConfig,
  type LiveAwsConfigInput,
  type AccountConfig,
  type Intervals,
  type ApiBucket,
} from './config.ts';
export { type CallCounts } from './callCounter.ts';
export { type Floor, type TierRun } from './floor.ts';
export { AwsSetupError, resolveTargets, type ScanTarget } from './clients.ts';
export { captureToFolder, formatStats, type CaptureOptions, type CaptureStats } from './capture.ts';
export { runCapture, loadLiveSnapshot } from './cli.ts';
