// evaluateNetworkAcl against a brute-force first-match walk over every (address, port) pair of a small
// universe: the last byte of 10.0.0.0/24 (or of 2001:db8::/120) and ports 1-64.
import type { NetworkAcl, NetworkAclEntry } from '@porthole/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortRange } from './cidr.ts';
import { evaluateNetworkAcl } from './networkAcls.ts';

type Family = 'ipv4' | 'ipv6';
type Block = { offset: number; bits: number } | 'any';
type Spec = {
  action: 'allow' | 'deny';
  egress: boolean;
  protocol: '-1' | '6' | '17';
  ports: [number, number];
  block: Block;
};

const base = (b: { offset: number; bits: number }) => b.offset & ~((1 << b.bits) - 1);
const inBlock = (b: Block, a: number) => b === 'any' || (a >= base(b) && a < base(b) + (1 << b.bits));
const cidrOf = (family: Family, b: Block) => {
  if (b === 'any') return family === 'ipv4' ? '0.0.0.0/0' : '::/0';
  return family === 'ipv4'
    ? `10.0.0.${base(b)}/${32 - b.bits}`
    : `2001:db8::${base(b).toString(16)}/${128 - b.bits}`;
};

const blockArb = (maxBits: number) =>
  fc.record({ offset: fc.integer({ min: 0, max: 255 }), bits: fc.integer({ min: 0, max: maxBits }) });
const rangeArb = fc
  .tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 30 }))
  .map(([f, w]): [number, number] => [f, Math.min(64, f + w)]);
const specArb: fc.Arbitrary<Spec> = fc.record({
  action: fc.constantFrom('allow' as const, 'deny' as const),
  egress: fc.boolean(),
  protocol: fc.constantFrom('-1' as const, '6' as const, '17' as const),
  ports: fc.oneof(rangeArb, fc.constant<[number, number]>([0, 65535])),
  block: fc.oneof(
    { weight: 4, arbitrary: blockArb(8) },
    { weight: 1, arbitrary: fc.constant('any' as const) },
  ),
});

const scenarioArb = fc.record({
  family: fc.constantFrom<Family>('ipv4', 'ipv4', 'ipv6'),
  specs: fc.array(specArb, { maxLength: 8 }),
  numbers: fc.shuffledSubarray(
    Array.from({ length: 20 }, (_, i) => (i + 1) * 10),
    { minLength: 8, maxLength: 8 },
  ),
  withStar: fc.boolean(),
  direction: fc.constantFrom('inbound' as const, 'outbound' as const),
  remote: blockArb(6),
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  ports: rangeArb,
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toEntries(s: Scenario): NetworkAclEntry[] {
  const entries = s.specs.map((e, i): NetworkAclEntry => {
    const cidr = cidrOf(s.family, e.block);
    return {
      RuleNumber: s.numbers[i]!,
      RuleAction: e.action,
      Egress: e.egress,
      Protocol: e.protocol,
      PortRange: { From: e.ports[0], To: e.ports[1] },
      ...(s.family === 'ipv4' ? { CidrBlock: cidr } : { Ipv6CidrBlock: cidr }),
    };
  });
  if (s.withStar) {
    for (const egress of [false, true]) {
      entries.push({
        RuleNumber: 32767,
        RuleAction: 'deny',
        Egress: egress,
        Protocol: '-1',
        CidrBlock: '0.0.0.0/0',
      });
      entries.push({
        RuleNumber: 32768,
        RuleAction: 'deny',
        Egress: egress,
        Protocol: '-1',
        Ipv6CidrBlock: '::/0',
      });
    }
  }
  return entries;
}

/** The reference: for each (address, port) walk the entries in order; the first match decides. */
function reference(s: Scenario, entries: NetworkAclEntry[]) {
  const wanted = s.protocol === 'tcp' ? '6' : '17';
  const ordered = entries
    .map((e, i) => ({ e, spec: s.specs[i] }))
    .filter(({ e }) => e.Egress === (s.direction === 'outbound'))
    .sort((a, b) => a.e.RuleNumber - b.e.RuleNumber);
  const decide = (a: number, p: number) =>
    ordered.find(({ e, spec }) => {
      if (!spec) return Boolean(s.family === 'ipv4' ? e.CidrBlock : e.Ipv6CidrBlock); // a * entry of the family
      if (e.Protocol !== '-1' && e.Protocol !== wanted) return false;
      if (e.Protocol !== '-1' && (p < spec.ports[0] || p > spec.ports[1])) return false;
      return inBlock(spec.block, a);
    })?.e ?? null;
  const addrs = Array.from({ length: 1 << s.remote.bits }, (_, i) => base(s.remote) + i);
  const perPort = new Map<number, string>();
  const deciding = new Set<number>();
  for (let p = s.ports[0]; p <= s.ports[1]; p++) {
    const decisions = addrs.map((a) => decide(a, p));
    decisions.forEach((d) => d && deciding.add(d.RuleNumber));
    const seen = new Set(decisions.map((d) => d?.RuleAction ?? 'deny'));
    perPort.set(p, seen.size === 1 ? [...seen][0]! : 'unknown');
  }
  const collect = (v: string) => toRanges([...perPort].filter(([, x]) => x === v).map(([p]) => p));
  const values = [...perPort.values()];
  const verdict = values.includes('deny') ? 'deny' : values.includes('unknown') ? 'unknown' : 'allow';
  return {
    verdict,
    deniedPorts: collect('deny'),
    unknownPorts: collect('unknown'),
    deciding: [...deciding].sort((a, b) => a - b),
  };
}

function toRanges(ports: number[]): PortRange[] {
  const out: PortRange[] = [];
  for (const p of ports.sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && last.to + 1 === p) last.to = p;
    else out.push({ from: p, to: p });
  }
  return out;
}

describe('evaluateNetworkAcl (property)', () => {
  it('agrees with a brute-force first-match walk', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const entries = toEntries(s);
        const acl: NetworkAcl = { NetworkAclId: 'acl-p', Entries: entries };
        const remote = cidrOf(s.family, s.remote);
        const got = evaluateNetworkAcl(acl, s.direction, remote, s.protocol, {
          from: s.ports[0],
          to: s.ports[1],
        });
        const want = reference(s, entries);
        expect({
          verdict: got.verdict,
          deniedPorts: got.deniedPorts,
          unknownPorts: got.unknownPorts,
          deciding: got.decidingEntries.map((e) => e.RuleNumber),
        }).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});
