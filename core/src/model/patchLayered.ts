// A Map over an earlier model's Map plus the entries a patch changed (model/patch.ts): a hot poll changes a few
// of 20,000 tasks, and copying the whole map each cycle was most of the patch's time. It behaves exactly as
// `new Map(base)` followed by the same set/delete calls would (patchLayered.test.ts shows it): a replaced key
// keeps its place, a new key goes last, a deleted one is gone. The base is never written to (the model it
// belongs to may still be read). Layers stack across updates; past a few they are merged into one (see `over`).
const MAX_DEPTH = 4;

export class LayeredMap<K, V> extends Map<K, V> {
  readonly #base: ReadonlyMap<K, V>;
  /** Changed values of keys the base holds (in place) and keys it does not (last, in insertion order). */
  readonly #over = new Map<K, V>();
  readonly #removed = new Set<K>();
  readonly #depth: number;
  /** The layer flattened, made on the first iteration and dropped by a write, so iterating runs at native speed
   * (an iterator is of the entries when it began: no reader writes to a model while iterating it). */
  #flat: Map<K, V> | null = null;

  constructor(base: ReadonlyMap<K, V>) {
    super();
    this.#base = base;
    this.#depth = base instanceof LayeredMap ? base.#depth + 1 : 1;
  }

  /**
   * `base` layered. A stack of layers as deep as MAX_DEPTH is first merged into one over its root (replaying
   * each layer's deletes, then its sets, gives the same entries in the same order); once the changes are a
   * sizeable share of the root, a plain copy instead.
   */
  static over<K, V>(base: ReadonlyMap<K, V>): Map<K, V> {
    if (!(base instanceof LayeredMap)) return new LayeredMap(base);
    if (base.#flat) return new LayeredMap(base.#flat);
    if (base.#depth < MAX_DEPTH) return new LayeredMap(base);
    const chain: LayeredMap<K, V>[] = [];
    let root: ReadonlyMap<K, V> = base;
    while (root instanceof LayeredMap && !root.#flat) {
      chain.push(root);
      root = root.#base;
    }
    const merged = new LayeredMap(root instanceof LayeredMap ? root.#flat! : root);
    for (const layer of chain.reverse()) {
      for (const k of layer.#removed) merged.delete(k);
      for (const [k, v] of layer.#over) merged.set(k, v);
    }
    return merged.#changes() * 8 > merged.#base.size ? new Map(merged) : merged;
  }

  #changes(): number {
    return this.#over.size + this.#removed.size;
  }

  override get size(): number {
    let n = this.#base.size - this.#removed.size;
    for (const k of this.#over.keys()) if (!this.#base.has(k) || this.#removed.has(k)) n++;
    return n;
  }

  override has(key: K): boolean {
    return this.#over.has(key) || (!this.#removed.has(key) && this.#base.has(key));
  }

  override get(key: K): V | undefined {
    if (this.#over.has(key)) return this.#over.get(key);
    return this.#removed.has(key) ? undefined : this.#base.get(key);
  }

  override set(key: K, value: V): this {
    this.#flat = null;
    // A deleted base key set again is in #removed and #over both: it iterates last, as in a copied Map.
    this.#over.set(key, value);
    return this;
  }

  override delete(key: K): boolean {
    this.#flat = null;
    const had = this.has(key);
    this.#over.delete(key);
    if (this.#base.has(key)) this.#removed.add(key);
    return had;
  }

  override clear(): void {
    this.#flat = null;
    this.#over.clear();
    for (const k of this.#base.keys()) this.#removed.add(k);
  }

  override entries(): MapIterator<[K, V]> {
    return this.#flatten().entries();
  }

  override keys(): MapIterator<K> {
    return this.#flatten().keys();
  }

  override values(): MapIterator<V> {
    return this.#flatten().values();
  }

  override [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }

  #flatten(): Map<K, V> {
    this.#flat ??= new Map(this.#layered());
    return this.#flat;
  }

  *#layered(): Generator<[K, V]> {
    for (const [k, v] of this.#base) {
      if (this.#removed.has(k)) continue;
      yield [k, this.#over.has(k) ? this.#over.get(k)! : v];
    }
    for (const [k, v] of this.#over) if (!this.#base.has(k) || this.#removed.has(k)) yield [k, v];
  }

  override get [Symbol.toStringTag](): string {
    return 'Map';
  }
}
