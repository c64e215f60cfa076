// The analysis worker thread: holds the estate model and the diff baseline, analyses each cycle's snapshot
// and answers explain / reach / service-path questions on the committed model. Started by workerAnalyzer.ts.
import { setPriority } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { FactSet } from '@porthole/core/timeline/diff/facts.js';
import { inlineAnalyzer } from './analyzer.ts';
import { createRealEngine } from './engine.ts';
import { SnapshotAssembler, type FromWorker, type ToWorker } from './workerProtocol.ts';
import { toWire, verdictsOf, type Verdicts } from './verdictRows.ts';

// On a small VM the analysis and the thread serving HTTP compete for the same cores: the analysis yields
// (nice +5; Linux sets it for this thread only), so a request waits for the CPU less than a cycle does.
try {
  setPriority(5);
} catch {
  // not permitted or not supported here: the analysis runs at the daemon's priority
}

// After a commit the last cycle's model, snapshot and facts are garbage, but V8 collects them only when the
// heap has grown past its next limit: at L the worker's heap then climbed by ~150 MB a cycle to 1.5 GB while
// 240 MB was live. One full collection once the cycle is committed (the worker is idle then) keeps the RSS
// near what is live. --expose-gc is not accepted in a worker's execArgv; set here, gc() is reachable from
// a new context.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const port = parentPort!;
const { baseline } = workerData as { baseline: FactSet | null };
const analyzer = inlineAnalyzer(createRealEngine(), baseline);
const snapshot = new SnapshotAssembler();
const reply = (m: FromWorker): void => port.postMessage(m);
/** The verdicts of the cycle last committed, as the daemon holds them too (verdictRows.ts). */
let committedRows: Verdicts | null = null;
let pendingRows: Verdicts | null = null;

async function analyse(m: Extract<ToWorker, { type: 'analyse' }>, now: Date): Promise<unknown> {
  pendingRows = null;
  const analysis = await analyzer.analyse(
    m.folder ? { folder: m.folder } : m.source ? { source: m.source } : { snapshot: snapshot.take() },
    now,
  );
  pendingRows = verdictsOf(analysis);
  return toWire(analysis, committedRows);
}

function commit(): void {
  analyzer.commit();
  if (pendingRows) committedRows = pendingRows;
  pendingRows = null;
  collectGarbage();
}

async function answer(
  m: Exclude<ToWorker, { type: 'snapshot' | 'items' | 'list' | 'commit' }>,
): Promise<unknown> {
  const now = new Date(m.now);
  switch (m.type) {
    case 'analyse':
      return analyse(m, now);
    case 'explain':
      return analyzer.explainUrl(m.opts, now);
    case 'reach':
      return analyzer.reachPath(m.req, now);
    case 'paths':
      return analyzer.servicePaths(m.name, now, m.scope);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'snapshot') return snapshot.begin(m);
  if (m.type === 'items') return snapshot.add(m);
  if (m.type === 'list') return snapshot.list(m);
  if (m.type === 'commit') return commit();
  answer(m).then(
    (value) => reply({ id: m.id, ok: true, value }),
    (err: unknown) =>
      reply({
        id: m.id,
        ok: false,
        error:
          err instanceof Error
            ? { name: err.name, message: err.message }
            : { name: 'Error', message: String(err) },
      }),
  );
});
reply({ type: 'ready' });
