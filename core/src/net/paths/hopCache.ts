// Address classes: an SG or NACL decision depends on the peer address only through which rule CIDRs contain
// it, so decisions are memoised per model by that class instead of by address (hopDecisions.ts): every target
// in the same subnet shares one evaluation. Addresses that only partly overlap a rule CIDR get no class and
// are evaluated exactly, never shared.
import { memo } from '../../model/memo.ts';
import type { EstateModel } from '../../model/types.ts';
import { relateRanges } from '../cidr.ts';

/** The rule CIDRs relevant to a component, computed once per model. */
export function cidrsFor(model: EstateModel, component: string, compute: () => string[]): string[] {
  return memo(model, 'ruleCidrs', component, compute);
}

/** '1'/'0' per CIDR (contains / disjoint); null when a CIDR partly overlaps the address (no sharing). */
export function addressClass(cidrs: readonly string[], address: string): string | null {
  let key = '';
  try {
    for (const cidr of cidrs) {
      const relation = relateRanges(cidr, address);
      if (relation === 'partial') return null;
      key += relation === 'contains' ? '1' : '0';
    }
  } catch {
    return null;
  }
  return key;
}
