// Address and port-range maths for the network evaluators (IPv4 and IPv6), on bigint bounds.
import ipaddr from 'ipaddr.js';

export type AddressFamily = 'ipv4' | 'ipv6';

/** A normalised address range: an IP is a /32 (/128); host bits of a CIDR are cleared, as AWS does. */
export interface AddressRange {
  readonly family: AddressFamily;
  readonly first: bigint;
  readonly last: bigint;
  readonly prefix: number;
  /** Canonical "network/prefix" text, e.g. "10.0.1.0/24", "2001:db8::/32". */
  readonly cidr: string;
}

/** Inclusive port range (also used for ICMP types). */
export type PortRange = { from: number; to: number };

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** Entries of a managed prefix list by id; null when its entries are unknown (not captured). */
export type PrefixListResolver = (prefixListId: string) => string[] | null;

const BITS: Record<AddressFamily, number> = { ipv4: 32, ipv6: 128 };

function parseIp(text: string): ipaddr.IPv4 | ipaddr.IPv6 {
  // Strict dotted quad: ipaddr.parse alone would also accept "10" or "0x0a.1" forms AWS never prints.
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
  throw new Error(`not an IP address: "${text}"`);
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

/** Text form of an address given as a bigint. */
export function formatAddress(family: AddressFamily, value: bigint): string {
  const bytes: number[] = [];
  for (let i = BITS[family] / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

// Memo of parsed ranges: prefix lists (hundreds of entries) are re-parsed for every ENI otherwise.
// Deterministic, so purity holds; bounded so a long-running daemon cannot grow it without limit.
const parsed = new Map<string, AddressRange>();
const PARSED_MAX = 20_000;

/** Parses "10.0.1.5", "2001:db8::1", "10.0.0.0/16" or "::/0"; throws a clear Error on anything else. */
export function parseAddressRange(s: string): AddressRange {
  if (typeof s !== 'string') throw new Error(`not an IP address or CIDR: ${String(s)}`);
  const hit = parsed.get(s);
  if (hit) return hit;
  const range = Object.freeze(parseUncached(s));
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(s, range);
  return range;
}

/** parseAddressRange, or null for anything that is not an IP address or CIDR (a rule that can match nothing). */
export function tryParseAddressRange(s: string): AddressRange | null {
  try {
    return parseAddressRange(s);
  } catch {
    return null;
  }
}

function parseUncached(s: string): AddressRange {
  const text = s.trim();
  const slash = text.indexOf('/');
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = parseIp(slash < 0 ? text : text.slice(0, slash));
  } catch {
    throw new Error(`not an IP address or CIDR: "${s}"`);
  }
  const family = ip.kind();
  const bits = BITS[family];
  let prefix = bits;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > bits) throw new Error(`invalid prefix length in CIDR: "${s}"`);
    prefix = Number(p);
  }
  const hostBits = BigInt(bits - prefix);
  const first = (toBigInt(ip.toByteArray()) >> hostBits) << hostBits;
  const last = first | ((1n << hostBits) - 1n);
  return { family, first, last, prefix, cidr: `${formatAddress(family, first)}/${prefix}` };
}

export type RangeRelation = 'contains' | 'disjoint' | 'partial';

/** Relation of two parsed ranges: does `rule` contain all of `subject`? */
export function relateParsed(rule: AddressRange, subject: AddressRange): RangeRelation {
  if (rule.family !== subject.family) return 'disjoint';
  if (rule.last < subject.first || subject.last < rule.first) return 'disjoint';
  return rule.first <= subject.first && subject.last <= rule.last ? 'contains' : 'partial';
}

/** Does the rule CIDR contain all of subject (an IP or CIDR)? Different families are disjoint. */
export function relateRanges(rule: string, subject: string): RangeRelation {
  return relateParsed(parseAddressRange(rule), parseAddressRange(subject));
}

// RFC 1918 and IPv6 unique-local (RFC 4193) space.
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'].map(parseAddressRange);

/** True when the IP (or every address of the CIDR) is RFC 1918 / unique-local space. */
export function isPrivateAddress(s: string): boolean {
  const range = parseAddressRange(s);
  return PRIVATE_RANGES.some((p) => relateParsed(p, range) === 'contains');
}

/** Prefix length of a CIDR; a bare IP is /32 (IPv4) or /128 (IPv6). */
export function prefixLength(cidr: string): number {
  return parseAddressRange(cidr).prefix;
}

/** Sorted, non-overlapping, non-adjacent union of ranges; empty (from > to) ranges are dropped. */
export function mergeRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges.filter((r) => r.from <= r.to).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: PortRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.from <= last.to + 1) last.to = Math.max(last.to, r.to);
    else out.push({ from: r.from, to: r.to });
  }
  return out;
}

/** Ports of `ranges` not in any of `minus`, merged. */
export function subtractRanges(ranges: readonly PortRange[], minus: readonly PortRange[]): PortRange[] {
  let rest = mergeRanges(ranges);
  for (const m of mergeRanges(minus)) {
    rest = rest.flatMap((r) => {
      if (m.to < r.from || r.to < m.from) return [r];
      const parts: PortRange[] = [];
      if (r.from < m.from) parts.push({ from: r.from, to: m.from - 1 });
      if (m.to < r.to) parts.push({ from: m.to + 1, to: r.to });
      return parts;
    });
  }
  return rest;
}

/** Ports in both `a` and `b`, merged. */
export function intersectRanges(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of mergeRanges(a)) {
    for (const y of mergeRanges(b)) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
    }
  }
  return mergeRanges(out);
}

/** "8081" or "32768-60999". */
export function formatPortRange(r: PortRange): string {
  return r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
}

/** "80, 443, 32768-60999". */
export function formatPortRanges(ranges: readonly PortRange[]): string {
  return ranges.map(formatPortRange).join(', ');
}
