// Merge per-node hop lists (an ALB has one node per subnet) into one list: the worst verdict wins.
import type { Evidence } from '@porthole/shared';
import { plainHop, type DecidedHop, type HopTexts } from './decided.ts';
import type { EvaluatedHop } from './hops.ts';

const RANK = { deny: 2, unknown: 1, allow: 0 } as const;

type HopKey = Pick<EvaluatedHop, 'leg' | 'check' | 'kind' | 'component' | 'direction'>;

/** The same hop seen from another node: same leg, check, kind, component and direction. */
const sameHop = (a: HopKey, b: HopKey) =>
  a.component === b.component &&
  a.check === b.check &&
  a.leg === b.leg &&
  a.kind === b.kind &&
  a.direction === b.direction;

/** Which node hop speaks for the merged one, and whose evidence and gaps it carries (in order). */
interface Plan<H> {
  winner: H;
  evidenceFrom: H[];
  gapsFrom: H[];
}

function plan<H>(perNode: H[][], facts: (h: H) => EvaluatedHop | DecidedHop['facts']): Plan<H>[] {
  // A path has a handful of hops: a linear search, no key string per hop (this runs for every path class).
  const merged: Plan<H>[] = [];
  for (const hops of perNode) {
    for (const hop of hops) {
      const own = facts(hop);
      const at = merged.findIndex((p) => sameHop(facts(p.winner), own));
      const seen = merged[at];
      if (!seen) merged.push({ winner: hop, evidenceFrom: [hop], gapsFrom: [hop] });
      else if (RANK[own.verdict] > RANK[facts(seen.winner).verdict])
        merged[at] = { winner: hop, evidenceFrom: [hop, ...seen.evidenceFrom], gapsFrom: [hop] };
      else if (own.verdict === facts(seen.winner).verdict) {
        seen.evidenceFrom.push(hop);
        seen.gapsFrom.push(hop);
      }
    }
  }
  return merged;
}

function mergedTexts(p: Plan<HopTexts>): HopTexts {
  const { detail, query } = p.winner;
  return {
    detail,
    ...(query ? { query } : {}),
    // One contributor: copied as it is; several: evidence deduplicated by text, gaps as a set.
    evidence:
      p.evidenceFrom.length === 1
        ? [...p.winner.evidence]
        : dedupe(p.evidenceFrom.flatMap((h) => h.evidence)),
    gaps: p.gapsFrom.length === 1 ? [...p.winner.gaps] : [...new Set(p.gapsFrom.flatMap((h) => h.gaps))],
  };
}

export function mergeNodeHops(perNode: EvaluatedHop[][]): EvaluatedHop[] {
  return plan(perNode, (h) => h).map((p) => ({ ...plainHop(p.winner), ...mergedTexts(p) }));
}

/** The same merge on decisions: the merged texts are rendered per address from the node hops' texts. */
export function mergeDecidedHops(perNode: DecidedHop[][]): DecidedHop[] {
  return plan(perNode, (h) => h.facts).map((p) => ({
    facts: p.winner.facts,
    texts(address: string) {
      const texts = (h: DecidedHop) => h.texts(address);
      return mergedTexts({
        winner: texts(p.winner),
        evidenceFrom: p.evidenceFrom.map(texts),
        gapsFrom: p.gapsFrom.map(texts),
      });
    },
  }));
}

function dedupe(items: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.component}|${i.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
