// Likely-cause ranking: the change whose effect can produce the finding, on the finding's own resources,
// counted within the finding's own window.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Finding, TimelineEvent } from '@porthole/shared';
import { changeEffect, likelyCause, relevance } from './correlate.ts';

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: 'f',
  rule: 'sg-blocks-dynamic-ports',
  severity: 'critical',
  title: 't',
  explanation: '',
  resources: ['sg-ecs', 'sg-alb'],
  service: 'prod/web',
  services: ['prod/web'],
  confidence: 'confirmed',
  missing: [],
  targets: [],
  evidence: [],
  fix: { summary: '', awsCli: [], terraform: '' },
  account: null,
  region: null,
  ...over,
});

let nextId = 100;
const ev = (
  second: number,
  type: TimelineEvent['type'],
  message: string,
  resources: string[],
): TimelineEvent => ({
  id: nextId++,
  at: `2026-03-02T10:42:${String(second).padStart(2, '0')}.000Z`,
  type,
  service: null,
  resources,
  message,
  likelyCause: null,
});
const newestFirst = (events: TimelineEvent[]) => [...events].sort((a, b) => b.at.localeCompare(a.at));

describe('likely cause', () => {
  it('blames the rule opened to the world, not a removal in the same cycle, for overly-open-*', () => {
    const f = finding({ rule: 'overly-open-dynamic-ports', resources: ['sg-ecs', 'i-0abc'] });
    const cycle = [
      ev(10, 'security-group-rule-removed', 'ingress tcp 32768-65535 from sg-alb removed from sg-ecs', [
        'sg-ecs',
        'sg-alb',
      ]),
      ev(10, 'security-group-rule-added', 'ingress tcp 0-65535 from 0.0.0.0/0 added to sg-ecs', ['sg-ecs']),
    ];
    expect(likelyCause(f, cycle)).toBe('ingress tcp 0-65535 from 0.0.0.0/0 added to sg-ecs at 10:42:10 UTC');
    expect(relevance(f, cycle[0]!)).toBe(0); // a removal never makes a rule too open
  });

  it('blames access removed for a block, over an addition that happened later', () => {
    const changes = newestFirst([
      ev(10, 'security-group-rule-removed', 'ingress tcp 32768-65535 from sg-alb removed from sg-ecs', [
        'sg-ecs',
        'sg-alb',
      ]),
      ev(20, 'security-group-rule-added', 'ingress tcp 22 from 10.0.0.0/8 added to sg-ecs', ['sg-ecs']),
    ]);
    expect(likelyCause(finding(), changes)).toMatch(
      /^ingress tcp 32768-65535 from sg-alb removed from sg-ecs at 10:42:10 UTC/,
    );
  });

  it('ignores changes to groups that merely reference one of the finding’s resources', () => {
    // sg-other (another service's SG) references the shared ALB SG: not this finding's resource.
    const other = ev(
      10,
      'security-group-rule-removed',
      'ingress tcp 8080 from sg-alb removed from sg-other',
      ['sg-other', 'sg-alb'],
    );
    expect(relevance(finding(), other)).toBe(0);
    expect(likelyCause(finding(), [other])).toBeNull();
  });

  it('counts other related changes only since the finding last resolved, each entry once', () => {
    const flaps: TimelineEvent[] = [];
    // An hour of someone toggling the same rule, and the finding resolving at 10:42:30.
    for (let s = 0; s < 30; s++)
      flaps.push(
        ev(
          s,
          s % 2 ? 'security-group-rule-added' : 'security-group-rule-removed',
          `ingress tcp 32768-65535 from sg-alb ${s % 2 ? 'added to' : 'removed from'} sg-ecs`,
          ['sg-ecs', 'sg-alb'],
        ),
      );
    const now = [
      ev(40, 'security-group-rule-removed', 'ingress tcp 32768-65535 from sg-alb removed from sg-ecs', [
        'sg-ecs',
        'sg-alb',
      ]),
      ev(41, 'security-group-rule-removed', 'egress all traffic to 0.0.0.0/0 removed from sg-ecs', [
        'sg-ecs',
      ]),
    ];
    const all = newestFirst([...flaps, ...now]);
    expect(likelyCause(finding(), all, '2026-03-02T10:42:30.000Z')).toBe(
      'egress all traffic to 0.0.0.0/0 removed from sg-ecs at 10:42:41 UTC (and 1 other related change in the window)',
    );
    // Without the resolve time, the toggled entry still counts once, not thirty times.
    expect(likelyCause(finding(), all)).toMatch(/\(and 1 other related change in the window\)$/);
  });

  it('the count never grows with the number of repeats of the same entries (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (repeats) => {
        const events: TimelineEvent[] = [];
        for (let i = 0; i < repeats; i++) {
          events.push(
            ev(i % 60, 'route-removed', 'route 0.0.0.0/0 → nat-1 removed from rtb-1', ['rtb-1', 'nat-1']),
          );
          events.push(
            ev(i % 60, 'route-added', 'route 0.0.0.0/0 → nat-1 added to rtb-1', ['rtb-1', 'nat-1']),
          );
        }
        const cause = likelyCause(
          finding({ rule: 'private-subnet-no-egress', resources: ['rtb-1'] }),
          newestFirst(events),
        );
        expect(cause).not.toMatch(/other related/);
      }),
    );
  });

  it('classifies effects from the timeline words', () => {
    expect(
      changeEffect(
        ev(
          1,
          'network-acl-entry-added',
          'inbound rule 90 deny tcp 1024-65535 from 10.0.0.0/22 added to acl-1',
          ['acl-1'],
        ),
      ),
    ).toBe('narrows');
    expect(
      changeEffect(
        ev(
          1,
          'network-acl-entry-removed',
          'outbound rule 100 allow all traffic to 0.0.0.0/0 removed from acl-1',
          ['acl-1'],
        ),
      ),
    ).toBe('narrows');
    expect(
      changeEffect(ev(1, 'security-group-rule-added', 'ingress tcp 443 from ::/0 added to sg-1', ['sg-1'])),
    ).toBe('opens-to-world');
    expect(
      changeEffect(ev(1, 'route-added', 'route 0.0.0.0/0 → nat-1 (blackhole) added to rtb-1', ['rtb-1'])),
    ).toBe('narrows');
    expect(
      changeEffect(
        ev(1, 'target-group-changed', 'target group web-tg: health check path /health → /healthz', [
          'arn:tg',
        ]),
      ),
    ).toBe('neutral');
  });
});
