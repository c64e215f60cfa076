// Value checks for the scalars Porthole computes with (addresses, CIDRs, ports, protocols), as zod
// schemas. A snapshot value that fails one is refused when the file is read (exit 2, file and JSON
// path), so no verdict is ever built on it. Pure TS: shared is loaded by the dashboard too.
import { z } from 'zod';

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

/** Dotted-quad IPv4 as AWS prints it ("10.0.1.5"): four decimal octets 0–255, no leading zeros. */
export function isIpv4(text: string): boolean {
  // A scan, not split + four regexes: this runs for every address in a snapshot as it loads.
  let octets = 0;
  let digits = 0;
  let value = 0;
  let lead = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : DOT; // the end closes the last octet
    if (c === DOT) {
      if (digits === 0 || value > 255 || (digits > 1 && lead === ZERO)) return false;
      octets++;
      digits = 0;
      value = 0;
    } else if (c >= ZERO && c <= ZERO + 9) {
      if (digits === 0) lead = c;
      if (++digits > 3) return false;
      value = value * 10 + (c - ZERO);
    } else return false;
  }
  return octets === 4;
}

const DOT = 46;
const ZERO = 48;

/** RFC 4291 text form: eight hextets, one "::" at most, optionally an embedded IPv4 tail. No zone. */
export function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  let body = text;
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    if (!isIpv4(tail)) return false;
    body = `${text.slice(0, lastColon + 1)}0:0`; // the IPv4 tail stands for two hextets
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0] ?? '');
  const right = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!left.every((g) => HEXTET.test(g)) || !right.every((g) => HEXTET.test(g))) return false;
  const count = left.length + right.length;
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** Why `text` is not a CIDR of the family, or null when it is one. Host bits may be set (AWS clears them). */
export function cidrProblem(text: string, family: 'ipv4' | 'ipv6'): string | null {
  const slash = text.indexOf('/');
  const label = family === 'ipv4' ? 'IPv4 CIDR (a.b.c.d/0-32)' : 'IPv6 CIDR (x:x::/0-128)';
  if (slash < 0) return `not an ${label}: no "/prefix"`;
  const ip = text.slice(0, slash);
  const prefix = text.slice(slash + 1);
  const max = family === 'ipv4' ? 32 : 128;
  if (!(family === 'ipv4' ? isIpv4(ip) : isIpv6(ip))) return `not an ${label}: "${ip}" is not an address`;
  if (!/^(0|[1-9]\d{0,2})$/.test(prefix) || Number(prefix) > max)
    return `not an ${label}: prefix length must be 0-${max}`;
  return null;
}

function refined(check: (s: string) => string | null) {
  return z.string().superRefine((value, ctx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });
}

export const Ipv4Address = refined((s) => (isIpv4(s) ? null : 'not an IPv4 address (a.b.c.d, each 0-255)'));
export const Ipv6Address = refined((s) => (isIpv6(s) ? null : 'not an IPv6 address'));
export const IpAddress = refined((s) => (isIpv4(s) || isIpv6(s) ? null : 'not an IPv4 or IPv6 address'));
export const Ipv4Cidr = refined((s) => cidrProblem(s, 'ipv4'));
export const Ipv6Cidr = refined((s) => cidrProblem(s, 'ipv6'));
/** Managed prefix lists hold either family. */
export const AnyCidr = refined((s) => (s.includes(':') ? cidrProblem(s, 'ipv6') : cidrProblem(s, 'ipv4')));

/** An integer in [min, max]. */
export const intIn = (min: number, max: number) => z.number().int().min(min).max(max);
/** A TCP/UDP port, 0–65535 (0 is valid in SG and NACL ranges, and as a dynamic hostPort). */
export const Port = intIn(0, 65535);
/** A port something listens on or is registered at: 1–65535. */
export const ListeningPort = intIn(1, 65535);
/** A count of tasks or deployments: never negative. */
export const Count = z.number().int().min(0);
/** A port written as a string (HealthCheckPort "8080"). */
export const PortString = refined((s) =>
  /^[1-9]\d{0,4}$/.test(s) && Number(s) <= 65535 ? null : 'not a port number 1-65535',
);

/**
 * IpProtocol / NACL Protocol: "-1" (all), a name (tcp, udp, icmp, icmpv6) or an IANA protocol
 * number 0–255 (EC2 API reference, IpPermission and NetworkAclEntry).
 */
export function protocolProblem(text: string): string | null {
  if (text === '-1' || ['tcp', 'udp', 'icmp', 'icmpv6'].includes(text)) return null;
  if (/^(0|[1-9]\d{0,2})$/.test(text) && Number(text) <= 255) return null;
  return 'not an IP protocol: expected tcp, udp, icmp, icmpv6, -1 or a protocol number 0-255';
}
export const IpProtocol = refined(protocolProblem);

/** The protocol's family for port semantics: tcp/udp use ports; icmp/icmpv6 use type and code. */
export function protocolClass(text: string): 'ports' | 'icmp' | 'other' {
  if (['tcp', 'udp', '6', '17'].includes(text)) return 'ports';
  if (['icmp', 'icmpv6', '1', '58'].includes(text)) return 'icmp';
  return 'other';
}

/**
 * A closed list from the API reference, typed as string so hand-built data in code still fits:
 * a value outside it is refused (the engine would have to guess what it means).
 */
export function oneOf(values: readonly string[]) {
  return z.string().superRefine((value, ctx) => {
    if (!values.includes(value))
      ctx.addIssue({ code: 'custom', message: `expected one of ${values.join(', ')}`, input: value });
  });
}
