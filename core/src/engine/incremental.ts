// The engine held across polls (the daemon's analysis worker keeps one): each update names what changed since
// the last snapshot and what that did to the findings (opened, changed, resolved). docs/incremental.md.
import type { Finding, Snapshot } from '@porthole/shared';
import { buildModel } from '../model/build.ts';
import { analyzeModel, type Analysis } from './analyze.ts';
import { snapshotChanges } from './snapshotChanges.ts';

export interface FindingsDelta {
  opened: Finding[];
  /** Same id, other content (title, targets, evidence …). */
  changed: Finding[];
  resolved: Finding[];
}

export interface IncrementalUpdate {
  analysis: Analysis;
  delta: FindingsDelta;
  /** "account/region|kind" keys of what changed ("*": the partitions themselves); empty: nothing did. */
  changes: ReadonlySet<string>;
}

export interface IncrementalAnalysis {
  /** The latest analysis. */
  readonly analysis: Analysis;
  update(next: Snapshot): IncrementalUpdate;
}

export function createIncrementalAnalysis(snapshot: Snapshot): IncrementalAnalysis {
  let current = snapshot;
  let analysis = analyse(snapshot);
  return {
    get analysis() {
      return analysis;
    },
    update(next) {
      const changes = snapshotChanges(current, next);
      current = next;
      // The findings depend only on the snapshot (the clock is read by freshness, outside the engine).
      if (changes.size === 0) return { analysis, delta: { opened: [], changed: [], resolved: [] }, changes };
      const previous = analysis;
      analysis = analyse(next);
      return { analysis, delta: findingsDelta(previous.result.findings, analysis.result.findings), changes };
    },
  };
}

function analyse(snapshot: Snapshot): Analysis {
  const model = buildModel(snapshot);
  return { model, result: analyzeModel(model) };
}

export function findingsDelta(before: readonly Finding[], after: readonly Finding[]): FindingsDelta {
  const old = new Map(before.map((f) => [f.id, f]));
  const ids = new Set(after.map((f) => f.id));
  const delta: FindingsDelta = { opened: [], changed: [], resolved: before.filter((f) => !ids.has(f.id)) };
  for (const f of after) {
    const was = old.get(f.id);
    if (!was) delta.opened.push(f);
    else if (JSON.stringify(was) !== JSON.stringify(f)) delta.changed.push(f);
  }
  return delta;
}
