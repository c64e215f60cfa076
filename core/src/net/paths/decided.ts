// A hop as a decision (verdict, component, the entries that decided) plus how to say it for one address.
// Decisions are shared by every target of an address class; the sentences that name a target's address are
// rendered only when something reads them (a finding, the drill-down), not for each of thousands of targets.
import type { Evidence } from '@porthole/shared';
import type { EvaluatedHop } from './hops.ts';

/** The texts of a hop: every field that may name the address it is rendered for. */
export interface HopTexts {
  detail: string;
  evidence: Evidence[];
  gaps: string[];
  query?: EvaluatedHop['query'];
}

export type HopFacts = Omit<EvaluatedHop, keyof HopTexts>;

export interface DecidedHop {
  facts: HopFacts;
  texts(address: string): HopTexts;
}

/** A hop whose texts are fixed (unknown hops, hops about the target's own side). */
export function fixedHop(hop: EvaluatedHop): DecidedHop {
  const { detail, evidence, gaps, query, ...facts } = hop;
  const texts: HopTexts = { detail, evidence, gaps, ...(query ? { query } : {}) };
  return { facts, texts: () => texts };
}

/** The same decision with a suffix on its detail (e.g. which ALB node it is about). */
export function withDetailSuffix(hop: DecidedHop, suffix: string): DecidedHop {
  return {
    facts: hop.facts,
    texts(address) {
      const t = hop.texts(address);
      return { ...t, detail: `${t.detail}${suffix}` };
    },
  };
}

/**
 * A hop whose texts are rendered on first read and then kept (one per target and path: thousands, so a class
 * with accessors on the prototype rather than closures per object). Accessors on a prototype are not copied
 * by object spread: copy a hop with `plainHop`.
 */
class LazyHop {
  #source: TextSource | null;
  #index: number;
  #texts: HopTexts | null = null;
  constructor(facts: HopFacts, source: TextSource, index: number) {
    Object.assign(this, facts);
    this.#source = source;
    this.#index = index;
  }
  #get(): HopTexts {
    if (!this.#texts) {
      this.#texts = this.#source!.textsOf(this.#index);
      this.#source = null;
    }
    return this.#texts;
  }
  get detail() {
    return this.#get().detail;
  }
  set detail(detail: string) {
    this.#texts = { ...this.#get(), detail };
  }
  get evidence() {
    return this.#get().evidence;
  }
  set evidence(evidence: Evidence[]) {
    this.#texts = { ...this.#get(), evidence };
  }
  get gaps() {
    return this.#get().gaps;
  }
  set gaps(gaps: string[]) {
    this.#texts = { ...this.#get(), gaps };
  }
  get query() {
    return this.#get().query;
  }
  set query(query: EvaluatedHop['query']) {
    this.#texts = { ...this.#get(), query };
  }
  toJSON() {
    return plainHop(this as unknown as EvaluatedHop);
  }
}

/** Renders the texts of hop `index` of a path (one source per target path, no closure per hop). */
export interface TextSource {
  textsOf(index: number): HopTexts;
}

export function lazyHop(facts: HopFacts, source: TextSource, index: number): EvaluatedHop {
  return new LazyHop(facts, source, index) as unknown as EvaluatedHop;
}

/** A plain copy of any hop, its texts rendered. */
export function plainHop(hop: EvaluatedHop): EvaluatedHop {
  const { detail, evidence, gaps, query } = hop;
  return { ...hop, detail, evidence, gaps, ...(query ? { query } : {}) };
}

/** Eagerly rendered (paths evaluated one at a time: explain, reach, the front door). */
export function renderHop(hop: DecidedHop, address: string): EvaluatedHop {
  const { query, ...texts } = hop.texts(address);
  return { ...hop.facts, ...texts, ...(query ? { query } : {}) };
}
