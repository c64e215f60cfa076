import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Snapshot } from '@porthole/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshotFromDocuments } from './documents.ts';
import { readSnapshotFolder } from './readFolder.ts';
import {
  ACCOUNT,
  OTHER_ACCOUNT,
  describeTaskDefinition,
  lbArn,
  listener,
  makeTmpDir,
  securityGroups,
  subnets,
  targetHealth,
  writeTree,
} from '../../../test-kit/snapshotFixtures.ts';
import { snapshotFiles, writeSnapshotFolder } from './writeFolder.ts';

let root: string;
beforeEach(async () => {
  root = await makeTmpDir();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const withoutWarnings = ({ warnings: _warnings, ...rest }: Snapshot) => rest;

describe('writeSnapshotFolder', () => {
  it('round-trips a folder: reading what it wrote gives an equal snapshot', async () => {
    const input = path.join(root, 'in');
    await writeTree(input, {
      [`aws_configs/accounts/${ACCOUNT}/us-east-1/sg.json`]: securityGroups(),
      [`aws_configs/accounts/${ACCOUNT}/us-east-1/listeners.json`]: {
        LoadBalancerListeners: [
          { LoadBalancerArn: lbArn(), Listeners: [listener(80, false), listener(443)] },
        ],
      },
      [`aws_configs/accounts/${ACCOUNT}/us-east-1/th.json`]: targetHealth(),
      [`aws_configs/accounts/${ACCOUNT}/us-east-1/td.json`]: describeTaskDefinition(),
      [`aws_configs/accounts/${ACCOUNT}/us-east-1/empty.json`]: { NatGateways: [] },
      'aws_configs/us-east-1/sg-other.json': securityGroups('sg-2', OTHER_ACCOUNT), // account from OwnerId
      'x/us-east-1/sg.json': securityGroups('sg-3', null), // two accounts fit: kept apart
      'x/eu-west-1/subnets.json': subnets(), // no known scope in eu-west-1
    });
    const original = await readSnapshotFolder(input);
    expect(original.partitions.map((p) => [p.account, p.region])).toEqual([
      [ACCOUNT, 'us-east-1'],
      [OTHER_ACCOUNT, 'us-east-1'],
      [null, 'eu-west-1'],
      [null, 'us-east-1'],
    ]);
    expect(original.warnings).toHaveLength(2);

    const output = path.join(root, 'out');
    const written = await writeSnapshotFolder(output, original);
    const relative = written.map((f) => path.relative(output, f).split(path.sep).join('/'));
    expect(relative).toEqual([
      `aws_configs/accounts/${ACCOUNT}/us-east-1/SecurityGroups.json`,
      `aws_configs/accounts/${ACCOUNT}/us-east-1/NatGateways.json`,
      `aws_configs/accounts/${ACCOUNT}/us-east-1/Listeners.json`,
      `aws_configs/accounts/${ACCOUNT}/us-east-1/LoadBalancerTargetHealth.json`,
      `aws_configs/accounts/${ACCOUNT}/us-east-1/taskDefinitions.json`,
      `aws_configs/accounts/${OTHER_ACCOUNT}/us-east-1/SecurityGroups.json`,
      'aws_configs/eu-west-1/Subnets.json',
      'aws_configs/us-east-1/SecurityGroups.json',
    ]);
    expect(withoutWarnings(await readSnapshotFolder(output))).toEqual(withoutWarnings(original));
  });

  it('writes CLI-style JSON under the CLI keys', async () => {
    const snapshot = snapshotFromDocuments([
      {
        file: `${ACCOUNT}.json`,
        json: { LoadBalancerListeners: [{ LoadBalancerArn: lbArn(), Listeners: [listener(80)] }] },
      },
    ]);
    const [file] = await writeSnapshotFolder(root, snapshot);
    const text = await readFile(file!, 'utf8');
    expect(text.startsWith('{\n    "Listeners": [\n        {')).toBe(true);
    expect(JSON.parse(text)).toEqual({ Listeners: [listener(80)] });
  });

  it('keeps capture time and stale marks in porthole-snapshot.json', async () => {
    const snapshot: Snapshot = {
      capturedAt: '2025-03-01T10:00:00.000Z',
      warnings: [],
      partitions: [
        {
          account: ACCOUNT,
          region: 'us-east-1',
          data: { SecurityGroups: securityGroups().SecurityGroups },
          stale: { tasks: { error: 'ThrottlingException: Rate exceeded', fetchedAt: null } },
        },
        {
          account: ACCOUNT,
          region: 'eu-west-1',
          data: {},
          stale: { Subnets: { error: 'AccessDenied', fetchedAt: '2025-03-01T09:00:00.000Z' } },
        },
      ],
    };
    expect(snapshotFiles(snapshot).map((f) => f.path)).toEqual([
      `aws_configs/accounts/${ACCOUNT}/us-east-1/SecurityGroups.json`,
      'porthole-snapshot.json',
    ]);
    await writeSnapshotFolder(root, snapshot);
    const back = await readSnapshotFolder(root);
    expect(back).toEqual({ ...snapshot, partitions: [snapshot.partitions[1], snapshot.partitions[0]] });
  });

  it('refuses a non-empty folder and scopes that are not AWS names', async () => {
    const snapshot = snapshotFromDocuments([{ file: 'us-east-1/sg.json', json: securityGroups() }]);
    await writeTree(root, { 'old.json': subnets() });
    await expect(writeSnapshotFolder(root, snapshot)).rejects.toThrow(/not empty/);
    const bad: Snapshot = { warnings: [], partitions: [{ account: '../../etc', region: null, data: {} }] };
    await expect(writeSnapshotFolder(path.join(root, 'new'), bad)).rejects.toThrow(/12-digit/);
  });
});
