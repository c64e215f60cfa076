// `porthole scan`: analyse a snapshot folder (or live AWS) and print findings. Exit codes: exitCodes.ts.
import type { Snapshot } from '@porthole/shared';
import { analyzeSnapshot, filterByService } from '@porthole/core/engine/analyze.js';
import { kindFreshness, withFreshness } from '@porthole/core/engine/freshness.js';
import { readSnapshotFolder } from '../sources/snapshot/index.ts';
import { UsageError, reportFatal, step } from './errors.ts';
import { chooseScanFormat, renderScanOutput } from './formats/index.ts';
import { scanOutcome } from './outcome.ts';

export interface ScanOptions {
  snapshot?: string;
  live?: boolean;
  profile?: string;
  region?: string[];
  endpointUrl?: string;
  service?: string;
  json?: boolean;
  /** text | json | sarif | github (formats/index.ts); --json = --format json. */
  format?: string;
}

export async function loadSnapshot(opts: {
  snapshot?: string;
  live?: boolean;
  profile?: string;
  region?: string[];
  endpointUrl?: string;
}): Promise<Snapshot> {
  if (opts.snapshot && opts.live) throw new UsageError('use either --snapshot DIR or --live, not both');
  if (opts.live) {
    const { loadLiveSnapshot } = await import('../sources/aws/cli.ts');
    return step('reading live AWS', () =>
      loadLiveSnapshot({ profile: opts.profile, regions: opts.region ?? [], endpoint: opts.endpointUrl }),
    );
  }
  if (!opts.snapshot) throw new UsageError('missing --snapshot DIR (or --live)');
  const dir = opts.snapshot;
  return step(`reading the snapshot folder ${dir}`, () => readSnapshotFolder(dir));
}

export async function runScan(opts: ScanOptions): Promise<number> {
  try {
    if (opts.service !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(opts.service)) {
      throw new UsageError(`--service must be CLUSTER/NAME, got "${opts.service}"`);
    }
    const format = chooseScanFormat(opts);
    const snapshot = await loadSnapshot(opts);
    const now = new Date();
    const { result: analyzed } = await step('analysing the snapshot', () => analyzeSnapshot(snapshot));
    // Verdicts say whether their data is stale and how old it is, as the daemon's do.
    const kinds = kindFreshness(snapshot, now.toISOString());
    const services = withFreshness(analyzed.services, {
      kinds,
      pollError: null,
      lastOkAt: null,
      staleAfterMs: null,
      now,
    });
    const full = { ...analyzed, services };
    if (opts.service && !full.services.some((s) => s.name === opts.service)) {
      throw new UsageError(
        `--service ${opts.service}: no such service in the snapshot (known: ${full.services.map((s) => s.name).join(', ') || 'none'})`,
      );
    }
    const result = opts.service ? filterByService(full, opts.service) : full;
    const report = await step('printing the report', () => renderScanOutput(result, format, opts.snapshot));
    process.stdout.write(report);
    const outcome = scanOutcome(snapshot, result, opts.service !== undefined);
    // What could not be read or decided goes to stderr, as `capture` prints its stale kinds.
    for (const line of outcome.undecided) process.stderr.write(`porthole: ${line}\n`);
    return outcome.code;
  } catch (error) {
    return reportFatal(error);
  }
}
