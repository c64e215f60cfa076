// The engine held across polls (the daemon's analysis worker keeps one): each update names what changed since
// the last snapshot and what that did to the findings (opened, changed, resolved). docs/incremental.md.
import type { Snapshot } from '@porthole/shared';
import { buildModel } from '../model/build.ts';
import { analyzeModelRaw, type Analysis } from './analyze.ts';
import { scopedUpdate, type RawAnalysis } from './scopedUpdate.ts';
import { findingsDelta, type FindingsDelta } from './findingsDelta.ts';
import { snapshotDiff } from './snapshotChanges.ts';

export { findingsDelta, type FindingsDelta };

export interface IncrementalUpdate {
  analysis: Analysis;
  delta: FindingsDelta;
  /** "account/region|kind" keys of what changed ("*": the partitions themselves); empty: nothing did. */
  changes: ReadonlySet<string>;
  /** How the update was made: nothing changed, the scoped path, or a full analysis (the fallback). */
  path: 'unchanged' | 'incremental' | 'full';
}

export interface IncrementalOptions {
  /** The share of the services the affected closure may reach before a full analysis is made instead. */
  closureLimit?: number;
}

export interface IncrementalAnalysis {
  /** The latest analysis. */
  readonly analysis: Analysis;
  update(next: Snapshot): IncrementalUpdate;
}

/**
 * `analysed`: the analysis of `snapshot` when the caller already has it (a restarted worker, the bench); its
 * first update is then a full one (the rules' own output, which the scoped path starts from, is not in it).
 */
export function createIncrementalAnalysis(
  snapshot: Snapshot,
  analysed?: Analysis,
  options: IncrementalOptions = {},
): IncrementalAnalysis {
  let current = snapshot;
  let state: RawAnalysis | Analysis = analysed ?? analyse(snapshot);
  return {
    get analysis() {
      return { model: state.model, result: state.result };
    },
    update(next) {
      const diff = snapshotDiff(current, next);
      const changes = diff.keys;
      // The findings depend only on the snapshot (the clock is read by freshness, outside the engine).
      if (changes.size === 0) {
        current = next;
        const analysis = { model: state.model, result: state.result };
        return { analysis, delta: { opened: [], changed: [], resolved: [] }, changes, path: 'unchanged' };
      }
      const previous = state;
      const scoped = 'raw' in previous ? scopedUpdate(previous, next, diff, options.closureLimit) : null;
      state = scoped?.analysis ?? analyse(next);
      // Only now: an update that throws leaves the engine on the snapshot its analysis is of.
      current = next;
      return {
        analysis: { model: state.model, result: state.result },
        delta: scoped?.delta ?? findingsDelta(previous.result.findings, state.result.findings),
        changes,
        path: scoped ? 'incremental' : 'full',
      };
    },
  };
}

function analyse(snapshot: Snapshot): RawAnalysis {
  const model = buildModel(snapshot);
  return { model, ...analyzeModelRaw(model) };
}
