// No Docker engine runs here: read the Dockerfile's instructions and check that both stages are on the
// Node 22 (or 24) slim image, that the build compiles the agent and prunes to runtime dependencies, and
// that the image runs the compiled bin with no TypeScript loader carried along.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, with comments dropped and backslash continuations joined. */
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [keyword, ...rest] = line.split(/\s+/);
      return { keyword: keyword!.toUpperCase(), args: rest.join(' ') };
    });
}

describe('Dockerfile (runtime and packaging)', () => {
  const steps = instructions(read('Dockerfile'));
  const runs = steps.filter((s) => s.keyword === 'RUN').map((s) => s.args);

  it('builds and runs on the Node 22 (or 24) slim image in every stage', () => {
    const bases = steps.filter((s) => s.keyword === 'FROM').map((s) => s.args.split(/\s+/)[0]);
    expect(bases.length).toBeGreaterThanOrEqual(2);
    for (const base of bases) expect(base).toMatch(/^node:(22|24)(\.\d+)*-[a-z]+-slim$/);
  });

  it('compiles shared + agent + web, then prunes dev dependencies without copying tsx back', () => {
    const build = runs.findIndex((r) => /\bnpm run build\b/.test(r));
    const prune = runs.findIndex((r) => /\bnpm prune\b.*--omit=dev/.test(r));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(prune).toBeGreaterThan(build);
    for (const step of steps) expect(`${step.keyword} ${step.args}`).not.toMatch(/\btsx\b|esbuild/);
    const buildScript = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
      .build;
    for (const ws of ['shared', 'agent', 'web']) expect(buildScript).toContain(ws);
  });

  it('runs the compiled bin, which imports dist JavaScript and no TypeScript loader', () => {
    const entry = steps.find((s) => s.keyword === 'ENTRYPOINT')!;
    expect(JSON.parse(entry.args)).toEqual(['/usr/bin/tini', '--', 'node', 'agent/bin/porthole.js']);
    const bin = read('agent/bin/porthole.js').replace(/^\s*\/\/.*$/gm, '');
    expect(bin).toContain('../dist/cli/main.js');
    expect(bin).not.toMatch(/tsx|\.ts['"]/);
  });
});
