// A REST resource kept current by the live feed, as Svelte 5 runes: `value`, `error`, `loading` are reactive.
// Call it during component initialisation; it loads on mount and whenever what `load` reads changes (props),
// and refetches after live batches that concern it (LiveRefetch holds the logic).
import type { LiveData } from './liveState.ts';
import { LiveRefetch, type RefetchState } from './liveRefetch.ts';

export interface LiveResourceOptions<T> {
  load: () => Promise<T>;
  /** The live store's data (read reactively). */
  live: () => LiveData;
  /** Whether a batch concerns this view; every batch when absent. */
  concerns?: (data: LiveData) => boolean;
  delayMs: number;
}

class LiveResource<T> implements RefetchState<T> {
  value = $state.raw<T | null>(null);
  error = $state('');
  loading = $state(true);
}

export function liveResource<T>(opts: LiveResourceOptions<T>): RefetchState<T> {
  const resource = new LiveResource<T>();
  const refetch = new LiveRefetch<T>((s) => {
    if ('value' in s) resource.value = s.value ?? null;
    if (s.error !== undefined) resource.error = s.error;
    if (s.loading !== undefined) resource.loading = s.loading;
  }, opts.delayMs);

  $effect(() => {
    void refetch.load(opts.load);
    return () => refetch.dispose();
  });
  $effect(() => {
    const data = opts.live();
    refetch.onLive(data.revision, opts.concerns?.(data) ?? true, () => void refetch.load(opts.load));
  });
  return resource;
}
