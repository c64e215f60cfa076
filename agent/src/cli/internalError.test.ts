// An unexpected error is a bug, not bad input: exit 70, one line naming the step that failed, the
// stack trace only with --debug. The engine is replaced by one that throws.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from './exitCodes.ts';
import { reportFatal, setDebug } from './errors.ts';
import { runScan } from './scan.ts';

vi.mock('@porthole/core/engine/analyze.js', () => ({
  analyzeSnapshot: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'port')");
  },
  filterByService: (r: unknown) => r,
}));

const HEALTHY = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'healthy');
const err: string[] = [];
beforeEach(() => {
  err.length = 0;
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => err.push(String(s)) > 0);
});
afterEach(() => {
  setDebug(false);
  vi.restoreAllMocks();
});

describe('internal errors', () => {
  it('exit 70 with one line naming what failed, no stack', async () => {
    expect(await runScan({ snapshot: HEALTHY })).toBe(EXIT.internal);
    expect(err.join('')).toBe(
      "porthole: internal error while analysing the snapshot: TypeError: Cannot read properties of undefined (reading 'port') (run with --debug for the stack trace)\n",
    );
  });

  it('--debug adds the stack trace', async () => {
    setDebug(true);
    expect(await runScan({ snapshot: HEALTHY })).toBe(EXIT.internal);
    const [first, ...stack] = err.join('').trim().split('\n');
    expect(first).toBe(
      "porthole: internal error while analysing the snapshot: TypeError: Cannot read properties of undefined (reading 'port')",
    );
    expect(stack.some((line) => /^\s+at /.test(line))).toBe(true);
  });

  it('any other error is internal too, its message kept on one line', () => {
    expect(reportFatal(new Error('line one\n  line two'))).toBe(EXIT.internal);
    expect(err.join('')).toContain('while running the command: line one line two');
  });
});
