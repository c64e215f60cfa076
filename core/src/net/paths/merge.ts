// Merge per-node hop lists (an ALB has one node per subnet) into one list: the worst verdict wins.
import type { EvaluatedHop } from './hops.ts';

const RANK = { deny: 2, unknown: 1, allow: 0 } as const;

export function mergeNodeHops(perNode: EvaluatedHop[][]): EvaluatedHop[] {
  const merged = new Map<string, EvaluatedHop>();
  const order: string[] = [];
  for (const hops of perNode) {
    for (const hop of hops) {
      const key = `${hop.leg}|${hop.check}|${hop.kind}|${hop.component}|${hop.direction}`;
      const seen = merged.get(key);
      if (!seen) {
        merged.set(key, { ...hop, evidence: [...hop.evidence], gaps: [...hop.gaps] });
        order.push(key);
        continue;
      }
      if (RANK[hop.verdict] > RANK[seen.verdict]) {
        merged.set(key, {
          ...hop,
          evidence: dedupe([...hop.evidence, ...seen.evidence]),
          gaps: [...hop.gaps],
        });
      } else if (hop.verdict === seen.verdict) {
        seen.evidence = dedupe([...seen.evidence, ...hop.evidence]);
        seen.gaps = [...new Set([...seen.gaps, ...hop.gaps])];
      }
    }
  }
  return order.map((k) => merged.get(k)!);
}

function dedupe<T extends { detail: string; component: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.component}|${i.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
