// The reply leg to a client goes to the client's ephemeral port, which depends on its operating system
// (VPC guide, "Network ACLs" → "Ephemeral ports": Linux kernels 32768–60999, Windows 49152–65535, ELB and
// NAT gateways 1024–65535). Unless told the client's range, Porthole assumes any port 1024–65535 may be
// used: a NACL that drops only part of it on the reply leg cannot be judged (unknown), never "blocked".
import { formatPortRange, formatPortRanges, mergeRanges, type PortRange } from '../cidr.ts';
import type { EvaluatedHop } from './hops.ts';

export interface ClientPorts {
  range: PortRange;
  /** True when the user gave the range (--client-ports); false for the 1024–65535 assumption. */
  known: boolean;
}

export const ANY_CLIENT_PORTS: PortRange = { from: 1024, to: 65535 };

/** Documented defaults, offered in the answer when the range is unknown. */
export const PLATFORM_PORTS = { linux: '32768-60999', windows: '49152-65535' } as const;

export function clientPorts(given: PortRange | null | undefined): ClientPorts {
  return given ? { range: given, known: true } : { range: ANY_CLIENT_PORTS, known: false };
}

/** What the answer assumed, in words. */
export function describeClientPorts(client: ClientPorts): string {
  return client.known
    ? `client ephemeral ports ${formatPortRange(client.range)} (as given by --client-ports)`
    : `client ephemeral ports unknown: replies checked on ${formatPortRange(client.range)}, any client; ` +
        `pass --client-ports (e.g. ${PLATFORM_PORTS.linux} for Linux, ${PLATFORM_PORTS.windows} for Windows clients)`;
}

/** Whether a stateless NACL judged a reply on these hops: then the answer says which client range it assumed. */
export function judgesReplies(hops: readonly EvaluatedHop[]): boolean {
  return hops.some((h) => h.leg === 'reply' && h.check.startsWith('nacl'));
}

/**
 * A NACL hop on the reply leg to a client. With the client's range unknown, a NACL dropping only some of
 * 1024–65535 is unknown, naming the ports that would be dropped; dropping all of them is still a block.
 */
export function clientReplyHop(hop: EvaluatedHop, client: ClientPorts): EvaluatedHop {
  if (client.known || hop.verdict !== 'deny' || !hop.check.startsWith('nacl')) return hop;
  const dropped = mergeRanges(hop.naclDeniedPorts ?? []);
  const all =
    dropped.length === 1 && dropped[0]!.from <= client.range.from && dropped[0]!.to >= client.range.to;
  if (all) return hop;
  const why =
    `replies to client ports ${formatPortRanges(dropped)} would be dropped, the rest of ` +
    `${formatPortRange(client.range)} admitted; which ports the client uses is not known ` +
    `(pass --client-ports, e.g. ${PLATFORM_PORTS.linux} for Linux clients)`;
  return {
    ...hop,
    verdict: 'unknown',
    detail: `${hop.detail} — ${why}`,
    gaps: [...hop.gaps, why],
  };
}
