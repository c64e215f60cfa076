// Two cycles' facts → the changes the timeline records, each with the exact entry in words.
import type { TimelineEventType } from '@porthole/shared';
import type { Fact, FactSet } from './facts.ts';

export interface Change {
  type: TimelineEventType;
  service: string | null;
  resources: string[];
  message: string;
}

/** Event types that are configuration changes: candidates for a finding's likely cause. */
export const CONFIG_CHANGE_TYPES: readonly TimelineEventType[] = [
  'security-group-rule-added',
  'security-group-rule-removed',
  'network-acl-entry-added',
  'network-acl-entry-removed',
  'route-added',
  'route-removed',
  'listener-changed',
  'rule-changed',
  'target-group-changed',
  'load-balancer-changed',
  'deployment',
];

const ENTRY_TYPES = {
  'sg-rule': ['security-group-rule-added', 'security-group-rule-removed'],
  'nacl-entry': ['network-acl-entry-added', 'network-acl-entry-removed'],
  route: ['route-added', 'route-removed'],
} as const;

const SETTING_TYPES = {
  'load-balancer': 'load-balancer-changed',
  listener: 'listener-changed',
  rule: 'rule-changed',
  'target-group': 'target-group-changed',
} as const;

const change = (type: TimelineEventType, fact: Fact, message: string): Change => ({
  type,
  service: fact.service,
  resources: [...new Set(fact.resources)],
  message,
});

function fieldChanges(before: Fact, after: Fact): string[] {
  const names = new Set([...Object.keys(before.fields), ...Object.keys(after.fields)]);
  return [...names]
    .filter((n) => before.fields[n] !== after.fields[n])
    .map((n) => `${n} ${before.fields[n] || '-'} → ${after.fields[n] || '-'}`);
}

const health = (f: Fact): string => `${f.fields.state}${f.fields.reason ? ` (${f.fields.reason})` : ''}`;
const healthDetail = (f: Fact): string =>
  f.fields.reason ? ` (${f.fields.reason}${f.fields.description ? `: ${f.fields.description}` : ''})` : '';

function taskChange(before: Fact | undefined, after: Fact | undefined): Change[] {
  const fact = (after ?? before)!;
  const was = before?.fields.status;
  const now = after?.fields.status;
  if (now === 'RUNNING' && was !== 'RUNNING') {
    const ports = after!.fields.ports ? `, ${after!.fields.ports}` : '';
    return [change('task-started', fact, `${fact.text} started in ${fact.owner}${ports}`)];
  }
  if (now === 'STOPPED' && was !== 'STOPPED') {
    const why = after!.fields.stopped ? `: ${after!.fields.stopped}` : '';
    return [change('task-stopped', fact, `${fact.text} stopped${why}`)];
  }
  if (now === undefined && was !== 'STOPPED') {
    return [change('task-stopped', fact, `${fact.text} is no longer listed (stopped)`)];
  }
  return [];
}

function oneChange(before: Fact | undefined, after: Fact | undefined): Change[] {
  const fact = (after ?? before)!;
  const kind = fact.kind;
  if (kind === 'task') return taskChange(before, after);
  if (kind === 'sg-rule' || kind === 'nacl-entry' || kind === 'route') {
    const [added, removed] = ENTRY_TYPES[kind];
    const noun = kind === 'route' ? 'route ' : '';
    const out: Change[] = [];
    if (before) out.push(change(removed, before, `${noun}${before.text} removed from ${before.owner}`));
    if (after) out.push(change(added, after, `${noun}${after.text} added to ${after.owner}`));
    return out;
  }
  if (kind === 'target') {
    if (!before)
      return [
        change('target-health', fact, `target ${fact.text} registered in ${fact.owner}: ${health(fact)}`),
      ];
    if (!after) return [change('target-health', fact, `target ${fact.text} deregistered from ${fact.owner}`)];
    return [
      change(
        'target-health',
        fact,
        `target ${fact.text} in ${fact.owner}: ${health(before)} → ${after.fields.state}${healthDetail(after)}`,
      ),
    ];
  }
  if (kind === 'deployment') {
    if (!after) return []; // finished deployments drop off the list: nothing happened
    const f = after.fields;
    if (!before) return [change('deployment', fact, `${fact.text} started (${f.status}, ${f.rollout})`)];
    const reason = f.reason ? `: ${f.reason}` : '';
    return [change('deployment', fact, `${fact.text}: ${fieldChanges(before, after).join('; ')}${reason}`)];
  }
  const type = SETTING_TYPES[kind];
  if (!before) return [change(type, fact, `${fact.text} created`)];
  if (!after) return [change(type, fact, `${fact.text} deleted`)];
  return [change(type, fact, `${fact.text}: ${fieldChanges(before, after).join('; ')}`)];
}

function same(a: Fact, b: Fact): boolean {
  const keys = Object.keys(a.fields);
  return keys.length === Object.keys(b.fields).length && keys.every((k) => a.fields[k] === b.fields[k]);
}

/** Settings first, then health/tasks, so a timeline reads cause before effect within one cycle. */
const ORDER: Record<Fact['kind'], number> = {
  'load-balancer': 0,
  listener: 0,
  rule: 0,
  'target-group': 0,
  'sg-rule': 0,
  'nacl-entry': 0,
  route: 0,
  deployment: 1,
  task: 2,
  target: 3,
};

export function diffFacts(before: FactSet, after: FactSet): Change[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const pairs: Array<[Fact | undefined, Fact | undefined]> = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (a && b && same(a, b)) continue;
    pairs.push([a, b]);
  }
  pairs.sort((x, y) => ORDER[(x[1] ?? x[0])!.kind] - ORDER[(y[1] ?? y[0])!.kind]);
  return pairs.flatMap(([a, b]) => oneChange(a, b));
}
