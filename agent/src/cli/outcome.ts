// From a scan result to the exit code: what could not be decided is listed, never hidden behind 0.
import type { ScanResult, Snapshot } from '@porthole/shared';
import { EXIT, type ExitCode } from './exitCodes.ts';

export interface ScanOutcome {
  code: ExitCode;
  /** One line per thing that could not be read or decided, for stderr. */
  undecided: string[];
}

/** Kinds whose fetch failed or that a capture marked stale, as `capture` prints them. */
export function staleLines(snapshot: Snapshot, scopes?: ReadonlySet<string>): string[] {
  return snapshot.partitions
    .filter((p) => !scopes || scopes.has(`${p.account}/${p.region}`))
    .flatMap((p) =>
      Object.entries(p.stale ?? {}).map(([kind, mark]) => `${p.account}/${p.region} ${kind}: ${mark?.error}`),
    );
}

/**
 * 3 when a read failed (a kind stale, denied or unreachable, an item dropped, no services read at all):
 * the finding list itself is incomplete, so even a critical finding cannot make the answer complete.
 * Else 1 on a critical finding (proven, whatever else is unknown). Else 3 when a service is unknown or
 * a check could not be decided. Else 0. `result` may be narrowed to one service.
 */
export function scanOutcome(snapshot: Snapshot, result: ScanResult, narrowed: boolean): ScanOutcome {
  const scopes = narrowed ? new Set(result.services.map((s) => `${s.account}/${s.region}`)) : undefined;
  const unread = staleLines(snapshot, scopes).map((line) => `stale: ${line}`);
  // The live source drops an item that fails its schema; a verdict without it cannot be trusted.
  for (const w of result.warnings) if (/item dropped/.test(w)) unread.push(`dropped: ${w}`);
  if (!narrowed && !snapshot.partitions.some((p) => p.data.services !== undefined)) {
    unread.push('no ECS services data was read (aws ecs describe-services)');
  }
  const undecided: string[] = [];
  for (const s of result.services) {
    if (s.status === 'unknown') undecided.push(`unknown: ${s.name}: ${s.why.replace(/^Unknown: /, '')}`);
  }
  const gaps = result.findings.filter((f) => f.rule === 'data-missing');
  if (gaps.length > 0) undecided.push(`data-missing: ${gaps.length} check(s) could not be decided`);
  const critical = result.findings.some((f) => f.severity === 'critical');
  const code =
    unread.length > 0
      ? EXIT.undecided
      : critical
        ? EXIT.critical
        : undecided.length > 0
          ? EXIT.undecided
          : EXIT.ok;
  return { code, undecided: [...unread, ...undecided] };
}
