import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hop, PathResult } from '@porthole/shared';
import { renderPath } from './report.ts';

// picocolors colours under CI=true: compare the text a reader sees.
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

const hop = (
  component: string,
  leg: Hop['leg'],
  kind = 'security-group',
  verdict: Hop['verdict'] = 'allow',
): Hop => ({
  component,
  kind,
  direction: leg === 'request' ? 'inbound' : 'outbound',
  leg,
  verdict,
  detail: `${component} detail`,
});

const result = (hops: Hop[]): PathResult => ({
  reachable: false,
  verdict: 'blocked',
  summary: 'blocked',
  hops,
  findings: [],
});

/** Components in the order the report prints them. */
function printed(text: string, hops: Hop[]): string[] {
  return hops
    .map((h) => ({ c: h.component, at: text.indexOf(` ${h.component}  `) }))
    .sort((a, b) => a.at - b.at)
    .map((h) => h.c);
}

describe('renderPath', () => {
  it('prints the request path in order, then the reply path, under their headings', () => {
    const hops = [
      hop('client-1', 'request', 'client'),
      hop('reply-1', 'reply'),
      hop('listener-1', 'request', 'listener'),
      hop('reply-2', 'reply'),
      hop('sg-target', 'request'),
    ];
    const text = renderPath(result(hops));
    expect(printed(text, hops)).toEqual(['client-1', 'listener-1', 'sg-target', 'reply-1', 'reply-2']);
    expect(text.indexOf('Request path:')).toBeLessThan(text.indexOf('client-1'));
    expect(text.indexOf('Reply path:')).toBeGreaterThan(text.indexOf('sg-target'));
    expect(text.indexOf('Reply path:')).toBeLessThan(text.indexOf('reply-1'));
  });

  it('never prints a reply hop before a request hop, and keeps each leg in path order', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), (legs) => {
        const hops = legs.map((isReply, i) => hop(`hop-${i}`, isReply ? 'reply' : 'request'));
        const order = printed(renderPath(result(hops)), hops);
        const expected = [
          ...hops.filter((h) => h.leg === 'request'),
          ...hops.filter((h) => h.leg === 'reply'),
        ];
        expect(order).toEqual(expected.map((h) => h.component));
      }),
    );
  });

  it('marks an empty target group as a consequence when another hop blocks', () => {
    const text = plain(
      renderPath(
        result([
          hop('tg-1', 'request', 'target-group', 'deny'),
          hop('sg-1', 'request', 'security-group', 'deny'),
        ]),
      ),
    );
    expect(text).toMatch(/tg-1 {2}a consequence of the blocker, not the cause: tg-1 detail/);
    expect(text).toMatch(/DENY .*sg-1 {2}sg-1 detail/);
    // Alone (a failing health check, no network blocker), the empty target group is the finding itself.
    const alone = plain(renderPath(result([hop('tg-1', 'request', 'target-group', 'deny')])));
    expect(alone).not.toMatch(/consequence/);
  });
});
