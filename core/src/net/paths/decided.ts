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
  /** False when no text depends on the address (then one rendering serves every target). */
  addressed: boolean;
  texts(address: string): HopTexts;
}

/** A hop whose texts are fixed (unknown hops, hops about the target's own side). */
export function fixedHop(hop: EvaluatedHop): DecidedHop {
  const { detail, evidence, gaps, query, ...facts } = hop;
  const texts: HopTexts = { detail, evidence, gaps, ...(query ? { query } : {}) };
  return { facts, addressed: false, texts: () => texts };
}

/** The same decision with a suffix on its detail (e.g. which ALB node it is about). */
export function withDetailSuffix(hop: DecidedHop, suffix: string): DecidedHop {
  return {
    facts: hop.facts,
    addressed: hop.addressed,
    texts(address) {
      const t = hop.texts(address);
      return { ...t, detail: `${t.detail}${suffix}` };
    },
  };
}

/**
 * The hop for one address: facts copied, texts rendered on first read and then kept. Texts are own
 * accessor properties, so spreading or serialising the hop renders them like plain fields.
 */
export function hopFor(hop: DecidedHop, address: string): EvaluatedHop {
  let texts: HopTexts | null = null;
  const get = () => (texts ??= hop.texts(address));
  return {
    ...hop.facts,
    get detail() {
      return get().detail;
    },
    set detail(detail: string) {
      texts = { ...get(), detail };
    },
    get evidence() {
      return get().evidence;
    },
    set evidence(evidence: Evidence[]) {
      texts = { ...get(), evidence };
    },
    get gaps() {
      return get().gaps;
    },
    set gaps(gaps: string[]) {
      texts = { ...get(), gaps };
    },
    get query() {
      return get().query;
    },
    set query(query: EvaluatedHop['query']) {
      texts = { ...get(), query };
    },
  };
}

/** Eagerly rendered (paths evaluated one at a time: explain, reach, the front door). */
export function renderHop(hop: DecidedHop, address: string): EvaluatedHop {
  const { query, ...texts } = hop.texts(address);
  return { ...hop.facts, ...texts, ...(query ? { query } : {}) };
}
