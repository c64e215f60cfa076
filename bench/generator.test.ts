import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEstateConsistency } from '@porthole/estate/demo/consistency.js';
import { analyzeSnapshot } from '@porthole/core/engine/index.js';
import { readSnapshotFolder, snapshotFromDocuments } from '../agent/src/sources/snapshot/index.ts';
import {
  estateDocuments,
  failureSummary,
  planEstate,
  unitAddresses,
  writeEstate,
} from './estate/generate.ts';
import { services } from './estate/renderEcs.ts';
import { expectedCounts } from './estate/sizes.ts';
import { planUnit } from './estate/unit.ts';
import { countSnapshot } from './measure/counts.ts';
import { floorOf } from './measure/floor.ts';
import { changeOneService } from './measure/oneServiceChange.ts';
import { analyzeOneService, sameFindings } from './measure/scopedAnalysis.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
/** The counts a size promises (targets depend on how tasks are spread, so they are not promised). */
const promised = ({ targets: _targets, ...rest }: ReturnType<typeof countSnapshot>) => rest;

describe('estate generator', () => {
  it('is deterministic for a seed, and another seed gives another estate', () => {
    const a = JSON.stringify(estateDocuments(planEstate('S', 7)));
    expect(JSON.stringify(estateDocuments(planEstate('S', 7)))).toBe(a);
    expect(JSON.stringify(estateDocuments(planEstate('S', 8)))).not.toBe(a);
  });

  it('writes the public folder format: readSnapshotFolder reads it without warnings, with the S counts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'porthole-bench-test-'));
    dirs.push(dir);
    const manifest = await writeEstate(dir, 'S', 1);
    const snapshot = await readSnapshotFolder(dir);
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.partitions).toHaveLength(1);
    expect(snapshot.partitions[0]).toMatchObject({
      account: expect.stringMatching(/^\d{12}$/),
      region: 'eu-west-1',
    });
    expect(promised(countSnapshot(snapshot))).toEqual(expectedCounts('S'));
    expect(manifest.files).toBeGreaterThan(20);
  });

  it('produces the M counts over two accounts, every document consistent, with a mix of failures', () => {
    const plans = planEstate('M', 1);
    const docs = estateDocuments(plans);
    expect(checkEstateConsistency(docs)).toEqual([]);
    const snapshot = snapshotFromDocuments(docs);
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.partitions).toHaveLength(2);
    expect(promised(countSnapshot(snapshot))).toEqual(expectedCounts('M'));
    // Every service has a task definition of its own (service names repeat across clusters; families must not).
    for (const part of snapshot.partitions) {
      const arns = new Set((part.data.taskDefinitions ?? []).map((td) => td.taskDefinitionArn));
      expect(arns.size).toBe(part.data.services?.length);
      for (const svc of part.data.services ?? []) expect(arns).toContain(svc.taskDefinition);
    }
    expect(Object.keys(failureSummary(plans)).length).toBeGreaterThanOrEqual(5);
  });

  it('gives same-named services of different clusters (same team, same account) their own task definitions', () => {
    const at = unitAddresses('L', 1);
    const [a, b] = [planUnit(at[0]!), planUnit(at[20]!)];
    expect([a.ids.team, a.ids.account]).toEqual([b.ids.team, b.ids.account]);
    // Families (the ARN without its revision): a shared one would make revisions collide sooner or later.
    const families = (p: typeof a) => services(p).map((s) => String(s.taskDefinition).replace(/:\d+$/, ''));
    expect(families(a).filter((f) => families(b).includes(f))).toEqual([]);
  });

  it('plants failures the engine diagnoses with the expected rules', () => {
    const plans = planEstate('M', 1);
    const { result } = analyzeSnapshot(snapshotFromDocuments(estateDocuments(plans)));
    const found = new Set(result.findings.map((f) => f.rule));
    for (const [mode, f] of Object.entries(failureSummary(plans)))
      expect(found, mode).toContain(f.expectedRule);
    expect(result.services.filter((s) => s.status === 'healthy').length).toBeGreaterThan(
      result.services.length / 2,
    );
  });
});

describe('benchmark harness', () => {
  it('one service changed: the scoped re-analysis finds exactly what the full analysis finds for it', () => {
    const base = snapshotFromDocuments(estateDocuments(planEstate('S', 1)));
    const change = changeOneService(base, 'S', 1);
    expect(countSnapshot(change.snapshot).tasks).toBe(countSnapshot(base).tasks);
    const { model, result } = analyzeSnapshot(change.snapshot);
    const check = sameFindings(result, analyzeOneService(model, change.serviceId), change.serviceKey);
    expect(check.full).toEqual([expect.stringMatching(/^sg-blocks-target-port:/)]);
    expect(check.equal).toBe(true);
  });

  it('floor: one DescribeTargetHealth per target group and batched describes (S estate, every tier)', () => {
    const data = snapshotFromDocuments(estateDocuments(planEstate('S', 1))).partitions[0]!.data;
    const hot = floorOf(data, { hot: true, warm: false, cold: false, firstPoll: false });
    // 1 ListServices + 2 DescribeServices + 2 ListTasks pages + 1 stopped page + 2 DescribeTasks
    // + 1 DescribeContainerInstances + 10 DescribeTargetHealth.
    expect(hot).toBe(19);
    expect(floorOf(data, { hot: true, warm: true, cold: true, firstPoll: true })).toBe(57);
  });
});
