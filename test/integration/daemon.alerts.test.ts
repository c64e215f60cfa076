// Alerts end to end: the demo story drives findings; real HTTP receivers on 127.0.0.1 play Slack,
// PagerDuty and an Alertmanager-webhook consumer. Also /metrics after the same cycles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertDeliverySchema } from '@porthole/shared';
import type { PollSource } from '../../agent/src/daemon/types.ts';
import { scriptedSource, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';

let t: TestDaemon;
let slack: Receiver;
let pagerduty: Receiver;
let webhook: Receiver;

beforeAll(async () => {
  [slack, pagerduty, webhook] = await Promise.all([startReceiver(), startReceiver(202), startReceiver()]);
  pagerduty.script.push(503); // the first PagerDuty attempt fails and is retried
  const story = scriptedSource([
    [],
    ['app-not-listening'],
    [],
    ['dynamic-ports-blocked'],
    ['dynamic-ports-blocked'],
    ['dynamic-ports-blocked'],
    [],
  ]);
  // The live source reports AWS API calls; this one pretends to, so the metric can be checked.
  const source: PollSource = {
    ...story,
    poll: async (now) => ({
      ...(await story.poll(now)),
      calls: {
        total: 3,
        byAction: { 'ecs:DescribeTasks': 2, 'elasticloadbalancing:DescribeTargetHealth': 1 },
        byScope: {},
        retries: 0,
        failures: {},
      },
    }),
  };
  t = await startTestDaemon({
    source,
    input: {
      findings: { alertAfterCycles: 2 },
      alerts: {
        externalUrl: 'http://porthole.test:7070',
        retry: { attempts: 3, initialBackoffMs: 1, maxBackoffMs: 5 },
        sinks: [
          { type: 'slack', name: 'slack', url: `${slack.url}/services/T/B/X` },
          { type: 'pagerduty', name: 'pd', routingKey: 'R0UTING', url: `${pagerduty.url}/v2/enqueue` },
          { type: 'webhook', name: 'am', url: `${webhook.url}/hook` },
        ],
        routes: [
          { sinks: ['pd'], severities: ['critical'], services: ['prod/web'] },
          { sinks: ['slack', 'am'] },
        ],
      },
    },
  });
});
afterAll(async () => {
  await t.stop();
  await Promise.all([slack.close(), pagerduty.close(), webhook.close()]);
});

describe('alerts on the demo story', () => {
  it('does not alert on a finding that lasts one cycle (flap damping)', async () => {
    await t.step(); // healthy
    await t.step(); // app-not-listening appears…
    await t.step(); // …and is gone
    expect(slack.received).toHaveLength(0);
    const resolved = (await (await t.get('/api/findings?status=resolved')).json()) as unknown[];
    expect(resolved).toHaveLength(1);
  });

  it('fires after two cycles as one notification per sink for the group, routed, retrying a failure', async () => {
    await t.step(); // dynamic ports blocked: seen once
    expect(slack.received).toHaveLength(0);
    await t.step(); // seen twice: fire
    // prod/web and prod/admin are blocked by the same instance security group: one problem, one message.
    const slackTexts = slack.received.map((r) => (r.body as { text: string }).text);
    expect(slackTexts).toHaveLength(1);
    expect(slackTexts[0]).toMatch(
      /^:red_circle: \*\[CRITICAL\]\* \*prod\/(web and prod\/admin|admin and prod\/web): .* \(\+1 related finding\)\*\n\*Affects:\* prod\/(web, prod\/admin|admin, prod\/web)\n/,
    );
    expect(slackTexts[0]).not.toMatch(/prod\/web: prod\/web|prod\/admin: prod\/admin|-: /);
    expect(slackTexts[0]).toContain('*Likely cause:* ingress tcp 32768-65535 from sg-');
    expect(slackTexts[0]).toContain('<http://porthole.test:7070/#/findings/');

    // PagerDuty only for prod/web (critical); the first attempt got a 503 and was retried.
    expect(pagerduty.received).toHaveLength(2);
    const trigger = pagerduty.received[1]!.body as Record<string, unknown>;
    expect(trigger).toMatchObject({
      routing_key: 'R0UTING',
      event_action: 'trigger',
      dedup_key: expect.stringMatching(/^sg-blocks-dynamic-ports:sg-\w+:prod\/(web|admin)$/),
      payload: { severity: 'critical', source: 'prod/web', class: 'sg-blocks-dynamic-ports' },
      client: 'Porthole',
      client_url: expect.stringMatching(
        /^http:\/\/porthole\.test:7070\/#\/findings\/sg-blocks-dynamic-ports/,
      ),
    });
    // The Alertmanager-format webhook: one message holding both alerts, as Alertmanager groups them.
    expect(webhook.received).toHaveLength(1);
    const hook = webhook.received[0]!.body as {
      groupKey: string;
      groupLabels: Record<string, string>;
      commonLabels: Record<string, string>;
      commonAnnotations: Record<string, string>;
      alerts: Array<{ labels: Record<string, string>; generatorURL: string }>;
    };
    expect(hook).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'am',
      groupKey: `{}:{group="${trigger.dedup_key as string}"}`,
      groupLabels: { group: trigger.dedup_key },
      commonLabels: {
        alertname: 'sg-blocks-dynamic-ports',
        severity: 'critical',
        cluster: 'prod',
        group: trigger.dedup_key,
        source: 'porthole',
      },
    });
    expect(hook.alerts.map((a) => a.labels.service).sort()).toEqual(['prod/admin', 'prod/web']);
    expect(hook.commonLabels.service).toBeUndefined(); // differs between the alerts
    expect(hook.alerts.every((a) => a.generatorURL.startsWith('http://porthole.test:7070/#/findings/'))).toBe(
      true,
    );

    await t.step(); // still firing: no repeat before repeatIntervalMinutes
    expect(slack.received).toHaveLength(1);
    const metrics = await (await t.get('/metrics')).text();
    expect(metrics).toContain('porthole_open_findings{rule="sg-blocks-dynamic-ports",severity="critical"} 2');
    expect(metrics).toContain('porthole_targets{state="unhealthy"} 6');
    expect(metrics).toContain('porthole_services{status="down"} 2');
  });

  it('resolves the group when its last finding resolves, and records every delivery', async () => {
    await t.step(); // fixed
    expect(pagerduty.received.at(-1)!.body).toEqual({
      routing_key: 'R0UTING',
      event_action: 'resolve',
      dedup_key: (pagerduty.received[1]!.body as { dedup_key: string }).dedup_key,
    });
    expect(slack.received.slice(1).map((r) => (r.body as { text: string }).text)).toEqual([
      expect.stringMatching(/^:white_check_mark: Resolved: prod\/(web|admin) and prod\/(web|admin): /),
    ]);
    const resolvedHook = webhook.received.at(-1)!.body as {
      status: string;
      alerts: Array<{ status: string; endsAt: string; fingerprint: string }>;
    };
    expect(resolvedHook.status).toBe('resolved');
    expect(resolvedHook.alerts.map((a) => [a.status, a.endsAt])).toEqual([
      ['resolved', '2026-03-02T10:41:10.000Z'],
      ['resolved', '2026-03-02T10:41:10.000Z'],
    ]);

    const deliveries = AlertDeliverySchema.array().parse(
      await (await t.get('/api/alerts/deliveries')).json(),
    );
    expect(deliveries).toHaveLength(1 + 2 + 1 + (1 + 1 + 1)); // slack, pd (one retry), am; then the resolves
    expect(deliveries.filter((d) => !d.ok)).toEqual([
      expect.objectContaining({ sink: 'pd', statusCode: 503, attempt: 1 }),
    ]);
    // Each member's deliveries are found by its own finding id.
    const member = deliveries
      .find((d) => d.sink === 'am')!
      .findingIds!.find((id) => id !== deliveries[0]!.findingId)!;
    const forMember = AlertDeliverySchema.array().parse(
      await (await t.get(`/api/alerts/deliveries?finding=${encodeURIComponent(member)}`)).json(),
    );
    expect(
      forMember
        .filter((d) => d.sink !== 'pd')
        .map((d) => d.sink)
        .sort(),
    ).toEqual(['am', 'am', 'slack', 'slack']);
  });

  it('exposes Prometheus metrics with the porthole_ prefix', async () => {
    const text = await (await t.get('/metrics')).text();
    expect(text).toContain('porthole_targets{state="healthy"} 10');
    expect(text).toMatch(/porthole_poll_duration_seconds_count 7/);
    expect(text).toContain('porthole_poll_cycles_total{outcome="ok"} 7');
    expect(text).toContain('porthole_aws_api_calls_total{service="ecs",action="DescribeTasks"} 14');
    expect(text).toContain(
      'porthole_aws_api_calls_total{service="elasticloadbalancing",action="DescribeTargetHealth"} 7',
    );
    expect(text).toContain('porthole_alert_deliveries_total{sink="pd",action="trigger",outcome="error"} 1');
    expect(text).toContain('porthole_alert_deliveries_total{sink="slack",action="trigger",outcome="ok"} 1');
    expect(text).toMatch(/porthole_data_age_seconds\{kind="SecurityGroups"\} \d/);
    expect(text).not.toContain('porthole_open_findings{');
  });

  it('reports data age that grows with the clock', async () => {
    await t.step(); // the story's last step repeats: healthy
    const ageOf = (text: string) =>
      Number(/porthole_data_age_seconds\{kind="TargetGroups"\} ([\d.]+)/.exec(text)![1]);
    const before = ageOf(await (await t.get('/metrics')).text());
    t.clock.advance(7);
    const after = ageOf(await (await t.get('/metrics')).text());
    expect(after - before).toBe(7);
  });
});
