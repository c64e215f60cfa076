// `serve --snapshot DIR` re-reads the folder every poll: each failed poll must name the file at fault.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotSource } from './sources.ts';

const HEALTHY = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'healthy');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'porthole-source-'));
  await cp(HEALTHY, dir, { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('snapshot poll source', () => {
  it('a bad value fails every poll with the file, JSON path and value; fixing it recovers', async () => {
    const file = join(
      dir,
      'aws_configs/accounts/111122223333/eu-west-1/ec2-describe-network-interfaces.json',
    );
    const original = await readFile(file, 'utf8');
    const json = JSON.parse(original) as { NetworkInterfaces: Array<Record<string, unknown>> };
    json.NetworkInterfaces[0]!.PrivateIpAddress = '10.0.1.300';
    await writeFile(file, JSON.stringify(json));
    const source = snapshotSource(dir);
    for (let poll = 0; poll < 2; poll++) {
      await expect(source.poll(new Date())).rejects.toThrow(
        `${file}: $.NetworkInterfaces[0].PrivateIpAddress: "10.0.1.300": not an IPv4 address`,
      );
    }
    await writeFile(file, original);
    expect((await source.poll(new Date())).snapshot.partitions).toHaveLength(1);
  });

  it('a folder that vanished is named', async () => {
    await expect(snapshotSource(join(dir, 'gone')).poll(new Date())).rejects.toThrow(
      `${join(dir, 'gone')}: the snapshot folder does not exist`,
    );
  });
});
