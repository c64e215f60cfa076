// Address classes: an SG or NACL decision depends on the peer address only through which rule CIDRs contain
// it, so decisions are memoised per model by that class instead of by address (hopDecisions.ts): every target
// in the same subnet shares one evaluation. Addresses that only partly overlap a rule CIDR get no class and
// are evaluated exactly, never shared.
import { memo } from '../../model/memo.ts';
import type { EstateModel } from '../../model/types.ts';
import { parseAddressRange, relateParsed, type AddressRange } from '../cidr.ts';

/** The rule CIDRs relevant to a component, computed once per model. */
export function cidrsFor(model: EstateModel, component: string, compute: () => string[]): string[] {
  return memo(model, 'ruleCidrs', component, compute);
}

/** '1'/'0' per CIDR (contains / disjoint); null when a CIDR partly overlaps the address (no sharing). */
export function addressClass(cidrs: readonly string[], address: string): string | null {
  return classOver(cidrs.map(tryParse), address);
}

/**
 * addressClass over a component's rule CIDRs parsed once per model (`component` as given to cidrsFor): every
 * hop of every path class asks, and would otherwise re-parse (or look up) every CIDR each time.
 */
export function componentClass(
  model: EstateModel,
  component: string,
  cidrs: readonly string[],
  address: string,
): string | null {
  return classOver(
    memo(model, 'ruleRanges', component, () => cidrs.map(tryParse)),
    address,
  );
}

/** Null for an unparseable address or rule CIDR, as for a partial overlap: such paths are never shared. */
function classOver(ranges: ReadonlyArray<AddressRange | null>, address: string): string | null {
  const subject = tryParse(address);
  if (subject === null) return null;
  let key = '';
  for (const range of ranges) {
    if (range === null) return null;
    const relation = relateParsed(range, subject);
    if (relation === 'partial') return null;
    key += relation === 'contains' ? '1' : '0';
  }
  return key;
}

function tryParse(text: string): AddressRange | null {
  try {
    return parseAddressRange(text);
  } catch {
    return null;
  }
}
