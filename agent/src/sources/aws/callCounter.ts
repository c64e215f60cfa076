// Counts the API calls of one collection cycle, per IAM action and per account/region, so the
// daemon can export them as metrics and `capture --stats` can print them next to the floor.

export interface CallCounts {
  total: number;
  /** "ecs:DescribeTasks" → commands sent (a retried command counts once; see retries). */
  byAction: Record<string, number>;
  /** "account/region" → action → commands sent. */
  byScope: Record<string, Record<string, number>>;
  /** Extra attempts the SDK's standard retry strategy made (from $metadata.attempts). */
  retries: number;
  /** action → commands that failed after retries. */
  failures: Record<string, number>;
}

export function emptyCounts(): CallCounts {
  return { total: 0, byAction: {}, byScope: {}, retries: 0, failures: {} };
}

export class CallCounter {
  private counts = emptyCounts();

  record(scope: string, action: string, outcome: { attempts?: number | undefined; ok: boolean }): void {
    const c = this.counts;
    c.total += 1;
    c.byAction[action] = (c.byAction[action] ?? 0) + 1;
    const perScope = (c.byScope[scope] ??= {});
    perScope[action] = (perScope[action] ?? 0) + 1;
    if (outcome.attempts && outcome.attempts > 1) c.retries += outcome.attempts - 1;
    if (!outcome.ok) c.failures[action] = (c.failures[action] ?? 0) + 1;
  }

  /** The counts so far; the counter starts again from zero (one cycle ends). */
  take(): CallCounts {
    const taken = this.counts;
    this.counts = emptyCounts();
    return sortCounts(taken);
  }

  peek(): CallCounts {
    return sortCounts(structuredClone(this.counts));
  }
}

function sortRecord<V>(record: Record<string, V>): Record<string, V> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

function sortCounts(c: CallCounts): CallCounts {
  return {
    ...c,
    byAction: sortRecord(c.byAction),
    byScope: sortRecord(Object.fromEntries(Object.entries(c.byScope).map(([k, v]) => [k, sortRecord(v)]))),
    failures: sortRecord(c.failures),
  };
}
