import type { ScopeApi } from './api.ts';
import type { ScopeStore } from './store.ts';

/** What a collector needs: the scope's API and store, the cycle's time and its warning list. */
export interface CollectContext {
  api: ScopeApi;
  store: ScopeStore;
  /** ISO time of this cycle. */
  now: string;
  warnings: string[];
}
