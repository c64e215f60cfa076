// `node --max-old-space-size=… porthole serve` must still start its analysis worker: Node refuses V8 flags in
// a worker's execArgv, so the heap size travels as resourceLimits and other refused flags are left out.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { refusedFlags, startWorker, workerFlags } from './workerFlags.ts';

describe('the analysis worker under the daemon’s Node flags', () => {
  it('maps --max-old-space-size to the worker heap and drops the semi-space flag', () => {
    expect(workerFlags(['--max-old-space-size=4096', '--enable-source-maps'])).toEqual({
      execArgv: ['--enable-source-maps'],
      resourceLimits: { maxOldGenerationSizeMb: 4096 },
    });
    expect(workerFlags(['--max_semi_space_size=64', '--conditions=x'])).toEqual({
      execArgv: ['--conditions=x'],
    });
  });

  it('starts a real worker with the heap the operator asked for, leaving out the flags Node refuses', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'porthole-worker-'));
    const file = path.join(dir, 'probe.mjs');
    writeFileSync(
      file,
      "import v8 from 'node:v8'; import { parentPort } from 'node:worker_threads';\n" +
        'parentPort.postMessage(v8.getHeapStatistics().heap_size_limit);\n',
    );
    const lines: string[] = [];
    const worker = startWorker(
      pathToFileURL(file),
      { execArgv: ['--max-old-space-size=256', '--trace-gc'] },
      (l) => lines.push(l),
    );
    const [limit] = (await once(worker, 'message')) as [number];
    await worker.terminate();
    // V8's limit is the old generation plus the young generation's share: about the size given, not the default.
    expect(limit / 2 ** 20).toBeGreaterThan(200);
    expect(limit / 2 ** 20).toBeLessThan(400);
    expect(lines.join(' ')).toMatch(/--trace-gc do not apply to a worker thread/);
  });

  it('reads the refused flags from Node’s error, and nothing from other errors', () => {
    const refused = Object.assign(
      new Error('Initiated Worker with invalid execArgv flags: --trace-gc, --title=x'),
      {
        code: 'ERR_WORKER_INVALID_EXEC_ARGV',
      },
    );
    expect(refusedFlags(refused)).toEqual(['--trace-gc', '--title=x']);
    expect(refusedFlags(new Error('flags: --x'))).toEqual([]);
  });
});
