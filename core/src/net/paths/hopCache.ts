// Address classes: an SG or NACL decision depends on the peer address only through which rule CIDRs contain
// it, so decisions are memoised per model by that class instead of by address (hopDecisions.ts): every target
// in the same subnet shares one evaluation. Addresses that only partly overlap a rule CIDR get no class and
// are evaluated exactly, never shared.
import { memo } from '../../model/memo.ts';
import type { EstateModel } from '../../model/types.ts';
import type { NetworkAcl } from '@porthole/shared';
import { relateParsed, tryParseAddressRange, type AddressRange } from '../cidr.ts';
import type { DecidedHop } from './decided.ts';

/** The rule CIDRs relevant to a component, computed once per model. */
export function cidrsFor(model: EstateModel, component: string, compute: () => string[]): string[] {
  return memo(model, 'ruleCidrs', component, compute);
}

/** '1'/'0' per CIDR (contains / disjoint); null when a CIDR partly overlaps the address (no sharing). */
export function addressClass(cidrs: readonly string[], address: string): string | null {
  return classOver(cidrs.map(tryParseAddressRange), address);
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
    memo(model, 'ruleRanges', component, () => cidrs.map(tryParseAddressRange)),
    address,
  );
}

/** Null for an unparseable address or rule CIDR, as for a partial overlap: such paths are never shared. */
export function classOver(ranges: ReadonlyArray<AddressRange | null>, address: string): string | null {
  const subject = tryParseAddressRange(address);
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

/** Per NACL (the model's object): its rule CIDRs parsed, and its decisions per address class and query. */
interface NaclTables {
  ranges: Array<AddressRange | null>;
  hops: Map<string, DecidedHop>;
}

/**
 * Found by the ACL id the model holds (its hash is kept), then by the ACL itself (ids repeat across
 * accounts): every hop of every path class asks, and a key string built per call would be hashed afresh.
 */
export function naclTables(model: EstateModel, acl: NetworkAcl): NaclTables {
  const byAcl = memo(model, 'naclHop', acl.NetworkAclId, () => new Map<NetworkAcl, NaclTables>());
  let tables = byAcl.get(acl);
  if (!tables) {
    const cidrs = acl.Entries.flatMap((e) => [e.CidrBlock, e.Ipv6CidrBlock].filter((c): c is string => !!c));
    byAcl.set(acl, (tables = { ranges: cidrs.map(tryParseAddressRange), hops: new Map() }));
  }
  return tables;
}
