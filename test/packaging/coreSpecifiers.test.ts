// Every `@porthole/core/<path>.js` the repository imports names a core source file. In development the
// specifier maps to core/src/<path>.ts (tsconfig "paths", the "@porthole/source" condition); when it names
// nothing there, TypeScript and Node fall back to the package's dist, so a stale build could hide a moved
// or deleted module. This keeps the two in step.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SPECIFIER = /['"]@porthole\/core\/([^'"]+)\.js['"]/g;

function trackedSources(): string[] {
  const out = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.svelte'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return out.split('\n').filter((f) => f && !f.includes('node_modules/') && existsSync(path.join(ROOT, f)));
}

describe('@porthole/core specifiers', () => {
  it('each names a file in core/src', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of trackedSources()) {
      for (const match of readFileSync(path.join(ROOT, file), 'utf8').matchAll(SPECIFIER)) {
        seen++;
        if (!existsSync(path.join(ROOT, 'core', 'src', `${match[1]}.ts`)))
          missing.push(`${file}: ${match[0]}`);
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('the package maps them to the sources under the development condition and to dist otherwise', () => {
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'core', 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, string>>;
    };
    expect(manifest.exports['./*.js']).toEqual({
      '@porthole/source': './src/*.ts',
      types: './dist/*.d.ts',
      default: './dist/*.js',
    });
  });
});
