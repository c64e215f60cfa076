// What a successful delivery leaves in the alert state, and the stand-in for a finding retention removed.
import type { FindingRecord } from '@porthole/shared';
import type { AlertState } from '@porthole/core/timeline/state.js';
import type { Job } from './dispatcher.ts';

export function nextState(job: Job, at: string): AlertState {
  const base = { findingId: job.group.key, sink: job.sink.name };
  const members = job.group.members.map((m) => m.id);
  if (job.action === 'trigger') {
    const firedAt = job.update && job.state ? job.state.firedAt : at;
    return { ...base, firedAt, lastSentAt: at, resolvedAt: null, members };
  }
  const state = job.state ?? { ...base, firedAt: at, lastSentAt: at, resolvedAt: null, members };
  return job.action === 'repeat' ? { ...state, lastSentAt: at, members } : { ...state, resolvedAt: at };
}

/** A resolve notice for a finding whose row retention already removed: enough for every sink. */
export function placeholder(id: string, state: AlertState, now: string): FindingRecord {
  return {
    id,
    rule: 'data-missing',
    severity: 'info',
    title: `Finding ${id}`,
    explanation: '',
    resources: [],
    service: null,
    services: [],
    confidence: 'unknown',
    missing: [],
    targets: [],
    evidence: [],
    fix: { summary: '', awsCli: [], terraform: '' },
    account: null,
    region: null,
    status: 'resolved',
    firstSeen: state.firedAt,
    lastSeen: state.lastSentAt,
    resolvedAt: now,
    likelyCause: null,
  };
}
