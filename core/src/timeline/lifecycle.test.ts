import { describe, expect, it } from 'vitest';
import type { Finding, TimelineEvent } from '@porthole/shared';
import type { FindingState } from './state.ts';
import { likelyCause, relevance } from './correlate.ts';
import { advanceFindings, holdWhereStale } from './lifecycle.ts';

const finding = (id: string, resources = ['sg-ecs', 'arn:tg']): Finding => ({
  id,
  rule: 'sg-blocks-dynamic-ports',
  severity: 'critical',
  title: `title ${id}`,
  explanation: '',
  resources,
  service: 'prod/web',
  services: ['prod/web'],
  confidence: 'confirmed',
  missing: [],
  targets: [],
  evidence: [],
  fix: { summary: '', awsCli: [], terraform: '' },
  account: null,
  region: null,
});

function run(current: Finding[], open: FindingState[], now: string, resolveAfterCycles = 1, hold = false) {
  const stored = new Map(open.map((f) => [f.id, f]));
  return advanceFindings(
    { current, stillOpen: open, previous: (id) => stored.get(id) ?? null, nowIso: now, cause: () => 'cause' },
    { resolveAfterCycles, holdResolution: () => hold },
  );
}

describe('advanceFindings', () => {
  it('opens new findings with first/last seen and a likely cause, then counts the streak', () => {
    const first = run([finding('a')], [], 't1');
    expect(first.opened).toHaveLength(1);
    expect(first.opened[0]).toMatchObject({
      status: 'open',
      firstSeen: 't1',
      lastSeen: 't1',
      streak: 1,
      likelyCause: 'cause',
    });
    const second = run([finding('a')], first.open, 't2');
    expect(second.opened).toHaveLength(0);
    expect(second.open[0]).toMatchObject({ firstSeen: 't1', lastSeen: 't2', streak: 2 });
  });

  it('resolves a finding once it has been absent resolveAfterCycles cycles', () => {
    const opened = run([finding('a')], [], 't1').open;
    const absentOnce = run([], opened, 't2', 2);
    expect(absentOnce.resolved).toHaveLength(0);
    expect(absentOnce.open[0]).toMatchObject({ status: 'open', missed: 1 });
    const absentTwice = run([], absentOnce.open, 't3', 2);
    expect(absentTwice.resolved[0]).toMatchObject({ status: 'resolved', resolvedAt: 't3' });
    expect(absentTwice.open).toHaveLength(0);
  });

  it('holds resolutions while data is stale', () => {
    const opened = run([finding('a')], [], 't1').open;
    const held = run([], opened, 't2', 1, true);
    expect(held.resolved).toHaveLength(0);
    expect(held.open).toHaveLength(1);
  });

  it('holds only findings of an account/region whose data is stale', () => {
    const hold = holdWhereStale({
      warnings: [],
      partitions: [
        {
          account: '1',
          region: 'a',
          data: {},
          stale: { TargetGroups: { error: 'AccessDenied', fetchedAt: null } },
        },
        { account: '2', region: 'a', data: {} },
      ],
    });
    const f = run([finding('a')], [], 't1').open[0]!;
    expect(hold({ ...f, account: '1', region: 'a' })).toBe(true);
    expect(hold({ ...f, account: '2', region: 'a' })).toBe(false);
    expect(hold({ ...f, account: null, region: null })).toBe(true);
    expect(holdWhereStale({ warnings: [], partitions: [{ account: '1', region: 'a', data: {} }] })(f)).toBe(
      false,
    );
  });

  it('marks a finding that comes back after resolving as reopened', () => {
    const resolved: FindingState = {
      ...run([finding('a')], [], 't1').open[0]!,
      status: 'resolved',
      resolvedAt: 't2',
    };
    const again = advanceFindings(
      { current: [finding('a')], stillOpen: [], previous: () => resolved, nowIso: 't3', cause: () => null },
      { resolveAfterCycles: 1, holdResolution: () => false },
    );
    expect(again.reopened.has('a')).toBe(true);
    expect(again.opened[0]).toMatchObject({ firstSeen: 't3', resolvedAt: null, streak: 1 });
  });
});

const event = (
  id: number,
  message: string,
  resources: string[],
  type: TimelineEvent['type'] = 'security-group-rule-removed',
): TimelineEvent => ({
  id,
  at: `2026-01-01T10:42:${String(id).padStart(2, '0')}.000Z`,
  type,
  service: null,
  resources,
  message,
  likelyCause: null,
});

describe('likelyCause', () => {
  it('names the change to the blocking component, with its time', () => {
    const changes = [
      event(20, 'ingress tcp 443 from 0.0.0.0/0 added to sg-alb', ['sg-alb']),
      event(13, 'ingress tcp 32768-65535 from sg-alb removed from sg-ecs', ['sg-ecs', 'sg-alb']),
    ];
    expect(likelyCause(finding('a'), changes)).toBe(
      'ingress tcp 32768-65535 from sg-alb removed from sg-ecs at 10:42:13 UTC',
    );
  });

  it('mentions other related changes and ignores unrelated ones', () => {
    const changes = [
      event(30, 'health check path changed', ['arn:tg'], 'target-group-changed'),
      event(13, 'rule removed from sg-ecs', ['sg-ecs']),
      event(5, 'unrelated', ['sg-other']),
    ];
    expect(likelyCause(finding('a'), changes)).toBe(
      'rule removed from sg-ecs at 10:42:13 UTC (and 1 other related change in the window)',
    );
    expect(relevance(finding('a'), changes[2]!)).toBe(0);
    expect(likelyCause(finding('a'), [changes[2]!])).toBeNull();
  });

  it('falls back to a deployment of the same service', () => {
    const deploy = {
      ...event(9, 'deployment ecs-svc/1 of prod/web (web:43) started', ['arn:svc'], 'deployment'),
      service: 'prod/web',
    };
    expect(likelyCause(finding('a'), [deploy])).toMatch(/^deployment ecs-svc\/1 .* at 10:42:09 UTC$/);
  });
});
