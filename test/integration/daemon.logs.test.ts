// What the daemon says in its log: the sinks at startup (names, not secrets), each delivery, and a
// repeating failure (a full disk) once with a count instead of a line every cycle.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../agent/src/log/logger.ts';
import { scriptedSource, startTestDaemon, type TestDaemon } from './helpers/daemon.ts';
import { startReceiver, type Receiver } from './helpers/receiver.ts';

let t: TestDaemon | null = null;
let receiver: Receiver | null = null;
afterEach(async () => {
  await t?.stop();
  await receiver?.close();
  t = null;
  receiver = null;
});

/** A logger whose messages land in `lines` (the JSON records' msg). */
function capture(lines: string[]) {
  const destination = { write: (line: string) => void lines.push(String(JSON.parse(line).msg)) };
  return createLogger({ level: 'info', pretty: false, destination });
}

const until = async (check: () => boolean, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('daemon log', () => {
  it('lists the sinks at startup without their URLs or keys, and logs each delivery', async () => {
    receiver = await startReceiver();
    const lines: string[] = [];
    t = await startTestDaemon({
      source: scriptedSource([['health-check-404']]),
      input: {
        findings: { alertAfterCycles: 1 },
        alerts: {
          sinks: [
            { type: 'slack', name: 'team-slack', url: `${receiver.url}/T0SECRET/B0SECRET/xoxsecret` },
            { type: 'pagerduty', name: 'oncall', routingKey: 'R0UTINGKEYSECRET', url: `${receiver.url}/pd` },
          ],
        },
      },
      deps: { logger: capture(lines) },
    });
    expect(lines).toContain(
      'alerts: 2 sinks: team-slack (slack), oncall (pagerduty); default routing: every finding to Slack and webhooks, critical ones to PagerDuty',
    );
    expect(lines.join('\n')).not.toMatch(/SECRET/);
    await t.step();
    expect(lines.filter((l) => / delivered \(HTTP 200, attempt 1\)$/.test(l)).length).toBeGreaterThan(0);
    // No alerts.externalUrl: the links use the address the daemon listens on.
    const slackText = (receiver.received.find((r) => r.path.includes('T0SECRET'))!.body as { text: string })
      .text;
    expect(slackText).toContain(`<${t.daemon.url}/#/findings/health-check-mismatch`);
    expect(lines.join('\n')).not.toMatch(/SECRET/);
  });

  it('logs a full disk once, counts the repeats, and says when cycles work again', async () => {
    const lines: string[] = [];
    t = await startTestDaemon({
      source: scriptedSource([[]]),
      input: { pollIntervalSeconds: 0.1 },
      deps: { autoStart: true, logger: capture(lines) },
    });
    const store = t.daemon.store;
    const realTx = store.tx.bind(store);
    let failures = 0;
    store.tx = () => {
      failures++;
      throw new Database.SqliteError('database or disk is full', 'SQLITE_FULL');
    };
    await until(() => failures >= 15);
    expect(lines.filter((l) => l.includes('disk is full'))).toEqual([
      'cycle failed: database or disk is full',
    ]);
    store.tx = realTx;
    await until(() => lines.some((l) => l.startsWith('cycles complete again')));
    const summary = lines.find((l) => l.startsWith('(the previous message repeated'));
    expect(summary).toMatch(
      /^\(the previous message repeated \d+ more times since .*: cycle failed: database or disk is full\)$/,
    );
    expect(Number(/repeated (\d+)/.exec(summary!)![1])).toBeGreaterThanOrEqual(14);
  });

  it('stops cycling and reports a database that became damaged while running', async () => {
    const fatal: string[] = [];
    t = await startTestDaemon({
      source: scriptedSource([[]]),
      input: { pollIntervalSeconds: 0.1 },
      deps: { autoStart: true, logger: silentLogger(), onFatal: (m) => fatal.push(m) },
    });
    let calls = 0;
    t.daemon.store.tx = () => {
      calls++;
      throw new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT');
    };
    await until(() => fatal.length > 0);
    expect(fatal[0]).toMatch(/^the database .*porthole\.db is damaged: database disk image is malformed/);
    const seen = calls;
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toBe(seen); // no more cycles
    expect(fatal).toHaveLength(1);
  });
});
