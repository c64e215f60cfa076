// kill -9 loses no committed event: a real `porthole serve` child polls a snapshot folder that keeps
// changing; every event the API has shown must still be in the database after SIGKILL, and a restart
// resumes the timeline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '@porthole/shared';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { applyScenarios } from '@porthole/estate/demo/scenarios.js';
import { Store } from '../../agent/src/store/store.ts';
import { spawnServe, waitUntil, writeEstateFolder, type Child } from './helpers/child.ts';

const root = mkdtempSync(path.join(tmpdir(), 'porthole-crash-'));
const snapshotDir = path.join(root, 'snapshot');
const dataDir = path.join(root, 'data');
const children: Child[] = [];
afterAll(() => {
  children.forEach((c) => c.proc.kill('SIGKILL'));
  rmSync(root, { recursive: true, force: true });
});

const healthy = buildDemoEstate();
const broken = applyScenarios(healthy, ['dynamic-ports-blocked']);
const events = async (url: string, since = 0): Promise<TimelineEvent[]> =>
  (await (await fetch(`${url}/api/events?since=${since}&limit=1000`)).json()) as TimelineEvent[];

describe('crash recovery', () => {
  it('keeps every committed event through kill -9, and resumes after a restart', async () => {
    writeEstateFolder(snapshotDir, healthy);
    const env = { PORTHOLE_POLL_INTERVAL_SECONDS: '0.2' };
    const first = spawnServe(['--snapshot', snapshotDir, '--data-dir', dataDir, '--port', '0'], env);
    children.push(first);
    const url = await first.url;

    // Flip the estate between healthy and broken until the timeline holds plenty of events.
    let seen: TimelineEvent[] = [];
    let last = healthy;
    for (let flip = 0; flip < 40 && seen.length < 40; flip++) {
      last = last === healthy ? broken : healthy;
      writeEstateFolder(snapshotDir, last);
      const before = seen.length;
      await waitUntil(async () => {
        const now = await events(url);
        return now.length > before ? now : null;
      });
      seen = await events(url);
    }
    expect(seen.length).toBeGreaterThanOrEqual(40);
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');

    const store = Store.open(dataDir);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Map(store.events.query({ limit: 100_000 }).map((e) => [e.id, e]));
    for (const event of seen) expect(stored.get(event.id)).toEqual(event);
    const lastId = store.events.lastId();
    store.close();

    writeEstateFolder(snapshotDir, last === healthy ? broken : healthy); // changed while down
    const second = spawnServe(['--snapshot', snapshotDir, '--data-dir', dataDir, '--port', '0'], env);
    children.push(second);
    const url2 = await second.url;
    const resumed = await events(url2, 0);
    expect(resumed.slice(0, seen.length)).toEqual(seen);
    const newer = await waitUntil(async () => {
      const list = await events(url2, lastId);
      return list.length > 0 ? list : null;
    });
    expect(newer.every((e) => e.id > lastId)).toBe(true);
    second.proc.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 180_000); // two child processes starting under tsx on a busy 2-core machine
});
