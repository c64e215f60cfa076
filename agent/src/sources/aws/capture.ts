// `porthole capture`: one full poll of live AWS written as a snapshot folder (Batfish layout, one
// file per kind, the CLI's JSON shapes), so `scan --snapshot DIR` finds what a live scan finds.
import { maxOf } from '@porthole/shared';
import { readdir } from 'node:fs/promises';
import type { Snapshot } from '@porthole/shared';
import { writeSnapshotFolder } from '../snapshot/index.ts';
import type { CallCounts } from './callCounter.ts';
import { AwsSetupError, type ScanTarget } from './clients.ts';
import type { LiveAwsConfig } from './config.ts';
import { LiveSource } from './tiers.ts';

export interface CaptureOptions {
  out: string;
  config: LiveAwsConfig;
  /** Overrides how accounts/regions and their clients are found (tests). */
  targets?: () => Promise<ScanTarget[]>;
  now?: Date;
}

export interface CaptureStats {
  calls: CallCounts;
  floor: number;
  floorByAction: Record<string, number>;
  files: string[];
  /** "account/region kind: error" for each kind whose fetch failed (kept empty and marked stale). */
  stale: string[];
}

export async function captureToFolder(
  opts: CaptureOptions,
): Promise<{ snapshot: Snapshot; stats: CaptureStats }> {
  // Refuse early: a non-empty folder would only be refused after every API call was made.
  const existing = await readdir(opts.out).catch(() => []);
  if (existing.length > 0)
    throw new AwsSetupError(`${opts.out}: folder is not empty; refusing to mix snapshots`);
  const source = new LiveSource({ config: opts.config, ...(opts.targets ? { targets: opts.targets } : {}) });
  try {
    const { snapshot, calls, floor, floorByAction } = await source.poll(opts.now ?? new Date());
    const files = await writeSnapshotFolder(opts.out, snapshot);
    return { snapshot, stats: { calls, floor, floorByAction, files, stale: staleLines(snapshot) } };
  } finally {
    source.close();
  }
}

export function staleLines(snapshot: Snapshot): string[] {
  return snapshot.partitions.flatMap((p) =>
    Object.entries(p.stale ?? {}).map(([kind, mark]) => `${p.account}/${p.region} ${kind}: ${mark?.error}`),
  );
}

/** The --stats table: calls per action next to the floor, then totals. */
export function formatStats(stats: Pick<CaptureStats, 'calls' | 'floor' | 'floorByAction'>): string {
  const actions = [
    ...new Set([...Object.keys(stats.calls.byAction), ...Object.keys(stats.floorByAction)]),
  ].sort();
  const rows: [string, string, string][] = actions.map((a) => [
    a,
    String(stats.calls.byAction[a] ?? 0),
    String(stats.floorByAction[a] ?? 0),
  ]);
  rows.push(['total', String(stats.calls.total), String(stats.floor)]);
  const width = maxOf([6, ...rows.map((r) => r[0].length)]); // 6: 'action'
  const line = (r: [string, string, string]) =>
    `${r[0].padEnd(width)}  ${r[1].padStart(6)}  ${r[2].padStart(6)}`;
  const out = [line(['action', 'calls', 'floor']), ...rows.map(line)];
  out.push(`retries: ${stats.calls.retries}`);
  const failed = Object.entries(stats.calls.failures);
  if (failed.length > 0) out.push(`failed: ${failed.map(([a, n]) => `${a} ×${n}`).join(', ')}`);
  return `${out.join('\n')}\n`;
}
