// The daemon's analyzer: the analysis runs in a worker thread (analysisWorker.ts), so GET /api/services and
// socket.io stay responsive while thousands of targets are evaluated. A worker that crashes, exits or hangs
// fails the cycle in flight (an error cycle: the data goes stale, never a wrong green) and is started
// again with the committed baseline from the store, so the next cycle diffs as if nothing happened.
import type { Worker } from 'node:worker_threads';
import type { FactSet } from '@porthole/core/timeline/diff/facts.js';
import { PathInputError } from '@porthole/core/engine/errors.js';
import { NotReadyError } from '../server/backend.ts';
import type { Analyzer, CycleAnalysis } from './analyzer.ts';
import { SnapshotSender, type FromWorker, type ToWorker } from './workerProtocol.ts';
import { startWorker } from './workerFlags.ts';
import { fromWire, verdictsOf, type Verdicts, type WireAnalysis } from './verdictRows.ts';

export interface WorkerAnalyzerOptions {
  /** The committed baseline, read when a worker (re)starts. */
  loadBaseline: () => FactSet | null;
  log: (line: string) => void;
  /** A cycle's analysis taking longer than this stops the worker (default 5 min). */
  analysisTimeoutMs?: number;
  /** Told about every worker started (tests stop one to see the daemon recover). */
  onStart?: (worker: Worker) => void;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type Question = Extract<ToWorker, { id: number }>;
type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * From the compiled dist the worker is plain JavaScript. From the sources (tsx, vitest) it is the .ts file:
 * Node 22 transforms it (parameter properties need more than type stripping; a tsx loader the parent runs
 * with is inherited and takes precedence). The export conditions (@porthole/source) come along in
 * NODE_OPTIONS and execArgv.
 */
function workerEntry(): { url: URL; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource)
    return { url: new URL('./analysisWorker.js', import.meta.url), execArgv: process.execArgv };
  return {
    url: new URL('./analysisWorker.ts', import.meta.url),
    execArgv: [
      ...process.execArgv,
      '--experimental-transform-types',
      '--disable-warning=ExperimentalWarning',
    ],
  };
}

function revive(error: { name: string; message: string }): Error {
  if (error.name === 'NotReadyError') return new NotReadyError(error.message);
  if (error.name === 'PathInputError') return new PathInputError(error.message);
  // A snapshot folder's read error (SnapshotInputError and the rest) reads as it does from the loop's poll.
  return new Error(error.message);
}

export function workerAnalyzer(opts: WorkerAnalyzerOptions): Analyzer {
  const timeoutMs = opts.analysisTimeoutMs ?? 300_000;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closing = false;
  let worker: Worker;
  /** What the current worker holds of the last snapshot: a new worker holds nothing. */
  let sender = new SnapshotSender();
  /** The verdicts of the cycle last committed, as the worker holds them: unchanged rows come as indexes. */
  let rows: { committed: Verdicts | null; pending: Verdicts | null } = { committed: null, pending: null };
  let started: Promise<void> = Promise.resolve();

  const failAll = (why: string): void => {
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
  };
  const start = (): void => {
    const entry = workerEntry();
    const w = startWorker(
      entry.url,
      { execArgv: entry.execArgv, workerData: { baseline: opts.loadBaseline() } },
      opts.log,
    );
    w.unref();
    // Settled by the worker's first message, or by its exit when it dies while loading.
    started = new Promise<void>((resolve) => {
      w.once('message', () => resolve());
      w.once('exit', () => resolve());
    });
    w.on('message', (m: FromWorker) => {
      if (!('id' in m)) return;
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.ok) p?.resolve(m.value);
      else p?.reject(revive(m.error));
    });
    w.on('error', (err) => opts.log(`analysis worker failed: ${err.message}`));
    w.on('exit', (code) => {
      if (worker !== w) return;
      failAll(`the analysis worker stopped (exit code ${code})`);
      if (closing) return;
      opts.log(`analysis worker stopped (exit code ${code}): starting it again`);
      start();
    });
    worker = w;
    sender = new SnapshotSender();
    rows = { committed: null, pending: null };
    opts.onStart?.(w);
  };
  start();

  const ask = <T>(question: Unnumbered<Question>, limitMs?: number): Promise<T> => {
    if (closing) return Promise.reject(new Error('the daemon is stopping'));
    const id = nextId++;
    const w = worker;
    return new Promise<T>((resolve, reject) => {
      const timer = limitMs
        ? setTimeout(() => {
            opts.log(`analysis took longer than ${Math.round(limitMs / 1000)} s: stopping the worker`);
            void w.terminate();
          }, limitMs)
        : undefined;
      const done =
        <A extends unknown[]>(f: (...a: A) => void) =>
        (...a: A) => (clearTimeout(timer), f(...a));
      pending.set(id, { resolve: done(resolve as (v: unknown) => void), reject: done(reject) });
      w.postMessage({ ...question, id } as ToWorker);
    });
  };

  const analysed = async (question: Promise<WireAnalysis>): Promise<CycleAnalysis> => {
    const r = rows;
    r.pending = null;
    const analysis = fromWire(await question, r.committed);
    r.pending = verdictsOf(analysis);
    return analysis;
  };

  return {
    async analyse(input, now) {
      if (!('snapshot' in input))
        return analysed(ask({ type: 'analyse', now: now.toISOString(), ...input }, timeoutMs));
      const [w, s] = [worker, sender];
      try {
        await s.send((m) => w.postMessage(m), input.snapshot);
        if (w !== worker) throw new Error('the analysis worker stopped while the snapshot was sent');
        return await analysed(ask({ type: 'analyse', now: now.toISOString() }, timeoutMs));
      } catch (err) {
        // Whether the worker took this snapshot is not known: the next one goes whole.
        s.reset();
        throw err;
      }
    },
    commit() {
      // The worker moves its committed verdicts on at the same message.
      if (rows.pending) rows.committed = rows.pending;
      rows.pending = null;
      worker.postMessage({ type: 'commit' } satisfies ToWorker);
    },
    explainUrl: (o, now) => ask({ type: 'explain', opts: o, now: now.toISOString() }),
    reachPath: (req, now) => ask({ type: 'reach', req, now: now.toISOString() }),
    servicePaths: (name, now, scope) => ask({ type: 'paths', name, now: now.toISOString(), scope }),
    ready: () => started,
    async close() {
      closing = true;
      failAll('the daemon is stopping');
      await worker.terminate();
    },
  };
}
