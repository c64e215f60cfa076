// Folds per-cell NACL decisions into per-port-range decisions with their deciding entries.
import type { NetworkAclEntry } from '@porthole/shared';
import type { PortRange } from './cidr.ts';
import type { Protocol } from './protocol.ts';

export interface NaclPortDecision {
  /** The protocol class: for an 'all' query, each of tcp, udp, icmp and 'all' (= any other protocol). */
  protocol: Protocol;
  ports: PortRange;
  verdict: 'allow' | 'deny' | 'unknown';
  /** The entry that decided for every address of the remote; null if none matched or it differs by address. */
  entry: NetworkAclEntry | null;
  /** Every entry that decided for some address of the remote, by RuleNumber. */
  entries: NetworkAclEntry[];
  /** Some address matched no entry at all and fell to the implicit default deny. */
  defaultDeny: boolean;
}

/** One port interval with the deciding entry (null = no match) for each address span of the remote. */
export interface NaclCell {
  ports: PortRange;
  deciders: Array<NetworkAclEntry | null>;
}

function verdictOf(deciders: Array<NetworkAclEntry | null>): NaclPortDecision['verdict'] {
  const allows = deciders.filter((d) => d?.RuleAction === 'allow').length;
  if (allows === deciders.length) return 'allow';
  return allows === 0 ? 'deny' : 'unknown';
}

/** Adjacent intervals decided the same way (same verdict, same entries per address) are merged. */
export function naclPortDecisions(protocol: Protocol, cells: readonly NaclCell[]): NaclPortDecision[] {
  const out: Array<NaclPortDecision & { key: string }> = [];
  for (const { ports, deciders } of cells) {
    const key = deciders.map((d) => (d ? String(d.RuleNumber) : '-')).join(',');
    const last = out[out.length - 1];
    if (last && last.key === key && last.ports.to + 1 === ports.from) {
      last.ports = { from: last.ports.from, to: ports.to };
      continue;
    }
    const entries = [...new Set(deciders.filter((d): d is NetworkAclEntry => d !== null))].sort(
      (a, b) => a.RuleNumber - b.RuleNumber,
    );
    const uniform = deciders.every((d) => d === deciders[0]);
    out.push({
      key,
      protocol,
      ports: { ...ports },
      verdict: verdictOf(deciders),
      entry: uniform ? (deciders[0] ?? null) : null,
      entries,
      defaultDeny: deciders.includes(null),
    });
  }
  return out.map(({ key: _key, ...d }) => d);
}
