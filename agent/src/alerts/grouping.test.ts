// Alert grouping on real HTTP receivers: one notification per group and sink, updates when findings join,
// resolve when the last one resolves; default routing; titles that name each service once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FindingRecord } from '@porthole/shared';
import { startReceiver, type Receiver } from '../../../test/integration/helpers/receiver.ts';
import type { FindingState } from '@porthole/core/timeline/state.js';
import { Store } from '../store/store.ts';
import { AlertsConfigSchema } from './config.ts';
import { AlertDispatcher } from './dispatcher.ts';
import { assignGroups } from './groups.ts';
import { groupSummary } from './payloads.ts';

const T0 = '2026-03-02T10:40:10.000Z';
const cause = 'route 0.0.0.0/0 → nat-054e removed from rtb-0f51 at 10:40:10 UTC';
const f = (service: string | null, over: Partial<FindingState> = {}): FindingState => ({
  id: `private-subnet-no-egress:rtb-0f51:${service ?? '-'}`,
  rule: 'private-subnet-no-egress',
  severity: 'critical',
  title: `${service ?? 'rtb-0f51'}: tasks cannot reach ECR: no route to the internet`,
  explanation: 'x',
  resources: ['rtb-0f51', 'nat-054e'],
  service,
  services: service ? [service] : [],
  confidence: 'confirmed',
  missing: [],
  targets: [],
  evidence: [],
  fix: { summary: 'restore the route', awsCli: [], terraform: '' },
  account: '111122223333',
  region: 'eu-west-1',
  status: 'open',
  firstSeen: T0,
  lastSeen: T0,
  resolvedAt: null,
  likelyCause: cause,
  streak: 2,
  missed: 0,
  ...over,
});

let dir: string;
let store: Store;
let slack: Receiver;
let pd: Receiver;
let am: Receiver;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'porthole-groups-'));
  store = Store.open(dir);
  [slack, pd, am] = await Promise.all([startReceiver(), startReceiver(202), startReceiver()]);
});
afterEach(async () => {
  store.close();
  await Promise.all([slack.close(), pd.close(), am.close()]);
  rmSync(dir, { recursive: true, force: true });
});

function dispatcher(routes: unknown[] = []) {
  const config = AlertsConfigSchema.parse({
    externalUrl: 'http://porthole.test',
    retry: { initialBackoffMs: 1, maxBackoffMs: 2 },
    routes,
    sinks: [
      { type: 'slack', name: 'slack', url: slack.url },
      { type: 'pagerduty', name: 'pd', routingKey: 'K', url: pd.url },
      { type: 'webhook', name: 'am', url: am.url },
    ],
  });
  return new AlertDispatcher(config, { store, now: () => new Date(T0) });
}
const resolve = (s: FindingState): void =>
  store.findings.save({ ...s, status: 'resolved', resolvedAt: '2026-03-02T10:45:00.000Z' });
const body = (r: Receiver, i: number) => r.received[i]!.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('alert grouping', () => {
  it('sends one notification per sink for findings that share a blocking component', async () => {
    const d = dispatcher();
    const members = ['prod/web', 'prod/api', 'prod/admin', 'ops/orders', 'ops/worker'].map((s) => f(s));
    members.forEach((m) => store.findings.save(m));
    d.evaluate(members, 2);
    await d.drain();
    expect([slack.received.length, pd.received.length, am.received.length]).toEqual([1, 1, 1]);
    const text = body(slack, 0).text as string;
    for (const s of ['prod/web', 'prod/api', 'prod/admin', 'ops/orders', 'ops/worker'])
      expect(text).toContain(s);
    expect(text).toMatch(/\(\+4 related findings\)/);
    expect(body(pd, 0).dedup_key).toBe(members.map((m) => m.id).sort()[0]);
    expect(body(pd, 0).payload.custom_details.affected_services).toHaveLength(5);
    const hook = body(am, 0);
    expect(hook.alerts).toHaveLength(5);
    expect(hook.commonLabels).toEqual({
      alertname: 'private-subnet-no-egress',
      severity: 'critical',
      group: body(pd, 0).dedup_key,
      account: '111122223333',
      region: 'eu-west-1',
      source: 'porthole',
    });
    expect(hook.commonAnnotations).toMatchObject({ fix: 'restore the route', likely_cause: cause });
    expect(hook.groupKey).toBe(`{}:{group="${body(pd, 0).dedup_key as string}"}`);
  });

  it('groups findings one change opened in one cycle, even with different blockers', async () => {
    const d = dispatcher();
    const a = f('prod/web', { id: 'a', resources: ['sg-1'] });
    const b = f('prod/api', {
      id: 'b',
      resources: ['acl-2'],
      likelyCause: `${cause} (and 2 other related changes in the window)`,
    });
    const later = f('prod/admin', { id: 'c', resources: ['sg-3'], firstSeen: '2026-03-02T10:50:00.000Z' });
    d.evaluate([a, b, later], 2);
    await d.drain();
    expect(am.received.map((r) => (r.body as { alerts: unknown[] }).alerts.length).sort()).toEqual([1, 2]);
  });

  it('updates the group when a finding joins, and resolves when the last one resolves', async () => {
    const d = dispatcher();
    const web = f('prod/web');
    const api = f('prod/api');
    d.evaluate([web], 2);
    await d.drain();
    d.evaluate([web, api], 2); // api joins the firing group
    await d.drain();
    expect(slack.received).toHaveLength(2);
    expect(body(slack, 1).text).toMatch(/\[CRITICAL, more affected\]/);
    expect(body(pd, 1)).toMatchObject({ event_action: 'trigger', dedup_key: web.id });
    expect(body(am, 1).alerts).toHaveLength(2);
    d.evaluate([web, api], 2); // nothing new
    await d.drain();
    expect(slack.received).toHaveLength(2);

    resolve(web);
    d.evaluate([api], 2); // one left open: the group still fires
    await d.drain();
    expect(pd.received).toHaveLength(2);
    resolve(api);
    d.evaluate([], 2);
    await d.drain();
    expect(body(pd, 2)).toEqual({ routing_key: 'K', event_action: 'resolve', dedup_key: web.id });
    expect(body(slack, 2).text).toMatch(/^:white_check_mark: Resolved: /);
    expect(body(am, 2)).toMatchObject({ status: 'resolved' });
    expect(body(am, 2).alerts.map((x: { status: string }) => x.status)).toEqual(['resolved', 'resolved']);
    d.evaluate([], 2);
    await d.drain();
    expect(pd.received).toHaveLength(3);
  });

  it('pages PagerDuty only for critical findings when no routes are configured', async () => {
    const d = dispatcher();
    d.evaluate([f('prod/web', { severity: 'warning', resources: ['sg-w'], likelyCause: null })], 1);
    await d.drain();
    expect([slack.received.length, pd.received.length, am.received.length]).toEqual([1, 0, 1]);
  });

  it('names each service once and never writes "-:" for a finding without one', () => {
    expect(groupSummary([f('prod/admin')])).toBe(
      'prod/admin: tasks cannot reach ECR: no route to the internet',
    );
    const alb = f(null, { title: 'web-alb: listener 443 has no certificate for www' });
    expect(groupSummary([alb])).toBe('web-alb: listener 443 has no certificate for www');
    expect(groupSummary([f('prod/web'), f('prod/api')])).toBe(
      'prod/web and prod/api: tasks cannot reach ECR: no route to the internet (+1 related finding)',
    );
  });

  it('every finding lands in exactly one group, and linked findings share it (property)', () => {
    const arb = fc.array(
      fc.record({
        blocker: fc.constantFrom('sg-1', 'sg-2', 'acl-3', 'rtb-4'),
        cause: fc.option(fc.constantFrom('x at 10:00:00 UTC', 'y at 10:00:00 UTC'), { nil: null }),
        service: fc.constantFrom('prod/web', 'prod/api', 'ops/orders'),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const records: FindingRecord[] = specs.map((s, i) =>
          f(s.service, { id: `f${i}`, resources: [s.blocker], likelyCause: s.cause }),
        );
        const { groupOf } = assignGroups(records, new Map());
        expect(groupOf.size).toBe(records.length);
        for (const a of records)
          for (const b of records)
            if (a.resources[0] === b.resources[0]) expect(groupOf.get(a.id)).toBe(groupOf.get(b.id));
      }),
    );
  });
});
