// `porthole scan`: analyse a snapshot folder (or live AWS) and print findings; exit 1 on critical findings.
import type { Snapshot } from '@porthole/shared';
import { analyzeSnapshot, filterByService } from '../engine/analyze.ts';
import { readSnapshotFolder } from '../sources/snapshot/index.ts';
import { UsageError, reportFatal } from './errors.ts';
import { chooseScanFormat, renderScanOutput } from './formats/index.ts';

export interface ScanOptions {
  snapshot?: string;
  live?: boolean;
  profile?: string;
  region?: string[];
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
}): Promise<Snapshot> {
  if (opts.snapshot && opts.live) throw new UsageError('use either --snapshot DIR or --live, not both');
  if (opts.live) {
    const { loadLiveSnapshot } = await import('../sources/aws/cli.ts');
    return loadLiveSnapshot({ profile: opts.profile, regions: opts.region ?? [] });
  }
  if (!opts.snapshot) throw new UsageError('missing --snapshot DIR (or --live)');
  return readSnapshotFolder(opts.snapshot);
}

export async function runScan(opts: ScanOptions): Promise<number> {
  try {
    if (opts.service !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(opts.service)) {
      throw new UsageError(`--service must be CLUSTER/NAME, got "${opts.service}"`);
    }
    const format = chooseScanFormat(opts);
    const snapshot = await loadSnapshot(opts);
    const { result: full } = analyzeSnapshot(snapshot, { now: new Date() });
    if (opts.service && !full.services.some((s) => s.name === opts.service)) {
      throw new UsageError(
        `--service ${opts.service}: no such service in the snapshot (known: ${full.services.map((s) => s.name).join(', ') || 'none'})`,
      );
    }
    const result = opts.service ? filterByService(full, opts.service) : full;
    process.stdout.write(renderScanOutput(result, format, opts.snapshot));
    return result.findings.some((f) => f.severity === 'critical') ? 1 : 0;
  } catch (error) {
    return reportFatal(error);
  }
}
