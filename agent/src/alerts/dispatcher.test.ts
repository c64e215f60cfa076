import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '@porthole/shared';
import { startReceiver, type Receiver } from '../../../test/integration/helpers/receiver.ts';
import type { FindingState } from '@porthole/core/timeline/state.js';
import { Store } from '../store/store.ts';
import { AlertsConfigSchema, type AlertsConfig } from './config.ts';
import { AlertDispatcher } from './dispatcher.ts';
import { ZERO_TIME, fingerprint } from './payloads.ts';

const finding: Finding = {
  id: 'sg-blocks-dynamic-ports:sg-ecs:prod/web',
  rule: 'sg-blocks-dynamic-ports',
  severity: 'critical',
  title: 'Targets time out: sg-ecs does not admit the ALB on 32768-65535',
  explanation: 'The ALB health checks reach the host port but sg-ecs drops them.',
  resources: ['sg-ecs', 'sg-alb'],
  service: 'prod/web',
  services: ['prod/web'],
  confidence: 'confirmed',
  missing: [],
  targets: [],
  evidence: [],
  fix: {
    summary: 'Allow tcp 32768-65535 from sg-alb on sg-ecs',
    awsCli: ['aws ec2 authorize-security-group-ingress …'],
    terraform: '',
  },
  account: '111122223333',
  region: 'eu-west-1',
};
const open = (streak: number, over: Partial<FindingState> = {}): FindingState => ({
  ...finding,
  status: 'open',
  firstSeen: '2026-01-01T10:00:00.000Z',
  lastSeen: '2026-01-01T10:00:00.000Z',
  resolvedAt: null,
  likelyCause: 'ingress tcp 32768-65535 from sg-alb removed from sg-ecs at 09:59:50 UTC',
  streak,
  missed: 0,
  ...over,
});

let dir: string;
let store: Store;
let receiver: Receiver;
let clock: Date;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'porthole-alerts-'));
  store = Store.open(dir);
  receiver = await startReceiver();
  clock = new Date('2026-01-01T10:00:00.000Z');
});
afterEach(async () => {
  store.close();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

function dispatcher(config: Partial<AlertsConfig> & Record<string, unknown>) {
  const parsed = AlertsConfigSchema.parse({ retry: { initialBackoffMs: 1, maxBackoffMs: 5 }, ...config });
  return new AlertDispatcher(parsed, { store, now: () => clock });
}

describe('AlertDispatcher', () => {
  it('fires only after the finding persisted alertAfterCycles cycles, then resolves what fired', async () => {
    const d = dispatcher({
      sinks: [{ type: 'pagerduty', name: 'pd', routingKey: 'KEY', url: `${receiver.url}/pd` }],
    });
    d.evaluate([open(1)], 2);
    await d.drain();
    expect(receiver.received).toHaveLength(0);
    d.evaluate([open(2)], 2);
    await d.drain();
    expect(receiver.received.map((r) => r.body)).toEqual([
      expect.objectContaining({
        routing_key: 'KEY',
        event_action: 'trigger',
        dedup_key: finding.id,
        payload: expect.objectContaining({
          severity: 'critical',
          source: 'prod/web',
          class: 'sg-blocks-dynamic-ports',
        }),
      }),
    ]);
    d.evaluate([open(3)], 2); // still firing, repeat interval not reached: nothing new
    await d.drain();
    expect(receiver.received).toHaveLength(1);
    store.findings.save(open(3, { status: 'resolved', resolvedAt: '2026-01-01T10:05:00.000Z' }));
    d.evaluate([], 2);
    await d.drain();
    expect(receiver.received[1]!.body).toEqual({
      routing_key: 'KEY',
      event_action: 'resolve',
      dedup_key: finding.id,
    });
    d.evaluate([], 2);
    await d.drain();
    expect(receiver.received).toHaveLength(2);
  });

  it('sends no resolve for a finding that never fired', async () => {
    const d = dispatcher({ sinks: [{ type: 'slack', name: 'slack', url: receiver.url }] });
    d.evaluate([open(1)], 3);
    store.findings.save(open(1, { status: 'resolved', resolvedAt: 'x' }));
    d.evaluate([], 3);
    await d.drain();
    expect(receiver.received).toHaveLength(0);
  });

  it('retries with backoff on 5xx and records every attempt', async () => {
    receiver.script.push(500, 503);
    const d = dispatcher({ sinks: [{ type: 'slack', name: 'slack', url: receiver.url }] });
    d.evaluate([open(2)], 1);
    await d.drain();
    expect(receiver.received).toHaveLength(3);
    const deliveries = store.deliveries.list().reverse();
    expect(deliveries.map((x) => [x.attempt, x.ok, x.statusCode])).toEqual([
      [1, false, 500],
      [2, false, 503],
      [3, true, 200],
    ]);
    expect((receiver.received[2]!.body as { text: string }).text).toContain(
      '*Likely cause:* ingress tcp 32768-65535',
    );
  });

  it('waits as long as Retry-After asks on a 429, within maxBackoffMs', async () => {
    receiver.script.push(
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 429, headers: { 'retry-after': '600' } },
    );
    const waits: number[] = [];
    const parsed = AlertsConfigSchema.parse({
      retry: { attempts: 3, initialBackoffMs: 10, maxBackoffMs: 60_000 },
      sinks: [{ type: 'slack', name: 'slack', url: receiver.url }],
    });
    const d = new AlertDispatcher(parsed, {
      store,
      now: () => clock,
      sleep: async (ms) => void waits.push(ms),
    });
    d.evaluate([open(2)], 1);
    await d.drain();
    expect(waits).toEqual([3000, 60_000]);
    expect(store.deliveries.list().map((x) => x.statusCode)).toEqual([200, 429, 429]);
  });

  it('does not retry a 4xx, and tries again on the next cycle', async () => {
    receiver.script.push(400);
    const d = dispatcher({ sinks: [{ type: 'slack', name: 'slack', url: receiver.url }] });
    d.evaluate([open(2)], 1);
    await d.drain();
    expect(store.deliveries.list().map((x) => x.statusCode)).toEqual([400]);
    d.evaluate([open(3)], 1);
    await d.drain();
    expect(store.deliveries.list().map((x) => x.statusCode)).toEqual([200, 400]);
  });

  it('repeats a still-firing alert after the repeat interval', async () => {
    const d = dispatcher({
      repeatIntervalMinutes: 60,
      sinks: [{ type: 'slack', name: 'slack', url: receiver.url }],
    });
    d.evaluate([open(2)], 1);
    await d.drain();
    clock = new Date('2026-01-01T11:00:00.000Z');
    d.evaluate([open(3)], 1);
    await d.drain();
    expect(store.deliveries.list().map((x) => x.action)).toEqual(['repeat', 'trigger']);
    expect((receiver.received[1]!.body as { text: string }).text).toContain('Still firing since');
  });

  it('routes by severity and service glob', async () => {
    const other = await startReceiver();
    const d = dispatcher({
      sinks: [
        { type: 'slack', name: 'prod', url: receiver.url },
        { type: 'slack', name: 'staging', url: other.url },
      ],
      routes: [
        { sinks: ['prod'], services: ['prod/*'], severities: ['critical'] },
        { sinks: ['staging'], services: ['staging/*'] },
      ],
    });
    d.evaluate([open(2), open(2, { id: 'w', severity: 'warning' })], 1);
    await d.drain();
    expect(receiver.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
    await other.close();
  });

  it('posts Alertmanager webhook JSON with a stable fingerprint, firing then resolved', async () => {
    const d = dispatcher({
      externalUrl: 'http://porthole.internal:7070',
      sinks: [{ type: 'webhook', name: 'am', url: `${receiver.url}/hook`, headers: { 'x-team': 'ops' } }],
    });
    d.evaluate([open(2)], 1);
    await d.drain();
    store.findings.save(open(2, { status: 'resolved', resolvedAt: '2026-01-01T10:09:00.000Z' }));
    d.evaluate([], 1);
    await d.drain();
    const [firing, resolved] = receiver.received;
    expect(firing!.headers['x-team']).toBe('ops');
    expect(firing!.body).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'am',
      externalURL: 'http://porthole.internal:7070',
      alerts: [
        {
          status: 'firing',
          labels: {
            alertname: 'sg-blocks-dynamic-ports',
            severity: 'critical',
            service: 'prod/web',
            cluster: 'prod',
            finding_id: finding.id,
          },
          annotations: { summary: finding.title, fix: finding.fix.summary },
          startsAt: '2026-01-01T10:00:00.000Z',
          endsAt: ZERO_TIME,
          generatorURL: `http://porthole.internal:7070/#/findings/${encodeURIComponent(finding.id)}`,
          fingerprint: fingerprint(finding.id),
        },
      ],
    });
    expect(resolved!.body).toMatchObject({
      status: 'resolved',
      alerts: [
        { status: 'resolved', endsAt: '2026-01-01T10:09:00.000Z', fingerprint: fingerprint(finding.id) },
      ],
    });
  });

  it('records a connection failure with the error and gives up after the configured attempts', async () => {
    await receiver.close();
    const d = dispatcher({
      retry: { attempts: 2, initialBackoffMs: 1, maxBackoffMs: 1 },
      sinks: [{ type: 'slack', name: 's', url: receiver.url }],
    });
    d.evaluate([open(2)], 1);
    await d.drain();
    const deliveries = store.deliveries.list();
    expect(deliveries).toHaveLength(2);
    expect(
      deliveries.every(
        (x) => !x.ok && x.statusCode === null && /ECONNREFUSED|fetch failed/.test(x.error ?? ''),
      ),
    ).toBe(true);
    receiver = await startReceiver(); // for afterEach
  });
});
