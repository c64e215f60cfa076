// How a poll counts: ok (every call worked), partial (some data failed to refresh and is marked stale),
// or failed (it threw, overran its deadline, or every call failed, so it brought no data at all).
import type { PollResult, PollSource } from './types.ts';

/** Past the source's own deadline, this much longer before the loop stops waiting for it. */
const GRACE_MS = 5000;

/**
 * Polls, but never waits forever: a source that overruns its own deadline (which should have aborted
 * its calls) by more than the grace fails the cycle with a timeout naming the deadline.
 */
export async function pollWithDeadline(source: PollSource, now: Date): Promise<PollResult> {
  const deadline = source.pollDeadlineMs;
  if (!deadline) return source.poll(now);
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Timeout: the poll did not finish within ${Math.round(deadline / 1000)} s`)),
      deadline + GRACE_MS,
    );
  });
  try {
    return await Promise.race([source.poll(now), overrun]);
  } finally {
    clearTimeout(timer);
  }
}

function staleErrors(polled: PollResult): string[] {
  const errors = polled.snapshot.partitions.flatMap((p) => Object.values(p.stale ?? {}).map((m) => m!.error));
  return [...new Set(errors)];
}

/** The error of a poll in which every AWS call failed, or null when it brought some data. */
export function unusablePoll(polled: PollResult): string | null {
  const calls = polled.calls;
  if (!calls || calls.total === 0) return null;
  const failed = Object.values(calls.failures).reduce((a, b) => a + b, 0);
  if (failed < calls.total) return null;
  const errors = staleErrors(polled);
  const shown = errors.slice(0, 3).join('; ');
  const more = errors.length > 3 ? `; and ${errors.length - 3} more` : '';
  return `every AWS call failed (${failed}): ${shown || 'no detail'}${more}`;
}

/** True when some calls failed or some kinds are marked stale: the cycle's data is partly old. */
export function partialPoll(polled: PollResult): boolean {
  const failed = Object.keys(polled.calls?.failures ?? {}).length > 0;
  return failed || staleErrors(polled).length > 0;
}
