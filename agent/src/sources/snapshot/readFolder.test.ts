import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotInputError } from './errors.ts';
import { readSnapshotFolder } from './readFolder.ts';
import {
  ACCOUNT,
  OTHER_ACCOUNT,
  SECRET,
  describeTaskDefinition,
  lbArn,
  makeTmpDir,
  securityGroups,
  subnets,
  writeTree,
} from '../../../test-kit/snapshotFixtures.ts';

let root: string;
beforeEach(async () => {
  root = await makeTmpDir();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function readError(dir: string): Promise<SnapshotInputError> {
  const error = await readSnapshotFolder(dir).then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof SnapshotInputError) return error;
  throw new Error(`expected a SnapshotInputError, got ${String(error)}`);
}

const scopes = (s: Awaited<ReturnType<typeof readSnapshotFolder>>) =>
  s.partitions.map((p) => [p.account, p.region, Object.keys(p.data)]);

describe('readSnapshotFolder: scopes', () => {
  it('reads every .json recursively, with account and region from the Batfish layout', async () => {
    await writeTree(root, {
      [`aws_configs/accounts/${ACCOUNT}/us-east-1/sg.json`]: securityGroups(),
      [`aws_configs/accounts/${OTHER_ACCOUNT}/eu-west-3/deep/net/subnets.json`]: subnets(),
      'aws_configs/notes.txt': 'not json',
    });
    const snapshot = await readSnapshotFolder(root);
    expect(scopes(snapshot)).toEqual([
      [ACCOUNT, 'us-east-1', ['SecurityGroups']],
      [OTHER_ACCOUNT, 'eu-west-3', ['Subnets']],
    ]);
    expect(snapshot.warnings).toEqual([]);
    expect(snapshot.capturedAt).toBeNull();
  });

  it('takes the account from ARNs or OwnerId when the layout has no accounts/ folder', async () => {
    await writeTree(root, {
      'aws_configs/us-east-1/lbs.json': {
        LoadBalancers: [{ LoadBalancerArn: lbArn('us-east-1', OTHER_ACCOUNT) }],
      },
      'aws_configs/eu-west-1/sg.json': securityGroups('sg-9', ACCOUNT),
    });
    expect(scopes(await readSnapshotFolder(root))).toEqual([
      [ACCOUNT, 'eu-west-1', ['SecurityGroups']],
      [OTHER_ACCOUNT, 'us-east-1', ['LoadBalancers']],
    ]);
  });

  it('gives files with no scope at all the only known scope', async () => {
    await writeTree(root, {
      'lb.json': { LoadBalancers: [{ LoadBalancerArn: lbArn('ap-southeast-2') }] },
      'subnets.json': subnets(),
    });
    const snapshot = await readSnapshotFolder(root);
    expect(scopes(snapshot)).toEqual([[ACCOUNT, 'ap-southeast-2', ['Subnets', 'LoadBalancers']]]);
    expect(snapshot.warnings).toEqual([]);
  });

  it('keeps files apart with a warning when several scopes would fit', async () => {
    await writeTree(root, {
      'a/us-east-1/sg.json': securityGroups('sg-1', ACCOUNT),
      'b/us-east-1/sg.json': securityGroups('sg-2', OTHER_ACCOUNT),
      'subnets.json': subnets(),
    });
    const snapshot = await readSnapshotFolder(root);
    expect(scopes(snapshot)).toEqual([
      [ACCOUNT, 'us-east-1', ['SecurityGroups']],
      [OTHER_ACCOUNT, 'us-east-1', ['SecurityGroups']],
      [null, null, ['Subnets']],
    ]);
    expect(snapshot.warnings).toHaveLength(1);
    expect(snapshot.warnings[0]).toContain(path.join(root, 'subnets.json'));
  });

  it('merges in path order, so the later path wins whatever the file system lists first', async () => {
    const late = securityGroups('sg-1');
    late.SecurityGroups[0]!.Description = 'from z.json';
    await writeTree(root, { 'us-east-1/z.json': late, 'us-east-1/a.json': securityGroups('sg-1') });
    const { partitions } = await readSnapshotFolder(root);
    expect(partitions[0]?.data.SecurityGroups?.[0]?.Description).toBe('from z.json');
  });

  it('skips hidden entries, follows symlinked files and decodes BOMs', async () => {
    await writeTree(root, { '.git/config.json': '{ not json', 'us-east-1/sg.json': securityGroups() });
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(subnets()), 'utf16le')]);
    await writeFile(path.join(root, 'us-east-1', 'subnets.json'), bom);
    await mkdir(path.join(root, 'elsewhere'));
    await writeFile(path.join(root, 'elsewhere', 'vpcs.txt'), JSON.stringify({ Vpcs: [{ VpcId: 'vpc-1' }] }));
    await symlink(path.join(root, 'elsewhere', 'vpcs.txt'), path.join(root, 'us-east-1', 'vpcs.json'));
    const { partitions } = await readSnapshotFolder(root);
    expect(Object.keys(partitions[0]!.data)).toEqual(['SecurityGroups', 'Subnets', 'Vpcs']);
  });
});

describe('readSnapshotFolder: errors', () => {
  it('names the file, line and column of malformed JSON, without quoting its text', async () => {
    const file = path.join(root, 'aws_configs', 'us-east-1', 'td.json');
    await writeTree(root, {
      'aws_configs/us-east-1/td.json': `{\n  "taskDefinition": {\n    "x": ${SECRET}\n  }\n}`,
    });
    const error = await readError(root);
    expect(error.file).toBe(file);
    expect([error.line, error.column]).toEqual([3, 10]);
    expect(error.message).toBe(`${file}:3:10: invalid JSON: unexpected character "s"`);
    expect(error.message).not.toContain(SECRET);
  });

  it('reports truncated files and empty files', async () => {
    await writeTree(root, { 'sg.json': '{"SecurityGroups": [' });
    expect((await readError(root)).message).toMatch(/sg\.json:1:21: invalid JSON: unexpected end of input$/);
    await writeTree(root, { 'sg.json': '' });
    expect((await readError(root)).message).toMatch(/sg\.json: invalid JSON: the file is empty$/);
  });

  it('names the file and JSON path of a wrong type', async () => {
    const sg = securityGroups();
    sg.SecurityGroups[0]!.IpPermissions.push({
      ...sg.SecurityGroups[0]!.IpPermissions[0]!,
      FromPort: '80' as never,
    });
    await writeTree(root, { 'aws_configs/us-east-1/sg.json': sg });
    const error = await readError(root);
    expect(error.message).toBe(
      `${path.join(root, 'aws_configs/us-east-1/sg.json')}: $.SecurityGroups[0].IpPermissions[1].FromPort: expected number, received string`,
    );
  });

  it('rejects an empty folder, a folder without .json, a missing path and a file', async () => {
    expect((await readError(root)).message).toContain('holds no .json file');
    await writeTree(root, { 'readme.md': '# nothing' });
    expect((await readError(root)).message).toContain('holds no .json file');
    expect((await readError(path.join(root, 'nope'))).message).toBe(
      `${path.join(root, 'nope')}: the snapshot folder does not exist`,
    );
    expect((await readError(path.join(root, 'readme.md'))).message).toContain('is not a folder');
  });

  it('rejects a folder where no file holds a recognised output', async () => {
    await writeTree(root, { 'x.json': { SecurityGroupRules: [] } });
    expect((await readError(root)).message).toContain(
      'none of the 1 .json file holds a recognised AWS CLI output',
    );
  });
});

describe('readSnapshotFolder: secrets', () => {
  it('never lets a secret from the folder reach the snapshot', async () => {
    const task = {
      taskArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/main/0123456789abcdef`,
      overrides: { containerOverrides: [{ name: 'web', environment: [{ name: 'TOKEN', value: SECRET }] }] },
    };
    await writeTree(root, {
      'us-east-1/td.json': describeTaskDefinition(),
      'us-east-1/tasks.json': { tasks: [task] },
    });
    const snapshot = await readSnapshotFolder(root);
    expect(JSON.stringify(snapshot)).not.toContain(SECRET);
    const container = snapshot.partitions[0]?.data.taskDefinitions?.[0]?.containerDefinitions[0];
    expect(container?.environment).toEqual([
      { name: 'PORT', value: '[redacted]' },
      { name: 'DB_PASSWORD', value: '[redacted]' },
    ]);
  });
});
