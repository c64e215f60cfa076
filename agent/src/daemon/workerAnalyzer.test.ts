// The analysis worker: the real engine in a worker thread gives what the in-thread analysis gives, and a
// worker that dies mid-analysis fails that analysis (never a result) and comes back with the committed
// baseline, so the next cycle diffs against what the store holds.
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { FactSet } from '@porthole/core/timeline/diff/facts.js';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { applyScenarios } from '@porthole/estate/demo/scenarios.js';
import { readSnapshotFolder, snapshotFromDocuments } from '../sources/snapshot/index.ts';
import { inlineAnalyzer, type Analyzer } from './analyzer.ts';
import { createRealEngine } from './engine.ts';
import { readFolderPoll } from './snapshotSource.ts';
import { workerAnalyzer } from './workerAnalyzer.ts';

const NOW = new Date('2026-03-02T10:40:00.000Z');
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/dynamic-ports-blocked', import.meta.url));
const healthy = () => snapshotFromDocuments(buildDemoEstate());
const broken = () => snapshotFromDocuments(applyScenarios(buildDemoEstate(), ['nacl-return-blocked']));
const open: Analyzer[] = [];
afterEach(async () => void (await Promise.all(open.splice(0).map((a) => a.close()))));

function started(baseline: () => FactSet | null) {
  const workers: Worker[] = [];
  const logs: string[] = [];
  const analyzer = workerAnalyzer({
    loadBaseline: baseline,
    log: (l) => logs.push(l),
    onStart: (w) => workers.push(w),
  });
  open.push(analyzer);
  return { analyzer, workers, logs };
}

describe('workerAnalyzer', { timeout: 60_000 }, () => {
  it('analyses as the in-thread analyzer does and answers paths on the committed model', async () => {
    const { analyzer } = started(() => null);
    const inline = inlineAnalyzer(createRealEngine(), null);
    const [a, b] = [
      await analyzer.analyse({ snapshot: healthy() }, NOW),
      await inline.analyse({ snapshot: healthy() }, NOW),
    ];
    expect(a).toEqual(b);
    await expect(
      analyzer.reachPath({ from: '0.0.0.0', to: 'x', port: 80, protocol: 'tcp' }, NOW),
    ).rejects.toMatchObject({ name: 'NotReadyError' });
    analyzer.commit();
    inline.commit();
    const [c, d] = [
      await analyzer.analyse({ snapshot: broken() }, NOW),
      await inline.analyse({ snapshot: broken() }, NOW),
    ];
    expect(c.changes.length).toBeGreaterThan(0);
    expect(c).toEqual(d);
    await expect(
      analyzer.reachPath({ from: '0.0.0.0', to: 'nowhere', port: 80, protocol: 'tcp' }, NOW),
    ).rejects.toMatchObject({ name: 'PathInputError' });
  });

  it('analyses a poll that keeps most items of the last one (only the new ones travel) as a whole one', async () => {
    const { analyzer } = started(() => null);
    const inline = inlineAnalyzer(createRealEngine(), null);
    const base = healthy();
    const changed = broken();
    // The live source's way: the NACLs refreshed (new objects), everything else the objects of the last poll.
    const next = {
      ...base,
      partitions: base.partitions.map((p, i) => ({
        ...p,
        data: { ...p.data, NetworkAcls: changed.partitions[i]!.data.NetworkAcls },
      })),
    };
    for (const snapshot of [base, next]) {
      const [a, b] = [await analyzer.analyse({ snapshot }, NOW), await inline.analyse({ snapshot }, NOW)];
      expect(a).toEqual(b);
      analyzer.commit();
      inline.commit();
    }
    expect((await analyzer.analyse({ snapshot: next }, NOW)).changes).toEqual([]);
  });

  it('fails the analysis in flight when the worker dies, and restarts it with the stored baseline', async () => {
    let stored: FactSet | null = null;
    const { analyzer, workers, logs } = started(() => stored);
    const first = await analyzer.analyse({ snapshot: healthy() }, NOW);
    stored = first.facts.upsert; // what the loop commits on a fresh store
    analyzer.commit();

    const inFlight = analyzer.analyse({ snapshot: broken() }, NOW);
    await workers[0]!.terminate();
    await expect(inFlight).rejects.toThrow(/analysis worker stopped/);
    expect(workers).toHaveLength(2);
    expect(logs).toContainEqual(expect.stringMatching(/analysis worker stopped .*starting it again/));

    // The new worker diffs against the stored baseline: the NACL change shows, as it would have.
    const next = await analyzer.analyse({ snapshot: broken() }, NOW);
    const inline = inlineAnalyzer(createRealEngine(), stored);
    expect(next).toEqual(await inline.analyse({ snapshot: broken() }, NOW));
    expect(next.changes.map((c) => c.type)).toContain('network-acl-entry-added');
  });

  it('reads a snapshot folder itself, and reports a folder it cannot read as the poll would', async () => {
    const { analyzer } = started(() => null);
    const fromFolder = await analyzer.analyse({ folder: FIXTURE }, NOW);
    const inThread = await inlineAnalyzer(createRealEngine(), null).analyse(
      { snapshot: await readSnapshotFolder(FIXTURE) },
      NOW,
    );
    const { head, ...analysis } = fromFolder;
    expect(analysis).toEqual(inThread);
    expect(
      head!.partitions.map((p) => Object.values(p.data).every((items) => items.length === 0)),
    ).not.toContain(false);
    expect(Object.keys(head!.partitions[0]!.data)).toContain('SecurityGroups');
    const gone = `${FIXTURE}-gone`;
    const polled = await readFolderPoll(gone).catch((e: Error) => e.message);
    expect(polled).toContain(gone);
    await expect(analyzer.analyse({ folder: gone }, NOW)).rejects.toThrow(polled as string);
  });
});
