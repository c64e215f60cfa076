import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readSnapshotFolder } from '../snapshot/index.ts';
import { loadLiveSnapshot, runCapture } from './cli.ts';
import { ACCOUNT, buildEstate, REGION } from '@porthole/estate/test-kit/awsEstate.js';
import { installFakeAws } from '@porthole/estate/test-kit/fakeAws.js';

let aws: ReturnType<typeof installFakeAws>;
let tmp: string;
const out: string[] = [];
const err: string[] = [];

beforeEach(async () => {
  vi.stubEnv('AWS_PROFILE', '');
  vi.stubEnv('AWS_ACCESS_KEY_ID', `AKIA${ACCOUNT}`);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
  vi.stubEnv('AWS_SESSION_TOKEN', '');
  aws = installFakeAws({ [`${ACCOUNT}/${REGION}`]: buildEstate() });
  tmp = await mkdtemp(path.join(tmpdir(), 'porthole-cli-'));
  out.length = 0;
  err.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => out.push(String(s)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  aws.restore();
  await rm(tmp, { recursive: true, force: true });
});

describe('porthole capture', () => {
  it('writes the folder and, with --stats, prints calls next to the floor', async () => {
    const dir = path.join(tmp, 'snap');
    expect(await runCapture({ out: dir, regions: [REGION], stats: true })).toBe(0);
    const table = out.join('');
    expect(table).toMatch(/^action\s+calls\s+floor\n/);
    const total = /\ntotal\s+(\d+)\s+(\d+)\n/.exec(table);
    expect(total?.[1]).toBe(total?.[2]);
    expect(err.join('')).toContain(`captured ${ACCOUNT}/${REGION} into ${dir}`);
    expect((await readSnapshotFolder(dir)).partitions[0]).toMatchObject({ account: ACCOUNT, region: REGION });
  });

  it('exits 2 with a plain message on a bad region or a non-empty folder', async () => {
    expect(await runCapture({ out: path.join(tmp, 'x'), regions: ['Ireland'], stats: false })).toBe(2);
    expect(err.join('')).toContain('--region/--profile.regions.0: must be an AWS region');
    expect(await runCapture({ out: tmp, regions: [REGION], stats: false })).toBe(0);
    expect(await runCapture({ out: tmp, regions: [REGION], stats: false })).toBe(2);
    expect(err.join('')).toContain('folder is not empty');
  });

  it('uses the region of the environment when no --region is given', async () => {
    vi.stubEnv('AWS_REGION', REGION);
    const snapshot = await loadLiveSnapshot({ regions: [] });
    expect(snapshot.partitions.map((p) => `${p.account}/${p.region}`)).toEqual([`${ACCOUNT}/${REGION}`]);
  });
});
