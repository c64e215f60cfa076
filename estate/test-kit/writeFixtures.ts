// Writes test/fixtures/<name>/ (AWS CLI JSON, Batfish layout) and test/fixtures/README.md from the demo builder.
// Run from the repo root: `npx tsx estate/test-kit/writeFixtures.ts`. Only the folders it generates are replaced.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fixtureSets, fixtureText } from './fixtures.ts';
import { fixturesReadme } from './fixturesReadme.ts';

export const FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures');

export async function writeFixtures(root: string = FIXTURES_DIR): Promise<string[]> {
  const written: string[] = [];
  const sets = fixtureSets();
  for (const set of sets) {
    const dir = path.join(root, set.name);
    await rm(dir, { recursive: true, force: true }); // no stale file from an older estate
    for (const doc of set.docs) {
      const full = path.join(dir, ...doc.file.split('/'));
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, fixtureText(doc.json), 'utf8');
      written.push(full);
    }
  }
  const readme = path.join(root, 'README.md');
  await writeFile(readme, fixturesReadme(sets), 'utf8');
  written.push(readme);
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const written = await writeFixtures();
  console.log(`wrote ${written.length} files under ${FIXTURES_DIR}`);
}
