import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { analyzeSnapshot } from '@porthole/core/engine/analyze.js';
import { listJsonFiles, readSnapshotFolder } from '../snapshot/index.ts';
import { captureToFolder, formatStats } from './capture.ts';
import { parseLiveAwsConfig } from './config.ts';
import { ACCOUNT, buildEstate, REGION, SECRET } from '@porthole/estate/test-kit/awsEstate.js';
import { awsError, installFakeAws, testTargets } from '@porthole/estate/test-kit/fakeAws.js';
import { LiveSource } from './tiers.ts';

const NOW = new Date('2026-11-24T10:00:00.000Z');
const config = parseLiveAwsConfig({ regions: [REGION] });
const targets = testTargets([{ account: ACCOUNT, region: REGION }]);
let aws: ReturnType<typeof installFakeAws>;
let dir: string;
beforeEach(async () => {
  aws = installFakeAws({ [`${ACCOUNT}/${REGION}`]: buildEstate() });
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'porthole-capture-')), 'snap');
});
afterEach(async () => {
  aws.restore();
  await rm(path.dirname(dir), { recursive: true, force: true });
});

describe('capture → folder → scan', () => {
  it('gives the same findings, targets and verdicts as the live scan', async () => {
    const source = new LiveSource({ config, targets });
    const live = (await source.poll(NOW)).snapshot;
    const { snapshot: captured } = await captureToFolder({ out: dir, config, targets, now: NOW });
    const read = await readSnapshotFolder(dir);
    // A folder dates every kind from its capture time (capturedAt) instead of per-kind fetch times.
    expect(read.capturedAt).toBe(NOW.toISOString());
    const { fetchedAt, ...withoutTimes } = live.partitions[0]!;
    expect(Object.values(fetchedAt ?? {}).every((t) => t === NOW.toISOString())).toBe(true);
    expect(read.partitions).toEqual([withoutTimes]);
    expect(captured.partitions).toEqual(live.partitions);
    const liveResult = analyzeSnapshot(live).result;
    const folderResult = analyzeSnapshot(read).result;
    expect(liveResult.findings.length).toBeGreaterThan(0);
    expect(liveResult.findings.map((f) => f.rule)).toContain('sg-blocks-dynamic-ports');
    expect(folderResult.findings).toEqual(liveResult.findings);
    expect(folderResult.targets).toEqual(liveResult.targets);
    expect(folderResult.services).toEqual(liveResult.services);
  });

  it('writes the Batfish layout, one file per kind, with no secret in any file', async () => {
    const { stats } = await captureToFolder({ out: dir, config, targets, now: NOW });
    const files = (await listJsonFiles(dir)).map((f) => path.relative(dir, f).split(path.sep).join('/'));
    expect(files).toContain(`aws_configs/accounts/${ACCOUNT}/${REGION}/SecurityGroups.json`);
    expect(files).toContain(`aws_configs/accounts/${ACCOUNT}/${REGION}/LoadBalancerTargetHealth.json`);
    expect(files).toContain(`aws_configs/accounts/${ACCOUNT}/${REGION}/taskDefinitions.json`);
    for (const file of await listJsonFiles(dir)) expect(await readFile(file, 'utf8')).not.toContain(SECRET);
    expect(stats.calls.total).toBe(stats.floor);
    expect(stats.stale).toEqual([]);
  });

  it('keeps stale marks through the folder, so a scan of the capture is as unsure as the live one', async () => {
    aws.ec2.on(DescribeNetworkAclsCommand).rejects(awsError('UnauthorizedOperation'));
    const { stats } = await captureToFolder({ out: dir, config, targets, now: NOW });
    expect(stats.stale).toEqual([`${ACCOUNT}/${REGION} NetworkAcls: AccessDenied: ec2:DescribeNetworkAcls`]);
    const read = await readSnapshotFolder(dir);
    expect(read.partitions[0]!.stale).toEqual({
      NetworkAcls: { error: 'AccessDenied: ec2:DescribeNetworkAcls', fetchedAt: null },
    });
  });

  it('refuses a non-empty folder before making any call', async () => {
    await rm(dir, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
    await writeFile(path.join(dir, 'old.json'), '{}');
    await expect(captureToFolder({ out: dir, config, targets, now: NOW })).rejects.toThrow(/not empty/);
    expect(aws.ecs.calls()).toHaveLength(0);
  });

  it('prints calls next to the floor per action', () => {
    const text = formatStats({
      calls: {
        total: 3,
        byAction: { 'ecs:ListTasks': 2, 'ecs:DescribeTasks': 1 },
        byScope: {},
        retries: 1,
        failures: {},
      },
      floor: 3,
      floorByAction: { 'ecs:ListTasks': 2, 'ecs:DescribeTasks': 1 },
    });
    expect(text.split('\n')[0]).toMatch(/^action\s+calls\s+floor$/);
    expect(text).toMatch(/ecs:DescribeTasks\s+1\s+1\n/);
    expect(text).toMatch(/total\s+3\s+3\n/);
    expect(text).toContain('retries: 1');
  });
});
