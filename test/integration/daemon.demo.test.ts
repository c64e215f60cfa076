// The built-in demo estate through the real poll → diff → rules path on a fake clock: one full period of
// the seeded timeline replays the seed stories, each with its events, findings, likely causes and fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingRecord, TimelineEvent } from '@porthole/shared';
import { timelineLength } from '@porthole/estate/demo/index.js';
import { startTestDaemon, type TestDaemon } from './helpers/daemon.ts';

let t: TestDaemon;
const events: TimelineEvent[] = [];
const opened: FindingRecord[] = [];
beforeAll(async () => {
  t = await startTestDaemon({ input: { demo: { seed: 1 } } }); // the default demo source, not a script
  for (let cycle = 0; cycle < timelineLength(1); cycle++) {
    const outcome = await t.step();
    expect(outcome.ok).toBe(true);
    events.push(...outcome.events);
    opened.push(...outcome.opened);
  }
});
afterAll(() => t.stop());

const lines = () => events.map((e) => `${e.type}: ${e.message}`);

describe('the demo estate timeline (seed 1)', () => {
  it('serves as "demo estate (seed 1)" and starts healthy', async () => {
    const overview = (await (await t.get('/api/overview')).json()) as {
      source: string;
      services: Array<{ name: string }>;
    };
    expect(overview.source).toBe('demo estate (seed 1)');
    expect(overview.services.map((s) => s.name).sort()).toEqual([
      'ops/orders',
      'ops/worker',
      'prod/admin',
      'prod/api',
      'prod/web',
    ]);
    expect(events.findIndex((e) => e.type === 'finding-opened')).toBeGreaterThan(0);
  });

  it('replays the deploy that opened only 8081 on the instance SG: targets time out, then the fix', () => {
    expect(lines()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^security-group-rule-removed: ingress tcp 32768-65535 from sg-\w+ removed from sg-\w+$/,
        ),
        expect.stringMatching(/^security-group-rule-added: ingress tcp 8081 from sg-\w+ added to sg-\w+$/),
        expect.stringMatching(
          /^target-health: target i-\w+:\d+ in web-tg: healthy → unhealthy \(Target\.Timeout: Request timed out\)$/,
        ),
        expect.stringMatching(
          /^security-group-rule-added: ingress tcp 32768-65535 from sg-\w+ added to sg-\w+$/,
        ),
      ]),
    );
    const finding = opened.find((f) => f.rule === 'sg-blocks-dynamic-ports' && f.service === 'prod/web')!;
    expect(finding.likelyCause).toMatch(
      /^ingress tcp 32768-65535 from sg-\w+ removed from sg-\w+ at \d\d:\d\d:\d\d UTC/,
    );
  });

  it('replays the NACL change dropping return traffic', () => {
    expect(lines()).toContainEqual(
      expect.stringMatching(
        /^network-acl-entry-added: outbound rule 90 deny tcp 1024-65535 to [\d./]+ added to acl-\w+$/,
      ),
    );
    const finding = opened.find((f) => f.rule === 'nacl-blocks-return-traffic')!;
    expect(finding.likelyCause).toMatch(
      /^outbound rule 90 deny tcp 1024-65535 to [\d./]+ added to acl-\w+ at /,
    );
    expect(lines()).toContainEqual(
      expect.stringMatching(/^network-acl-entry-removed: outbound rule 90 deny/),
    );
  });

  it('replays the NAT route removal: tasks stop with CannotPullContainerError', () => {
    const removed = events.findIndex(
      (e) =>
        e.type === 'route-removed' && /^route 0\.0\.0\.0\/0 → nat-\w+ removed from rtb-\w+$/.test(e.message),
    );
    expect(removed).toBeGreaterThanOrEqual(0);
    const stopped = events.slice(removed).find((e) => e.type === 'task-stopped');
    expect(stopped?.message).toMatch(
      /^task \w+ \(api:\d+\) stopped: CannotPullContainerError: .*i\/o timeout/,
    );
    expect(stopped?.service).toBe('prod/api');
  });

  it('replays the health-check path change (404) with its likely cause', () => {
    expect(lines()).toContain(
      'target-group-changed: target group web-tg: health check path /health → /healthz',
    );
    expect(lines()).toContainEqual(
      expect.stringMatching(
        /Target\.ResponseCodeMismatch: Health checks failed with these codes: \[404\]\)$/,
      ),
    );
    expect(opened.find((f) => f.rule === 'health-check-mismatch')!.likelyCause).toMatch(
      /^target group web-tg: health check path \/health → \/healthz at /,
    );
  });

  it('replays the AZ disabled on the load balancer: targets become unused', () => {
    expect(lines()).toContainEqual(
      expect.stringMatching(
        /^load-balancer-changed: load balancer web-alb: availability zones .+, .+ → [^,]+$/,
      ),
    );
    expect(lines()).toContainEqual(expect.stringMatching(/healthy → unused \(Target\.NotInUse: /));
    expect(opened.find((f) => f.rule === 'target-az-not-enabled')!.likelyCause).toMatch(
      /^load balancer web-alb: availability zones/,
    );
  });

  it('ends the period with every finding resolved', async () => {
    expect(await (await t.get('/api/findings')).json()).toEqual([]);
    const resolvedIds = new Set(
      events.filter((e) => e.type === 'finding-resolved').map((e) => e.resources[0]),
    );
    expect(opened.every((f) => resolvedIds.has(f.id))).toBe(true);
  });

  it('tells the same story for the same seed', async () => {
    const again = await startTestDaemon({ input: { demo: { seed: 1 } } });
    const replay: string[] = [];
    for (let cycle = 0; cycle < 12; cycle++)
      replay.push(...(await again.step()).events.map((e) => `${e.type}: ${e.message}`));
    await again.stop();
    expect(replay).toEqual(lines().slice(0, replay.length));
  });
});
