// Hops the load balancer itself decides (listener, rule, action, target group), and how they combine.
import type { EvaluatedHop } from '../net/paths/hops.ts';

export type LegVerdict = 'reachable' | 'blocked' | 'unknown';

export function albHop(
  partial: Partial<EvaluatedHop> & Pick<EvaluatedHop, 'component' | 'kind' | 'verdict' | 'detail'>,
): EvaluatedHop {
  return {
    check: 'other',
    leg: 'request',
    direction: 'forward',
    ports: null,
    evidence: [],
    gaps: [],
    ...partial,
  };
}

export function actionHop(
  component: string,
  verdict: EvaluatedHop['verdict'],
  detail: string,
  kind = 'action',
): EvaluatedHop {
  return albHop({ component, kind, verdict, detail });
}

/** deny beats unknown beats allow. */
export function worstVerdict(hops: EvaluatedHop[]): 'allow' | 'deny' | 'unknown' {
  if (hops.some((h) => h.verdict === 'deny')) return 'deny';
  return hops.some((h) => h.verdict === 'unknown') ? 'unknown' : 'allow';
}

export function legVerdict(hops: EvaluatedHop[]): LegVerdict {
  const worst = worstVerdict(hops);
  return worst === 'deny' ? 'blocked' : worst === 'unknown' ? 'unknown' : 'reachable';
}

/** The worse of two leg verdicts. */
export function worseOf(a: LegVerdict, b: LegVerdict): LegVerdict {
  if (a === 'blocked' || b === 'blocked') return 'blocked';
  return a === 'unknown' || b === 'unknown' ? 'unknown' : 'reachable';
}
