import { describe, expect, it } from 'vitest';
import { LiveRefetch, type RefetchState, type Timers } from './liveRefetch.ts';

/** Timers that run only when the test says so. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const timers: Timers = {
    set: (fn, ms) => (pending.set(next, { fn, ms }), next++),
    clear: (h) => void pending.delete(h as number),
  };
  const fire = () => {
    const all = [...pending.values()];
    pending.clear();
    all.forEach((t) => t.fn());
  };
  return { timers, pending, fire };
}

function setup() {
  const state: RefetchState<string> = { value: null, error: '', loading: true };
  const clock = manualTimers();
  const r = new LiveRefetch<string>((s) => Object.assign(state, s), 250, clock.timers);
  return { state, clock, r };
}

describe('LiveRefetch', () => {
  it('publishes the loaded value, then an error in plain words, keeping the last value', async () => {
    const { state, r } = setup();
    await r.load(async () => 'one');
    expect(state).toEqual({ value: 'one', error: '', loading: false });
    await r.load(async () => {
      throw new Error('Cannot reach the Porthole daemon.');
    });
    expect(state).toEqual({ value: 'one', error: 'Cannot reach the Porthole daemon.', loading: false });
    await r.load(async () => 'two');
    expect(state).toEqual({ value: 'two', error: '', loading: false });
  });

  it('drops an answer that arrives after a newer load started', async () => {
    const { state, r } = setup();
    let finishFirst: (v: string) => void = () => undefined;
    const first = r.load(() => new Promise<string>((resolve) => (finishFirst = resolve)));
    await r.load(async () => 'second');
    finishFirst('first');
    await first;
    expect(state.value).toBe('second');
  });

  it('refetches once per burst of live batches that concern it, never before the first load', async () => {
    const { clock, r } = setup();
    let refetches = 0;
    const refetch = () => void refetches++;
    r.onLive(1, true, refetch);
    expect(clock.pending.size).toBe(0); // still loading: the load in flight will bring the news
    await r.load(async () => 'x');
    r.onLive(2, true, refetch);
    r.onLive(3, true, refetch);
    r.onLive(3, true, refetch); // the same batch seen twice
    expect(clock.pending.size).toBe(1);
    expect([...clock.pending.values()][0]?.ms).toBe(250);
    clock.fire();
    expect(refetches).toBe(1);
    r.onLive(4, false, refetch);
    expect(clock.pending.size).toBe(0);
  });

  it('cancels a scheduled refetch and drops answers once disposed', async () => {
    const { state, clock, r } = setup();
    await r.load(async () => 'x');
    r.onLive(1, true, () => undefined);
    let finish: (v: string) => void = () => undefined;
    const late = r.load(() => new Promise<string>((resolve) => (finish = resolve)));
    r.dispose();
    expect(clock.pending.size).toBe(0);
    finish('late');
    await late;
    expect(state.value).toBe('x');
  });

  it('turns a load that throws synchronously into an error state', async () => {
    const { state, r } = setup();
    await r.load(() => {
      throw new Error('bad id');
    });
    expect(state).toMatchObject({ error: 'bad id', loading: false });
  });
});
