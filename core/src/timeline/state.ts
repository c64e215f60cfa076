// The timeline's domain state: what the lifecycle, correlation, alerting and the stores all speak. Pure
// types (and one projection); the stores persist them, they do not define them.
import type { FindingRecord, TimelineEvent } from '@porthole/shared';

/** A finding record with the counters the lifecycle needs. */
export interface FindingState extends FindingRecord {
  /** Consecutive cycles the finding has been seen in its current open streak. */
  streak: number;
  /** Consecutive cycles it has been absent while still open (resolve damping). */
  missed: number;
}

/** The public shape (no internal counters). */
export function toRecord(state: FindingState): FindingRecord {
  const { streak: _streak, missed: _missed, ...record } = state;
  return record;
}

/** A timeline event before the store gives it its id. */
export type NewEvent = Omit<TimelineEvent, 'id'>;

/** Per alert group and sink: when it fired, was last sent, resolved, and which findings the last message held. */
export interface AlertState {
  /** The group key (for a group of one from before grouping: the finding id). */
  findingId: string;
  sink: string;
  firedAt: string;
  lastSentAt: string;
  resolvedAt: string | null;
  members: string[];
}

/** A snapshot kind the source marked stale ("TargetGroups (1111/eu-west-1)"), with its error. */
export interface StaleKind {
  kind: string;
  error: string;
  fetchedAt: string | null;
}
