// The committed test/fixtures/ must be exactly what the builder produces (regenerate with
// `npx tsx estate/test-kit/writeFixtures.ts`), and writeFixtures must write exactly that.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureSets, fixtureText } from './fixtures.ts';
import { fixturesReadme } from './fixturesReadme.ts';
import { FIXTURES_DIR, writeFixtures } from './writeFixtures.ts';

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const sets = fixtureSets();
const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

describe('test/fixtures', () => {
  it('has healthy, multi-region and one folder per scenario', () => {
    const names = sets.map((s) => s.name);
    expect(names).toContain('healthy');
    expect(names).toContain('multi-region');
    expect(names).toContain('dynamic-ports-blocked');
    expect(new Set(names).size).toBe(names.length);
  });

  for (const set of sets) {
    it(`${set.name}/ on disk equals the builder`, async () => {
      const dir = path.join(FIXTURES_DIR, set.name);
      const expected = set.docs.map((d) => d.file).sort();
      expect(await listFiles(dir)).toEqual(expected);
      for (const doc of set.docs) {
        expect(await readFile(path.join(dir, doc.file), 'utf8'), doc.file).toBe(fixtureText(doc.json));
      }
    });
  }

  it('README.md lists every fixture', async () => {
    expect(await readFile(path.join(FIXTURES_DIR, 'README.md'), 'utf8')).toBe(fixturesReadme(sets));
  });

  it('multi-region holds two partitions in different accounts', () => {
    const multi = sets.find((s) => s.name === 'multi-region')!;
    const folders = new Set(multi.docs.map((d) => d.file.split('/').slice(0, 4).join('/')));
    expect([...folders]).toEqual([
      'aws_configs/accounts/111122223333/eu-west-1',
      'aws_configs/accounts/444455556666/us-east-1',
    ]);
  });

  it('writeFixtures writes the same files into a fresh folder, 2-space indented', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'porthole-fixtures-'));
    temps.push(dir);
    await writeFixtures(dir);
    const healthy = await readFile(
      path.join(dir, 'healthy/aws_configs/accounts/111122223333/eu-west-1/ec2-describe-vpcs.json'),
      'utf8',
    );
    expect(healthy.startsWith('{\n  "Vpcs": [\n    {\n')).toBe(true);
    expect((await listFiles(dir)).length).toBe(sets.reduce((n, s) => n + s.docs.length, 0) + 1);
  });
});
