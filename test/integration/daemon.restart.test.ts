// A restart resumes: open findings keep their first-seen time, the timeline continues, the diff baseline
// survives (changes made while the daemon was down become events), alerts that fired get resolved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingRecord, TimelineEvent } from '@porthole/shared';
import {
  FakeClock,
  scriptedSource,
  startTestDaemon,
  tempDataDir,
  type TestDaemon,
} from './helpers/daemon.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';

let receiver: Receiver;
beforeAll(async () => void (receiver = await startReceiver()));
afterAll(() => receiver.close());

const story = () => scriptedSource([[], ['nacl-return-blocked'], ['nacl-return-blocked'], []]);
const json = async <T>(t: TestDaemon, p: string): Promise<T> => (await (await t.get(p)).json()) as T;

describe('restart', () => {
  it('resumes open findings, the timeline, the diff baseline and alert state', async () => {
    const dataDir = tempDataDir();
    const clock = new FakeClock();
    const input = {
      findings: { alertAfterCycles: 2 },
      alerts: { sinks: [{ type: 'webhook' as const, name: 'am', url: receiver.url }] },
    };
    const first = await startTestDaemon({ dataDir, clock, source: story(), input });
    await first.step();
    await first.step();
    await first.step(); // the NACL story has fired
    const open = await json<FindingRecord[]>(first, '/api/findings');
    const timeline = await json<TimelineEvent[]>(first, '/api/events?limit=1000');
    expect(open.length).toBe(3);
    // The three findings share the blocking NACL: one grouped webhook message holding three alerts.
    const firing = receiver.received.filter((r) => (r.body as { status: string }).status === 'firing');
    expect(firing.map((r) => (r.body as { alerts: unknown[] }).alerts.length)).toEqual([3]);
    await first.stop(true);

    clock.advance(300); // down for five minutes; meanwhile someone removes the deny entry
    const second = await startTestDaemon({ dataDir, clock, source: story(), input });
    // Before its first cycle the restarted daemon already serves the last state.
    expect((await second.get('/readyz')).status).toBe(503);
    expect(await json(second, '/api/findings')).toEqual(open);
    // The five minutes without a poll are on the timeline: the next diff folds them into one step.
    expect(await json(second, '/api/events?limit=1000')).toEqual([
      ...timeline,
      expect.objectContaining({
        type: 'history-gap',
        message:
          'History gap: no poll from 2026-03-02T10:40:30.000Z (cycle 3) to 2026-03-02T10:45:30.000Z (5 min); ' +
          'Porthole was not running, so changes made meanwhile appear at the next poll',
      }),
    ]);
    expect((await json<{ services: unknown[] }>(second, '/api/overview')).services.length).toBeGreaterThan(3);

    const outcome = await second.step(); // the story resumes at its checkpoint: the fixed estate
    const messages = outcome.events.map((e) => `${e.type}: ${e.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^network-acl-entry-removed: outbound rule 90 deny tcp 1024-65535 to 10\.0\.0\.0\/22 removed from acl-/,
      ),
    );
    expect(outcome.events.filter((e) => e.type === 'finding-resolved')).toHaveLength(3);
    expect(outcome.events.filter((e) => e.type === 'finding-opened')).toHaveLength(0);
    expect(Math.min(...outcome.events.map((e) => e.id))).toBe(Math.max(...timeline.map((e) => e.id)) + 2);
    const resolved = await json<FindingRecord[]>(second, '/api/findings?status=resolved');
    expect(resolved.map((f) => f.firstSeen)).toEqual(open.map((f) => f.firstSeen));
    const resolvedHooks = receiver.received.filter(
      (r) => (r.body as { status: string }).status === 'resolved',
    );
    expect(resolvedHooks.map((r) => (r.body as { alerts: unknown[] }).alerts.length)).toEqual([3]);
    await second.stop();
  });

  it('records no history gap after a restart within two poll intervals', async () => {
    const dataDir = tempDataDir();
    const clock = new FakeClock();
    const first = await startTestDaemon({ dataDir, clock, source: story() });
    await first.step();
    await first.stop(true);
    clock.advance(15);
    const second = await startTestDaemon({ dataDir, clock, source: story() });
    await second.step();
    const events = await json<TimelineEvent[]>(second, '/api/events?limit=1000');
    expect(events.filter((e) => e.type === 'history-gap')).toEqual([]);
    await second.stop();
  });
});
