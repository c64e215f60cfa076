// Every listener-rule condition type, matching and not matching, with the documented case and wildcard
// rules (ALB guide "Condition types for listener rules"; ELB API *ConditionConfig), in priority order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRule,
  addTargetGroup,
  explain,
  forward,
  healthy,
  ids,
  WEB_URL,
  type Json,
} from '../../test-kit/albTestKit.ts';
import { wildcard } from './ruleConditions.ts';

/** One rule at priority 5 on the web ALB's :80 listener, forwarding to a healthy "canary-tg". */
function estateWith(conditions: Json[]) {
  const docs = healthy();
  const tg = addTargetGroup(docs, 'canary-tg', true);
  const rule = addRule(docs, 5, conditions, [forward(tg)]);
  return { docs, rule, tg };
}

const DEFAULT_RULE = `${ids.loadBalancers.web.listener80Arn}#default`;

describe('host-header (case-insensitive, * and ?)', () => {
  const { docs, rule } = estateWith([
    { Field: 'host-header', Values: ['*.Example.com'], HostHeaderConfig: { Values: ['*.Example.com'] } },
  ]);
  it('matches a Host header in another case through the wildcard', () => {
    expect(explain(docs, `${WEB_URL}/`, { headers: ['Host: SHOP.example.COM'] }).answer?.rule).toBe(rule);
  });
  it('does not match another domain', () => {
    expect(explain(docs, `${WEB_URL}/`, { headers: ['Host: shop.example.org'] }).answer?.rule).toBe(
      DEFAULT_RULE,
    );
  });
});

describe('path-pattern (case-sensitive, path only)', () => {
  const { docs, rule } = estateWith([
    { Field: 'path-pattern', PathPatternConfig: { Values: ['/img/*.png'] } },
  ]);
  it('matches', () => expect(explain(docs, `${WEB_URL}/img/a/b.png?x=1`).answer?.rule).toBe(rule));
  it('does not match another case', () =>
    expect(explain(docs, `${WEB_URL}/IMG/b.png`).answer?.rule).toBe(DEFAULT_RULE));
  it('is not compared with the query string', () =>
    expect(explain(docs, `${WEB_URL}/x?p=/img/b.png`).answer?.rule).toBe(DEFAULT_RULE));
});

describe('http-header (name and values case-insensitive, wildcards in values)', () => {
  const { docs, rule } = estateWith([
    { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Canary', Values: ['yes*'] } },
  ]);
  it('matches', () =>
    expect(explain(docs, `${WEB_URL}/`, { headers: ['x-canary: YES-please'] }).answer?.rule).toBe(rule));
  it('does not match another value', () =>
    expect(explain(docs, `${WEB_URL}/`, { headers: ['X-Canary: no'] }).answer?.rule).toBe(DEFAULT_RULE));
  it('without any --header it is undecided: the answer names the rule that could apply', () => {
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.answer?.rule).toBe(DEFAULT_RULE);
    expect(r.answer?.couldApply.map((c) => c.rule)).toEqual([rule]);
    expect(r.summary).toMatch(/Uncertain: rule 5 would apply/);
  });
});

describe('http-request-method (exact, case-sensitive)', () => {
  const { docs, rule } = estateWith([
    { Field: 'http-request-method', HttpRequestMethodConfig: { Values: ['POST'] } },
  ]);
  it('matches --method POST', () =>
    expect(explain(docs, `${WEB_URL}/`, { method: 'POST' }).answer?.rule).toBe(rule));
  it('does not match GET (the default) nor "post"', () => {
    expect(explain(docs, `${WEB_URL}/`).answer?.rule).toBe(DEFAULT_RULE);
    expect(explain(docs, `${WEB_URL}/`, { method: 'post' }).answer?.rule).toBe(DEFAULT_RULE);
  });
});

describe('query-string (key/value, case-insensitive, \\* is a literal *)', () => {
  const { docs, rule } = estateWith([
    {
      Field: 'query-string',
      QueryStringConfig: { Values: [{ Key: 'canary', Value: '1' }, { Value: 'star\\*' }] },
    },
  ]);
  it('matches a key/value pair in any case', () => {
    expect(explain(docs, `${WEB_URL}/?a=b&CANARY=1`).answer?.rule).toBe(rule);
  });
  it('matches a value-only entry with an escaped literal *', () => {
    expect(explain(docs, `${WEB_URL}/?x=star*`).answer?.rule).toBe(rule);
    expect(explain(docs, `${WEB_URL}/?x=starry`).answer?.rule).toBe(DEFAULT_RULE);
  });
  it('does not match another value or no query', () => {
    expect(explain(docs, `${WEB_URL}/?canary=2`).answer?.rule).toBe(DEFAULT_RULE);
    expect(explain(docs, `${WEB_URL}/`).answer?.rule).toBe(DEFAULT_RULE);
  });
});

describe('source-ip (CIDR of the connecting address)', () => {
  const { docs, rule } = estateWith([{ Field: 'source-ip', SourceIpConfig: { Values: ['203.0.113.0/24'] } }]);
  it('matches a client inside the CIDR', () =>
    expect(explain(docs, `${WEB_URL}/`, { from: '203.0.113.9' }).answer?.rule).toBe(rule));
  it('does not match a client outside it', () =>
    expect(explain(docs, `${WEB_URL}/`, { from: '198.51.100.7' }).answer?.rule).toBe(DEFAULT_RULE));
  it('from "internet" (any address) it is undecided', () => {
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.answer?.rule).toBe(DEFAULT_RULE);
    expect(r.answer?.couldApply.map((c) => c.rule)).toEqual([rule]);
  });
});

describe('priority order', () => {
  it('the lower priority number wins when both rules match; the default comes last', () => {
    const docs = healthy();
    const tg = addTargetGroup(docs, 'canary-tg', true);
    const later = addRule(
      docs,
      7,
      [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      [forward(tg)],
    );
    const first = addRule(
      docs,
      3,
      [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/a*'] } }],
      [forward(tg)],
    );
    expect(explain(docs, `${WEB_URL}/abc`).answer?.rule).toBe(first);
    expect(explain(docs, `${WEB_URL}/zzz`).answer?.rule).toBe(later);
  });

  it('a canary rule on ?canary=1 to a broken target group is followed, and blocks', () => {
    const docs = healthy();
    const broken = addTargetGroup(docs, 'canary-broken');
    addRule(
      docs,
      1,
      [{ Field: 'query-string', QueryStringConfig: { Values: [{ Key: 'canary', Value: '1' }] } }],
      [forward(broken)],
    );
    const r = explain(docs, `${WEB_URL}/?canary=1`);
    expect(r.reachable).toBe(false);
    expect(r.hops.filter((h) => h.verdict === 'deny').map((h) => h.component)).toEqual([broken]);
    expect(explain(docs, `${WEB_URL}/`).reachable).toBe(true);
  });
});

/** Reference glob: * = any run, ? = one character, by recursion. */
function glob(p: string, s: string): boolean {
  if (p === '') return s === '';
  if (p[0] === '*') return glob(p.slice(1), s) || (s !== '' && glob(p, s.slice(1)));
  return s !== '' && (p[0] === '?' || p[0] === s[0]) && glob(p.slice(1), s.slice(1));
}

describe('wildcard matching', () => {
  it('agrees with a reference glob on random patterns (case-sensitive)', () => {
    const ch = fc.constantFrom('a', 'b', '.', '/', '*', '?');
    fc.assert(
      fc.property(
        fc.string({ unit: ch, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '.', '/'), maxLength: 8 }),
        (p, s) => {
          expect(wildcard(p, false).test(s)).toBe(glob(p, s));
        },
      ),
    );
  });
  it('is case-insensitive only when asked', () => {
    expect(wildcard('A*', true).test('abc')).toBe(true);
    expect(wildcard('A*', false).test('abc')).toBe(false);
  });
});
