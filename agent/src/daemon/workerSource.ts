// A source that polls inside the analysis worker: the worker imports `module` and calls its
// `createPoll(options)` once, then that poll every cycle. The estate then lives in one heap: a source on the
// event loop's thread keeps its copy of the estate (its items, to send only what changed) and the worker
// another, ~120 MB each at 2,000 services. For sources with no I/O of their own to the daemon (a snapshot
// folder, a generated or scripted estate): the live AWS source, with its credentials, call counters and
// metrics, polls on the event loop's thread.
import { z } from 'zod';
import type { PollResult } from './types.ts';

export interface WorkerSourceSpec {
  /** A module URL (file:) whose `createPoll(options)` gives the poll. */
  module: string;
  /** Structured-cloneable options for createPoll. */
  options: unknown;
}

export type WorkerPoll = (now: Date) => Promise<PollResult>;

const ModuleSchema = z.object({
  createPoll: z.custom<(options: unknown) => WorkerPoll | Promise<WorkerPoll>>(
    (v) => typeof v === 'function',
    'a worker source module exports createPoll(options)',
  ),
});

/** One poll per module and options in this thread: a source keeps its state between cycles. */
const polls = new Map<string, Promise<WorkerPoll>>();

export function workerPoll(spec: WorkerSourceSpec): Promise<WorkerPoll> {
  const key = `${spec.module}\n${JSON.stringify(spec.options)}`;
  let poll = polls.get(key);
  if (!poll) {
    poll = import(spec.module).then((m: unknown) => ModuleSchema.parse(m).createPoll(spec.options));
    // A module that failed to load is tried again next cycle, not remembered as failed.
    poll.catch(() => polls.delete(key));
    polls.set(key, poll);
  }
  return poll;
}
