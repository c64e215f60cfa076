// Rule actions (ELB API Action, ForwardActionConfig, TargetGroupTuple, RedirectActionConfig,
// FixedResponseActionConfig): weighted forward with weight 0 = no traffic, redirect followed as a second
// request, fixed-response answered by the ALB, authenticate-* as "requires login".
import { describe, expect, it } from 'vitest';
import { buildModel } from '../model/build.ts';
import { forwardTargets } from '../model/buildElb.ts';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import {
  addHttpsListener,
  addRule,
  addTargetGroup,
  closePort,
  denied,
  explain,
  healthy,
  ids,
  listener80,
  web,
  WEB_URL,
  weighted,
  type Json,
} from '../../test-kit/albTestKit.ts';
import { redirectOf } from './redirect.ts';
import { requestFromUrl } from './httpRequest.ts';

/** The :80 default action forwards to web-tg (healthy) and canary (no registered targets) by weight. */
function split(webWeight: number, canaryWeight: number, sticky?: number) {
  const docs = healthy();
  const canary = addTargetGroup(docs, 'canary-tg');
  listener80(docs).DefaultActions = [
    weighted(
      [
        [ids.targetGroups.web, webWeight],
        [canary, canaryWeight],
      ],
      sticky,
    ),
  ];
  return { docs, canary };
}

describe('weighted forward', () => {
  it('100/0 with the weight-0 group broken: reachable, the weight-0 group takes no traffic', () => {
    const { docs, canary } = split(100, 0);
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.reachable).toBe(true);
    expect(denied(r)).toEqual([]);
    expect(r.answer?.failingPercent).toBe(0);
    expect(r.answer?.groups.find((g) => g.targetGroupArn === canary)).toMatchObject({
      sharePercent: 0,
      verdict: 'no-traffic',
    });
  });

  it('90/10 with the 10 % group broken: reachable, partial failure of 10 % stated', () => {
    const { docs, canary } = split(90, 10);
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.reachable).toBe(true);
    expect(r.answer?.failingPercent).toBe(10);
    expect(denied(r)).toEqual([canary]);
    expect(r.summary).toMatch(/10 %/);
  });

  it('100/0 with the weight-0 group failing health checks: no finding about that group in the answer', () => {
    const docs = healthy();
    const canary = addTargetGroup(docs, 'canary-tg', true);
    const health = docs
      .flatMap((d) => (d.json.LoadBalancerTargetHealth as Json[] | undefined) ?? [])
      .find((h) => h.TargetGroupArn === canary)!;
    for (const t of health.TargetHealthDescriptions as Json[])
      t.TargetHealth = { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' };
    listener80(docs).DefaultActions = [
      weighted([
        [ids.targetGroups.web, 100],
        [canary, 0],
      ]),
    ];
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.reachable).toBe(true);
    expect(r.findings.filter((f) => f.targets.some((t) => t.targetGroupArn === canary))).toEqual([]);
  });

  it('a weighted group missing from the snapshot is unknown, never serving', () => {
    const docs = healthy();
    const missing = `arn:aws:elasticloadbalancing:${ids.region}:${ids.account}:targetgroup/gone/0f0f0f0f0f0f0f0f`;
    listener80(docs).DefaultActions = [weighted([[missing, 1]])];
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.verdict).toBe('unknown');
    expect(r.reachable).toBe(false);
  });

  it('stickiness is noted when a failing group can hold clients', () => {
    const r = explain(split(90, 10, 3600).docs, `${WEB_URL}/`);
    expect(r.answer?.stickiness).toEqual({ enabled: true, durationSeconds: 3600 });
    expect(r.answer?.notes.join(' ')).toMatch(/stickiness/);
  });

  it('0/0: no group receives requests, not reachable', () => {
    const r = explain(split(0, 0).docs, `${WEB_URL}/`);
    expect(r.reachable).toBe(false);
    expect(r.verdict).toBe('blocked');
  });

  it('0/100 with the only weighted group broken: blocked at that group', () => {
    const { docs, canary } = split(0, 100);
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.reachable).toBe(false);
    expect(denied(r)).toEqual([canary]);
  });

  it('the model routes only positively weighted groups (weight 0 is not "attached" traffic)', () => {
    expect(
      forwardTargets([
        weighted([
          ['arn:a', 100],
          ['arn:b', 0],
        ]) as never,
      ]),
    ).toEqual(['arn:a']);
    const { docs, canary } = split(100, 0);
    const model = buildModel(snapshotFromDocuments(docs));
    const rule = model.loadBalancers.get(web.arn)!.listeners[0]!.rules.at(-1)!;
    expect(rule.targetGroupArns).toEqual([ids.targetGroups.web]);
    expect(rule.targetGroupArns).not.toContain(canary);
  });
});

function redirectTo443(docs = healthy()) {
  addHttpsListener(docs);
  const redirect: Json = {
    Type: 'redirect',
    Order: 1,
    RedirectConfig: {
      Protocol: 'HTTPS',
      Port: '443',
      Host: '#{host}',
      Path: '/#{path}',
      Query: '#{query}',
      StatusCode: 'HTTP_301',
    },
  };
  listener80(docs).DefaultActions = [redirect];
  return docs;
}

describe('redirect 80 → 443', () => {
  it('443 open: 301 with the Location the ALB sends, and the second request reaches', () => {
    const r = explain(redirectTo443(), `${WEB_URL}/cart?id=3`);
    expect(r.answer).toMatchObject({
      action: 'redirect',
      status: 301,
      location: `https://${web.dnsName}:443/cart?id=3`,
    });
    expect(r.legs?.map((l) => [l.url, l.verdict])).toEqual([
      [`https://${web.dnsName}:443/cart?id=3`, 'reachable'],
    ]);
    expect(r.reachable).toBe(true);
  });

  it('443 closed in the ALB SG: the redirect is answered, the followed request is blocked by that SG', () => {
    const docs = redirectTo443();
    closePort(docs, ids.sgs.alb, 443);
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.answer?.status).toBe(301);
    expect(r.legs?.[0]?.verdict).toBe('blocked');
    expect(r.reachable).toBe(false);
    expect(r.legs?.[0]?.hops.filter((h) => h.verdict === 'deny').map((h) => h.component)).toContain(
      ids.sgs.alb,
    );
    expect(r.findings.some((f) => f.resources.includes(ids.sgs.alb))).toBe(true);
  });

  it('builds Location from #{…} templates; unset parts keep their value', () => {
    const request = requestFromUrl(new URL('http://shop.example.com:8080/a/b?x=1'));
    const action = {
      Type: 'redirect',
      RedirectConfig: {
        Host: 'www.#{host}',
        Path: '/new/#{path}',
        Query: '#{query}&v=2',
        StatusCode: 'HTTP_302',
      },
    };
    expect(redirectOf(action, request)).toMatchObject({
      status: 302,
      location: 'http://www.shop.example.com:8080/new/a/b?x=1&v=2',
    });
  });

  it('a redirect to a host outside the snapshot is not followed: unknown beyond the ALB', () => {
    const docs = healthy();
    listener80(docs).DefaultActions = [
      { Type: 'redirect', RedirectConfig: { Host: 'www.example.org', StatusCode: 'HTTP_302' } },
    ];
    const r = explain(docs, `${WEB_URL}/`);
    expect(r.answer?.location).toBe('http://www.example.org:80/');
    expect(r.verdict).toBe('unknown');
    expect(r.reachable).toBe(false);
  });
});

describe('fixed-response and authenticate', () => {
  it('fixed-response: answered by the ALB with its status', () => {
    const docs = healthy();
    const rule = addRule(
      docs,
      4,
      [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/maintenance'] } }],
      [
        {
          Type: 'fixed-response',
          Order: 1,
          FixedResponseConfig: { StatusCode: '503', ContentType: 'text/plain', MessageBody: 'down' },
        },
      ],
    );
    const r = explain(docs, `${WEB_URL}/maintenance`);
    expect(r.reachable).toBe(true);
    expect(r.answer).toMatchObject({ rule, action: 'fixed-response', status: 503 });
  });

  it('authenticate-oidc then forward: reachable only after login', () => {
    const docs = healthy();
    addHttpsListener(docs);
    const https = docs
      .flatMap((d) => (d.json.Listeners as Json[] | undefined) ?? [])
      .find((l) => l.Port === 443)!;
    https.DefaultActions = [
      {
        Type: 'authenticate-oidc',
        Order: 1,
        AuthenticateOidcConfig: {
          Issuer: 'https://idp.example.com',
          ClientId: 'porthole',
          OnUnauthenticatedRequest: 'authenticate',
        },
      },
      { ...(https.DefaultActions as Json[])[0], Order: 2 },
    ];
    const r = explain(docs, `https://${web.dnsName}/`);
    expect(r.answer?.requiresLogin).toBe(true);
    expect(r.reachable).toBe(true);
    expect(r.summary).toMatch(/after login/);
  });
});
