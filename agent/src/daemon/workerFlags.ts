// A worker inherits the daemon's Node flags, but Node refuses V8 and process-wide ones in a worker's execArgv
// ("V8 options (such as --max-old-space-size) and options that affect the process (such as --title) are not
// supported", worker_threads docs): `node --max-old-space-size=8192 porthole serve` would fail every cycle.
// The heap size the operator gave goes to the worker as resourceLimits instead; other refused flags are
// left out (the worker names them when it refuses).
import { Worker, type ResourceLimits, type WorkerOptions } from 'node:worker_threads';

const HEAP_FLAG = /^--max[-_]old[-_]space[-_]size=(\d+)$/;

export interface WorkerFlags {
  execArgv: string[];
  resourceLimits?: ResourceLimits;
}

/** The daemon's flags as a worker takes them. */
export function workerFlags(execArgv: readonly string[]): WorkerFlags {
  let heapMb: number | null = null;
  const kept: string[] = [];
  for (const flag of execArgv) {
    const heap = HEAP_FLAG.exec(flag);
    if (heap) heapMb = Number(heap[1]);
    else if (!/^--max[-_]semi[-_]space[-_]size=/.test(flag)) kept.push(flag);
  }
  return heapMb === null
    ? { execArgv: kept }
    : { execArgv: kept, resourceLimits: { maxOldGenerationSizeMb: heapMb } };
}

/** The flags Node named when it refused a worker's execArgv (ERR_WORKER_INVALID_EXEC_ARGV). */
export function refusedFlags(error: unknown): string[] {
  if ((error as { code?: string } | null)?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') return [];
  const listed = /flags: (.*)$/.exec((error as Error).message)?.[1] ?? '';
  return listed.split(/[\s,]+/).filter((f) => f.startsWith('-'));
}

/** A worker with the daemon's flags; flags Node still refuses are left out and the worker started again. */
export function startWorker(
  url: URL,
  options: WorkerOptions & { execArgv: string[] },
  log: (line: string) => void,
): Worker {
  const flags = workerFlags(options.execArgv);
  const opts = { ...options, ...flags };
  try {
    return new Worker(url, opts);
  } catch (error) {
    const refused = refusedFlags(error);
    if (refused.length === 0) throw error;
    log(
      `analysis worker: Node flags ${refused.join(' ')} do not apply to a worker thread; started without them`,
    );
    return new Worker(url, { ...opts, execArgv: opts.execArgv.filter((f) => !refused.includes(f)) });
  }
}
