// Resources keyed by account + region + id. AWS ids are unique only within an account and region (and copied
// estates repeat them), so a bare-id map lets one partition overwrite another and findings land in the wrong
// scope. Every lookup names its scope; user input that names only an id goes through `lookupAll`.
import { scopeKey, type SnapshotScope } from '@porthole/shared';

export class ScopedIndex<T> {
  readonly #byScope = new Map<string, Map<string, T>>();
  readonly #scopes = new Map<string, SnapshotScope>();
  #size = 0;

  get(scope: SnapshotScope, id: string): T | undefined {
    return this.#byScope.get(scopeKey(scope))?.get(id);
  }

  has(scope: SnapshotScope, id: string): boolean {
    return this.#byScope.get(scopeKey(scope))?.has(id) ?? false;
  }

  set(scope: SnapshotScope, id: string, value: T): this {
    const key = scopeKey(scope);
    let items = this.#byScope.get(key);
    if (!items) {
      items = new Map();
      this.#byScope.set(key, items);
      this.#scopes.set(key, { account: scope.account, region: scope.region });
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
    for (const [k, items] of this.#byScope) copy.#byScope.set(k, k === key ? new Map(items) : items);
    for (const [k, s] of this.#scopes) copy.#scopes.set(k, s);
    if (!copy.#byScope.has(key)) {
      copy.#byScope.set(key, new Map());
      copy.#scopes.set(key, { account: scope.account, region: scope.region });
    }
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
