// Exact evaluation over "address range × port range" without enumerating: split both axes at every rule
// boundary, so each cell (address span × port interval) is treated identically by every rule, evaluate one
// representative point per cell, then fold the cells back into per-port outcomes.
import { mergeRanges, type AddressRange, type PortRange } from './cidr.ts';

/** A contiguous span of addresses (not necessarily a CIDR). */
export interface AddressSpan {
  first: bigint;
  last: bigint;
}

export type CellOutcome = 'allow' | 'deny' | 'unknown';

/** Splits `subject` at the bounds of every `cut` of its family, so each cut contains or misses each span. */
export function splitAddresses(subject: AddressRange, cuts: readonly AddressRange[]): AddressSpan[] {
  const starts = new Set<bigint>([subject.first]);
  for (const c of cuts) {
    if (c.family !== subject.family) continue;
    if (c.first > subject.first && c.first <= subject.last) starts.add(c.first);
    if (c.last >= subject.first && c.last < subject.last) starts.add(c.last + 1n);
  }
  const sorted = [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.map((first, i) => ({
    first,
    last: i + 1 < sorted.length ? sorted[i + 1]! - 1n : subject.last,
  }));
}

/** Splits `ports` at the bounds of every cut, so each cut contains or misses each interval. */
export function splitPorts(ports: PortRange, cuts: readonly PortRange[]): PortRange[] {
  const starts = new Set<number>([ports.from]);
  for (const c of cuts) {
    if (c.from > ports.from && c.from <= ports.to) starts.add(c.from);
    if (c.to >= ports.from && c.to < ports.to) starts.add(c.to + 1);
  }
  const sorted = [...starts].sort((a, b) => a - b);
  return sorted.map((from, i) => ({ from, to: i + 1 < sorted.length ? sorted[i + 1]! - 1 : ports.to }));
}

export function spanInside(span: AddressSpan, range: AddressRange): boolean {
  return range.first <= span.first && span.last <= range.last;
}

export function portsInside(inner: PortRange, outer: PortRange): boolean {
  return outer.from <= inner.from && inner.to <= outer.to;
}

/** Ports grouped by outcome; `mixed` = allowed for some addresses of the range and not others. */
export interface PortOutcomes {
  allowed: PortRange[];
  denied: PortRange[];
  unknown: PortRange[];
  mixed: PortRange[];
}

/**
 * Folds per-cell outcomes (`grid[i][j]` = interval i, address span j) into per-port outcomes: a port is
 * allowed (denied) only when every address span allows (denies) it; any unknown cell, or a mix of allow and
 * deny, makes the port unknown.
 */
export function foldCells(
  intervals: readonly PortRange[],
  grid: readonly (readonly CellOutcome[])[],
): PortOutcomes {
  const out: PortOutcomes = { allowed: [], denied: [], unknown: [], mixed: [] };
  intervals.forEach((ports, i) => {
    const seen = new Set(grid[i]);
    if (seen.size === 1 && !seen.has('unknown')) (seen.has('allow') ? out.allowed : out.denied).push(ports);
    else {
      out.unknown.push(ports);
      if (seen.has('allow') && seen.has('deny')) out.mixed.push(ports);
    }
  });
  return {
    allowed: mergeRanges(out.allowed),
    denied: mergeRanges(out.denied),
    unknown: mergeRanges(out.unknown),
    mixed: mergeRanges(out.mixed),
  };
}

/** allow iff every port is allowed; deny when some port is definitely denied; unknown otherwise. */
export function verdictOf(o: PortOutcomes): CellOutcome {
  if (o.denied.length > 0) return 'deny';
  return o.unknown.length > 0 ? 'unknown' : 'allow';
}
