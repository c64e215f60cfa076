// A source the analysis worker polls itself: the analysis is the in-thread analysis of the same snapshot,
// the loop gets only the snapshot's head, the source keeps its state between cycles, and a module that is
// no source fails the cycle (an error cycle, never a result).
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readSnapshotFolder } from '../sources/snapshot/index.ts';
import { inlineAnalyzer, type Analyzer } from './analyzer.ts';
import { createRealEngine } from './engine.ts';
import { workerAnalyzer } from './workerAnalyzer.ts';

const NOW = new Date('2026-03-02T10:40:00.000Z');
const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/dynamic-ports-blocked', import.meta.url));
const KIT = new URL('./workerSourceTestKit.ts', import.meta.url).href;
const open: Analyzer[] = [];
afterEach(async () => void (await Promise.all(open.splice(0).map((a) => a.close()))));

function started(): Analyzer {
  const analyzer = workerAnalyzer({ loadBaseline: () => null, log: () => undefined });
  open.push(analyzer);
  return analyzer;
}

describe('a source polled in the analysis worker', () => {
  it('analyses what the source polled there, hands back its head only, and keeps the source between cycles', async () => {
    const analyzer = started();
    const source = { module: KIT, options: { folder: FIXTURE } };
    const first = await analyzer.analyse({ source }, NOW);
    analyzer.commit();
    const second = await analyzer.analyse({ source }, NOW);
    const snapshot = await readSnapshotFolder(FIXTURE);
    const inThread = await inlineAnalyzer(createRealEngine(), null).analyse(
      { snapshot: { ...snapshot, warnings: ['poll 1'] } },
      NOW,
    );
    const { head, ...analysis } = first;
    expect(analysis).toEqual(inThread);
    expect(head!.warnings).toEqual(['poll 1']);
    expect(second.head!.warnings).toEqual(['poll 2']);
    expect(head!.partitions.flatMap((p) => Object.values(p.data).flat())).toEqual([]);
    expect(second.changes).toEqual([]);
  });

  it('fails the analysis when the module is no source', async () => {
    const analyzer = started();
    const notASource = new URL('./workerSource.ts', import.meta.url).href;
    await expect(analyzer.analyse({ source: { module: notASource, options: {} } }, NOW)).rejects.toThrow(
      /createPoll/,
    );
  });
});
