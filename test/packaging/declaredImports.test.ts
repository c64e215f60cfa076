// Every workspace declares what it imports: a bare import in shipped code must be in that workspace's
// "dependencies" (an npm-installed @porthole/agent gets nothing else); tests and test kits may also use the
// workspace's devDependencies and the root's. And every package.json asks for Node 22.
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const WORKSPACES = ['shared', 'core', 'estate', 'agent', 'web'];
/** Tests and test kits: development only, never in a package or the image. */
const DEV_ONLY =
  /\.test\.ts$|(^|\/)test[A-Z][^/]*\.ts$|TestKit\.ts$|Arbitrary\.ts$|(^|\/)testing\.ts$|(^|\/)test-kit\//;

interface Manifest {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as Manifest;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) return entry === 'node_modules' || entry === 'dist' ? [] : sourceFiles(p);
    return /\.(ts|js|svelte)$/.test(entry) ? [p] : [];
  });
}

/** Bare package names a file imports (static, dynamic, re-exports, type-only), builtins left out. */
function importedPackages(file: string): string[] {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.svelte')) {
    text = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  }
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => !spec.startsWith('.') && !spec.startsWith('/') && !spec.startsWith('node:'))
    .map((spec) =>
      spec
        .split('/')
        .slice(0, spec.startsWith('@') ? 2 : 1)
        .join('/'),
    )
    .filter((name) => !builtinModules.includes(name));
}

describe('workspace manifests', () => {
  const root = manifest('.');

  for (const ws of WORKSPACES) {
    it(`${ws}: every bare import is declared in ${ws}/package.json`, () => {
      const own = manifest(ws);
      const runtime = new Set(Object.keys({ ...own.dependencies, ...own.peerDependencies }));
      const dev = new Set([...runtime, ...Object.keys({ ...own.devDependencies, ...root.devDependencies })]);
      const dirs = ['src', 'bin', 'test-kit']
        .map((d) => path.join(ROOT, ws, d))
        .filter((d) => statSync(d, { throwIfNoEntry: false }));
      const undeclared: string[] = [];
      let seen = 0;
      for (const file of dirs.flatMap(sourceFiles)) {
        const rel = path.relative(ROOT, file);
        const allowed = DEV_ONLY.test(rel) ? dev : runtime;
        for (const name of importedPackages(file)) {
          seen++;
          if (!allowed.has(name)) undeclared.push(`${rel} imports ${name}`);
        }
      }
      expect(seen).toBeGreaterThan(0);
      expect(undeclared).toEqual([]);
    });
  }

  it('the scanner sees multi-line, type-only, dynamic and Svelte imports', () => {
    const probe = ts.preProcessFile(
      "import {\n  a,\n  b,\n} from 'zod';\nimport type { X } from '@porthole/shared';\nawait import('yaml');",
      true,
      true,
    );
    expect(probe.importedFiles.map((f) => f.fileName)).toEqual(['zod', '@porthole/shared', 'yaml']);
  });

  it('every package.json requires Node 22 or newer, with @types/node 22', () => {
    for (const dir of ['.', ...WORKSPACES]) expect(manifest(dir).engines?.node, dir).toBe('>=22');
    expect(root.devDependencies!['@types/node']).toMatch(/^22\.\d+\.\d+$/);
  });
});
