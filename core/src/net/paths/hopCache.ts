// Memoises SG and NACL hop decisions per model. A decision depends on the peer address only through which
// rule CIDRs contain it, so the cache key uses that "address class" instead of the address: every target in
// the same subnet shares one evaluation (linear cost in targets; see BENCHMARKS.md). Addresses that only
// partly overlap a rule CIDR are evaluated exactly, never cached.
import type { EstateModel } from '../../model/types.ts';
import { relateRanges } from '../cidr.ts';
import type { EvaluatedHop } from './hops.ts';

interface Cached {
  hop: EvaluatedHop;
  address: string;
}

const caches = new WeakMap<EstateModel, Map<string, Cached>>();
const cidrLists = new WeakMap<EstateModel, Map<string, string[]>>();

function store<T>(map: WeakMap<EstateModel, Map<string, T>>, model: EstateModel): Map<string, T> {
  let found = map.get(model);
  if (!found) {
    found = new Map();
    map.set(model, found);
  }
  return found;
}

/** The rule CIDRs relevant to a component, computed once per model. */
export function cidrsFor(model: EstateModel, component: string, compute: () => string[]): string[] {
  const lists = store(cidrLists, model);
  let cidrs = lists.get(component);
  if (!cidrs) {
    cidrs = compute();
    lists.set(component, cidrs);
  }
  return cidrs;
}

/** '1'/'0' per CIDR (contains / disjoint); null when a CIDR partly overlaps the address (no caching). */
export function addressClass(cidrs: string[], address: string): string | null {
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

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace one address by another in a text, as a whole token (10.0.0.3 must not touch 10.0.0.37). */
const patterns = new Map<string, RegExp>();

export function swapAddress(text: string, from: string, to: string): string {
  if (from === to || !text.includes(from)) return text;
  let pattern = patterns.get(from);
  if (!pattern) {
    if (patterns.size > 10_000) patterns.clear();
    pattern = new RegExp(`(?<![0-9A-Za-z.:])${escape(from)}(?![0-9A-Za-z/]|\\.\\d|:[0-9A-Fa-f])`, 'g');
    patterns.set(from, pattern);
  }
  return text.replace(pattern, to);
}

export function memoHop(
  model: EstateModel,
  key: string | null,
  address: string,
  evaluate: () => EvaluatedHop,
): EvaluatedHop {
  if (key === null) return evaluate();
  const cache = store(caches, model);
  const hit = cache.get(key);
  if (!hit) {
    const hop = evaluate();
    cache.set(key, { hop, address });
    return hop;
  }
  const { hop, address: was } = hit;
  if (was === address) return hop;
  return {
    ...hop,
    detail: swapAddress(hop.detail, was, address),
    evidence: hop.evidence.map((e) => ({ ...e, detail: swapAddress(e.detail, was, address) })),
    gaps: hop.gaps.map((g) => swapAddress(g, was, address)),
    query: hop.query && {
      ...hop.query,
      ...(hop.query.peer ? { peer: { ...hop.query.peer, address } } : {}),
      ...(hop.query.remote ? { remote: address } : {}),
    },
  };
}
