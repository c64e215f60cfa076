// Development runs the TypeScript sources even when a build has left shared/dist behind: in-process
// (vitest, through the "@porthole/source" condition), in the processes the tests spawn (NODE_OPTIONS), and
// under tsx from the checkout (tsconfig "paths"). The built agent uses dist (npmPack.test.ts).
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as viaPackage from '@porthole/shared';
import * as viaSource from '../../shared/src/index.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SOURCE = path.join(ROOT, 'shared', 'src', 'index.ts');
const PROBE = path.join(import.meta.dirname, 'resolveShared.ts');

describe('@porthole/shared in development', () => {
  it('is the source module in the test process', () => {
    const [pkg, src] = [viaPackage, viaSource] as [Record<string, unknown>, Record<string, unknown>];
    expect(Object.keys(src).length).toBeGreaterThan(0);
    for (const key of Object.keys(src)) expect(pkg[key], key).toBe(src[key]);
  });

  it('resolves to the source in spawned processes, whatever their working directory', async () => {
    for (const cwd of [ROOT, tmpdir()]) {
      const { stdout } = await run(process.execPath, ['--import', import.meta.resolve('tsx'), PROBE], {
        cwd,
      });
      expect(stdout.trim(), cwd).toBe(`file://${SOURCE}`);
    }
  });
});
