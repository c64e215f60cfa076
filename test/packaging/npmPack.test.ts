// What `npm pack` ships for @porthole/shared, core, estate and agent: the compiled JavaScript (built by their
// prepack scripts), never the TypeScript sources, the tests or the test kits; and the packed bin runs that
// JavaScript on plain Node, with no TypeScript loader and no "@porthole/source" condition.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'dynamic-ports-blocked');
/** A path that belongs to development only: sources, tests, test kits. */
const DEV_ONLY =
  /(^|\/)(src|test|test-kit)\/|\.test\.|(^|\/)test[A-Z][^/]*$|TestKit\.|Arbitrary\.|(?<!\.d)\.ts$/;

/** NODE_OPTIONS without the development condition that vitest.config.ts adds: a user's plain Node. */
function plainEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  const rest = (env.NODE_OPTIONS ?? '').replace(/--conditions=\S+/g, '').trim();
  if (rest) env.NODE_OPTIONS = rest;
  else delete env.NODE_OPTIONS;
  return env;
}

interface Packed {
  name: string;
  files: Array<{ path: string }>;
}

let packed: Map<string, string[]>;

beforeAll(async () => {
  const { stdout } = await run(
    'npm',
    [
      'pack',
      '--dry-run',
      '--json',
      '--silent',
      '-w',
      '@porthole/shared',
      '-w',
      '@porthole/core',
      '-w',
      '@porthole/estate',
      '-w',
      '@porthole/agent',
    ],
    { cwd: ROOT, env: plainEnv(), maxBuffer: 16 * 1024 * 1024 },
  );
  const list = JSON.parse(stdout) as Packed[];
  packed = new Map(list.map((p) => [p.name, p.files.map((f) => f.path).sort()]));
}, 300_000);

const manifest = (ws: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(ROOT, ws, 'package.json'), 'utf8')) as Record<string, unknown>;

describe('npm pack', () => {
  it('@porthole/shared ships dist JavaScript and declarations, and its exports default to them', () => {
    const files = packed.get('@porthole/shared')!;
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/index.d.ts']));
    expect(files.filter((f) => DEV_ONLY.test(f))).toEqual([]);
    const exports = (manifest('shared').exports as Record<string, Record<string, string>>)['.']!;
    expect(files).toContain(path.normalize(exports.default!));
    expect(files).toContain(path.normalize(exports.types!));
  });

  it('@porthole/core ships dist JavaScript and declarations only, and its exports default to them', () => {
    const files = packed.get('@porthole/core')!;
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/engine/index.js',
        'dist/engine/index.d.ts',
        'dist/rules/registry.js',
      ]),
    );
    expect(files.filter((f) => DEV_ONLY.test(f))).toEqual([]);
    expect(files.every((f) => f === 'package.json' || /^dist\//.test(f))).toBe(true);
    const exports = (manifest('core').exports as Record<string, Record<string, string>>)['./*.js']!;
    expect(exports.default).toBe('./dist/*.js');
    expect(exports.types).toBe('./dist/*.d.ts');
  });

  it('@porthole/estate ships the compiled demo estate only: no test kit (fake AWS, moto, fixture writing)', () => {
    const files = packed.get('@porthole/estate')!;
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'dist/demo/index.js', 'dist/demo/index.d.ts']),
    );
    expect(files.filter((f) => DEV_ONLY.test(f))).toEqual([]);
    expect(files.every((f) => f === 'package.json' || /^dist\//.test(f))).toBe(true);
    const exports = manifest('estate').exports as Record<string, Record<string, string>>;
    expect(exports['./*.js']!.default).toBe('./dist/*.js');
    // The test kits resolve in development only (the "@porthole/source" condition), never from a package.
    expect(Object.keys(exports['./test-kit/*.js']!)).toEqual(['@porthole/source']);
  });

  it('@porthole/agent ships the bin and the compiled CLI and daemon, no sources, tests or test kits', () => {
    const files = packed.get('@porthole/agent')!;
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'bin/porthole.js', 'dist/cli/main.js', 'dist/daemon/main.js']),
    );
    expect(files.filter((f) => DEV_ONLY.test(f))).toEqual([]);
    expect(files.every((f) => f === 'package.json' || /^(bin|dist)\//.test(f))).toBe(true);
  });

  it('the compiled JavaScript imports .js files and nothing of tsx', () => {
    for (const [ws, name] of [
      ['agent', '@porthole/agent'],
      ['shared', '@porthole/shared'],
      ['core', '@porthole/core'],
      ['estate', '@porthole/estate'],
    ] as const) {
      for (const file of packed.get(name)!.filter((f) => f.endsWith('.js'))) {
        const text = readFileSync(path.join(ROOT, ws, file), 'utf8');
        expect(text, file).not.toMatch(/from\s+["'][^"']+\.ts["']|import\(\s*["'][^"']+\.ts["']/);
        expect(text, file).not.toMatch(/["']tsx(\/[^"']*)?["']/);
      }
    }
  });

  it('the packed bin runs the compiled agent on plain Node (no loader, no type stripping)', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--no-experimental-strip-types', 'agent/bin/porthole.js', 'scan', '--snapshot', FIXTURE, '--json'],
      { cwd: ROOT, env: { ...plainEnv(), NO_COLOR: '1' } },
    ).catch((error: { code: number; stdout: string; stderr: string }) => {
      // Exit 1 means critical findings, which this fixture has: the JSON is still the answer.
      if (error.code === 1) return error;
      throw error;
    });
    const report = JSON.parse(stdout) as { findings: Array<{ rule: string }> };
    expect(report.findings.map((f) => f.rule)).toContain('sg-blocks-dynamic-ports');
  });
});
