import { describe, expect, it } from 'vitest';
import type { Hop } from '@porthole/shared';
import {
  blockerLabel,
  blockersCauseFirst,
  blockingHopIndexes,
  isConsequence,
  hopTitle,
  pathOutcome,
  shortComponent,
  splitLegs,
} from './hops.ts';

const hop = (kind: string, verdict: Hop['verdict'], leg: Hop['leg'] = 'request'): Hop => ({
  component: kind,
  kind,
  direction: kind === 'security-group' ? 'inbound' : 'forward',
  leg,
  verdict,
  detail: '',
});

describe('hops', () => {
  it('names hops in words, with direction only where it matters', () => {
    expect(hopTitle({ kind: 'listener', direction: 'forward' })).toBe('ALB listener');
    expect(hopTitle({ kind: 'security-group', direction: 'inbound' })).toBe('Security group · inbound');
    expect(hopTitle({ kind: 'network-acl', direction: 'outbound' })).toBe('Network ACL · outbound');
    expect(hopTitle({ kind: 'vpc-endpoint', direction: 'forward' })).toBe('Vpc endpoint');
  });

  it('shortens ARNs to their resource name', () => {
    expect(
      shortComponent('arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/orders/0123456789abcdef'),
    ).toBe('targetgroup/orders');
    expect(shortComponent('arn:aws:elasticloadbalancing:eu-west-1:1:listener/app/web/abc/def')).toBe(
      'listener/app/web',
    );
    expect(shortComponent('sg-123')).toBe('sg-123');
  });

  it('splits request and reply legs, keeping order', () => {
    const hops = [hop('client', 'allow'), hop('network-acl', 'allow', 'reply'), hop('target', 'allow')];
    const legs = splitLegs(hops);
    expect(legs.request.map((h) => h.kind)).toEqual(['client', 'target']);
    expect(legs.reply.map((h) => h.kind)).toEqual(['network-acl']);
  });

  it('highlights every denying hop, or the first unknown when nothing denies', () => {
    expect(
      blockingHopIndexes([hop('security-group', 'deny'), hop('a', 'allow'), hop('listener', 'deny')]),
    ).toEqual([0, 2]);
    expect(blockingHopIndexes([hop('a', 'allow'), hop('b', 'unknown'), hop('c', 'unknown')])).toEqual([1]);
    expect(blockingHopIndexes([hop('a', 'allow')])).toEqual([]);
  });

  it('labels a failing target group as the symptom it is', () => {
    expect(blockerLabel({ kind: 'target-group', verdict: 'deny' })).toBe('No healthy targets');
    expect(blockerLabel({ kind: 'security-group', verdict: 'deny' })).toBe('Blocked here');
    expect(blockerLabel({ kind: 'route-table', verdict: 'unknown' })).toBe('Cannot tell from here');
  });

  it('words the outcome; no hops is not reachable', () => {
    expect(pathOutcome([hop('a', 'allow'), hop('b', 'deny')])).toBe('blocked');
    expect(pathOutcome([hop('a', 'allow'), hop('b', 'unknown')])).toBe('unknown');
    expect(pathOutcome([hop('a', 'allow')])).toBe('reachable');
    expect(pathOutcome([])).toBe('unknown');
  });

  it('marks an empty target group as the consequence of a real blocker, and lists causes first', () => {
    const path = [hop('listener', 'allow'), hop('target-group', 'deny'), hop('security-group', 'deny')];
    expect(isConsequence(path[1]!, path)).toBe(true);
    expect(isConsequence(path[2]!, path)).toBe(false);
    expect(blockersCauseFirst(path).map((b) => [b.hop.kind, b.consequence])).toEqual([
      ['security-group', false],
      ['target-group', true],
    ]);
    expect(blockerLabel(path[1]!, true)).toBe('Consequence: no healthy targets');
    // With no other blocker on the path, the empty target group is the finding itself (e.g. a failing
    // health check), not a consequence.
    const alone = [hop('listener', 'allow'), hop('target-group', 'deny')];
    expect(isConsequence(alone[1]!, alone)).toBe(false);
  });
});
