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

  /** Both views of one scope's items (by scope key, and by account then region) name the same Map. */
  #place(key: string, scope: SnapshotScope, items: Map<string, T>): void {
    this.#byScope.set(key, items);
    this.#scopes.set(key, { account: scope.account, region: scope.region });
    const account = scope.account ?? '?';
    const regions = this.#byAccount.get(account) ?? new Map<string, Map<string, T>>();
    this.#byAccount.set(account, regions.set(scope.region ?? '?', items));
  }

  set(scope: SnapshotScope, id: string, value: T): this {
    const key = scopeKey(scope);
    let items = this.#byScope.get(key);
    if (!items) {
      items = new Map();
      this.#place(key, scope, items);
    }
    if (!items.has(id)) this.#size += 1;
    items.set(id, value);
    return this;
  }

  /**
   * A copy that shares every scope's items but `scope`'s, which `edit` changes in a copy (a patched model
   * leaves the one it came from as it was).
   */
  withScope(scope: SnapshotScope, edit: (items: Map<string, T>) => void): ScopedIndex<T> {
    const copy = new ScopedIndex<T>();
    const key = scopeKey(scope);
    for (const [k, items] of this.#byScope)
      copy.#place(k, this.#scopes.get(k)!, k === key ? new Map(items) : items);
    if (!copy.#byScope.has(key)) copy.#place(key, scope, new Map());
    const mine = copy.#byScope.get(key)!;
    const before = mine.size;
    edit(mine);
    copy.#size = this.#size + mine.size - before;
    return copy;
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
