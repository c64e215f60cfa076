// Resources keyed by account + region + id. AWS ids are unique only within an account and region (and copied
// estates repeat them), so a bare-id map lets one partition overwrite another and findings land in the wrong
// scope. Every lookup names its scope; user input that names only an id goes through `lookupAll`.
import { scopeKey, type SnapshotScope } from '@porthole/shared';

export class ScopedIndex<T> {
  readonly #byScope = new Map<string, Map<string, T>>();
  readonly #scopes = new Map<string, SnapshotScope>();
  /** The same item maps by account, then region ('?' for null, as scopeKey): lookups build no key string. */
  readonly #byAccount = new Map<string, Map<string, Map<string, T>>>();
  #size = 0;

  #items(scope: SnapshotScope): Map<string, T> | undefined {
    return this.#byAccount.get(scope.account ?? '?')?.get(scope.region ?? '?');
  }

  get(scope: SnapshotScope, id: string): T | undefined {
    return this.#items(scope)?.get(id);
  }

  has(scope: SnapshotScope, id: string): boolean {
    return this.#items(scope)?.has(id) ?? false;
  }

  set(scope: SnapshotScope, id: string, value: T): this {
    const key = scopeKey(scope);
    let items = this.#byScope.get(key);
    if (!items) {
      items = new Map();
      this.#byScope.set(key, items);
      this.#scopes.set(key, { account: scope.account, region: scope.region });
      const account = scope.account ?? '?';
      const regions = this.#byAccount.get(account) ?? new Map<string, Map<string, T>>();
      this.#byAccount.set(account, regions.set(scope.region ?? '?', items));
    }
    if (!items.has(id)) this.#size += 1;
    items.set(id, value);
    return this;
  }

  get size(): number {
    return this.#size;
  }

  /** The items of one account and region. */
  inScope(scope: SnapshotScope): T[] {
    return [...(this.#byScope.get(scopeKey(scope))?.values() ?? [])];
  }

  /** Every scope holding this id, in insertion order: several means the id alone is ambiguous. */
  lookupAll(id: string): Array<{ scope: SnapshotScope; value: T }> {
    const out: Array<{ scope: SnapshotScope; value: T }> = [];
    for (const [key, items] of this.#byScope) {
      const value = items.get(id);
      if (value !== undefined) out.push({ scope: this.#scopes.get(key)!, value });
    }
    return out;
  }

  *values(): IterableIterator<T> {
    for (const items of this.#byScope.values()) yield* items.values();
  }
}
