// evaluateSecurityGroups against a brute-force reference that enumerates every (address, port) pair of a
// small universe: the last byte of 10.0.0.0/24 (or of 2001:db8::/120) and ports 1-64.
import type { IpPermission, SecurityGroup } from '@porthole/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PortRange } from './cidr.ts';
import { evaluateSecurityGroups, type Peer, type Protocol, type SgInput } from './securityGroups.ts';

type Family = 'ipv4' | 'ipv6';
/** A CIDR inside the universe: `bits` host bits of the last byte (0 = single address). */
type Block = { offset: number; bits: number };
type Source =
  | { kind: 'block'; block: Block }
  | { kind: 'any'; family: Family }
  | { kind: 'sg'; id: string }
  | { kind: 'pl'; id: 'pl-known' | 'pl-lost' };
type Rule = { protocol: string; ports: [number, number] | null; sources: Source[] };
type Group = { id: string; missing: boolean; ingress: Rule[]; egress: Rule[] };

const base = (b: Block) => b.offset & ~((1 << b.bits) - 1);
const inBlock = (b: Block, addr: number) => addr >= base(b) && addr < base(b) + (1 << b.bits);
const cidrOf = (family: Family, b: Block) =>
  family === 'ipv4'
    ? `10.0.0.${base(b)}/${32 - b.bits}`
    : `2001:db8::${base(b).toString(16)}/${128 - b.bits}`;

const blockArb = (maxBits: number) =>
  fc.record({ offset: fc.integer({ min: 0, max: 255 }), bits: fc.integer({ min: 0, max: maxBits }) });
const sourceArb: fc.Arbitrary<Source> = fc.oneof(
  { weight: 4, arbitrary: blockArb(8).map((block) => ({ kind: 'block' as const, block })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Family>('ipv4', 'ipv6').map((family) => ({ kind: 'any' as const, family })),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom('sg-a', 'sg-b', 'sg-c').map((id) => ({ kind: 'sg' as const, id })),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('pl-known' as const, 'pl-lost' as const)
      .map((id) => ({ kind: 'pl' as const, id })),
  },
);
const portsArb = fc.option(
  fc
    .tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 20 }))
    .map(([f, w]): [number, number] => [f, Math.min(64, f + w)]),
  { freq: 5 },
);
const ruleArb: fc.Arbitrary<Rule> = fc.record({
  protocol: fc.constantFrom('-1', 'tcp', '6', 'udp', '17'),
  ports: portsArb,
  sources: fc.array(sourceArb, { minLength: 1, maxLength: 3 }),
});
const groupArb = (id: string): fc.Arbitrary<Group> =>
  fc.record({
    id: fc.constant(id),
    missing: fc.boolean().map((b) => b && id === 'sg-z'),
    ingress: fc.array(ruleArb, { maxLength: 4 }),
    egress: fc.array(ruleArb, { maxLength: 2 }),
  });

function toPermission(family: Family, r: Rule): IpPermission {
  const p: IpPermission = {
    IpProtocol: r.protocol,
    FromPort: r.ports?.[0] ?? -1,
    ToPort: r.ports?.[1] ?? -1,
  };
  for (const s of r.sources) {
    if (s.kind === 'sg') p.UserIdGroupPairs = [...(p.UserIdGroupPairs ?? []), { GroupId: s.id }];
    else if (s.kind === 'pl') p.PrefixListIds = [...(p.PrefixListIds ?? []), { PrefixListId: s.id }];
    else {
      const fam = s.kind === 'any' ? s.family : family;
      const cidr = s.kind === 'any' ? (fam === 'ipv4' ? '0.0.0.0/0' : '::/0') : cidrOf(family, s.block);
      if (fam === 'ipv4') p.IpRanges = [...(p.IpRanges ?? []), { CidrIp: cidr }];
      else p.Ipv6Ranges = [...(p.Ipv6Ranges ?? []), { CidrIpv6: cidr }];
    }
  }
  return p;
}

function toInput(family: Family, g: Group): SgInput {
  if (g.missing) return { GroupId: g.id, missing: true };
  const sg: SecurityGroup = {
    GroupId: g.id,
    IpPermissions: g.ingress.map((r) => toPermission(family, r)),
    IpPermissionsEgress: g.egress.map((r) => toPermission(family, r)),
  };
  return sg;
}

type Scenario = {
  family: Family;
  groups: Group[];
  direction: 'ingress' | 'egress';
  peer: Block;
  peerSgs: string[];
  protocol: Protocol;
  ports: [number, number];
  plKnown: Block[];
};

/** The reference: enumerate every (address, port), then fold exactly as documented. */
function reference(s: Scenario) {
  const proto = (r: string) => ({ '6': 'tcp', '17': 'udp' })[r] ?? r;
  const ruleApplies = (r: Rule) =>
    r.protocol === '-1' || (s.protocol !== 'all' && proto(r.protocol) === s.protocol);
  const portIn = (r: Rule, p: number) =>
    r.protocol === '-1' || !r.ports || (r.ports[0] <= p && p <= r.ports[1]);
  const srcHas = (src: Source, a: number) =>
    src.kind === 'sg'
      ? s.peerSgs.includes(src.id)
      : src.kind === 'any'
        ? src.family === s.family
        : src.kind === 'block'
          ? inBlock(src.block, a)
          : src.id === 'pl-known' && s.plKnown.some((b) => inBlock(b, a));
  const rules = (g: Group) => (s.direction === 'ingress' ? g.ingress : g.egress);
  const status = (a: number, p: number) => {
    const live = s.groups.filter((g) => !g.missing);
    if (
      live.some((g) =>
        rules(g).some((r) => ruleApplies(r) && portIn(r, p) && r.sources.some((x) => srcHas(x, a))),
      )
    )
      return 'allow';
    const maybe =
      s.groups.some((g) => g.missing) ||
      live.some((g) =>
        rules(g).some(
          (r) =>
            ruleApplies(r) && portIn(r, p) && r.sources.some((x) => x.kind === 'pl' && x.id === 'pl-lost'),
        ),
      );
    return maybe ? 'unknown' : 'deny';
  };
  const addrs = Array.from({ length: 1 << s.peer.bits }, (_, i) => base(s.peer) + i);
  const perPort = new Map<number, string>();
  for (let p = s.ports[0]; p <= s.ports[1]; p++) {
    const seen = new Set(addrs.map((a) => status(a, p)));
    perPort.set(p, seen.size === 1 && !seen.has('unknown') ? [...seen][0]! : 'unknown');
  }
  const collect = (want: (v: string) => boolean) =>
    toRanges([...perPort].filter(([, v]) => want(v)).map(([p]) => p));
  const values = [...perPort.values()];
  const verdict = values.includes('deny') ? 'deny' : values.includes('unknown') ? 'unknown' : 'allow';
  return {
    verdict,
    uncoveredPorts: collect((v) => v !== 'allow'),
    unknownPorts: collect((v) => v === 'unknown'),
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

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  family: fc.constantFrom<Family>('ipv4', 'ipv4', 'ipv6'),
  groups: fc
    .tuple(groupArb('sg-x'), groupArb('sg-y'), groupArb('sg-z'))
    .chain((gs) => fc.subarray(gs, { minLength: 1 })),
  direction: fc.constantFrom('ingress' as const, 'egress' as const),
  peer: blockArb(6),
  peerSgs: fc.subarray(['sg-a', 'sg-b', 'sg-c']),
  protocol: fc.constantFrom<Protocol>('tcp', 'tcp', 'udp', 'all'),
  ports: fc
    .tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 0, max: 63 }))
    .map(([f, w]): [number, number] => [f, Math.min(64, f + w)]),
  plKnown: fc.array(blockArb(8), { maxLength: 3 }),
});

describe('evaluateSecurityGroups (property)', () => {
  it('agrees with a brute-force enumeration of addresses and ports', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const peer: Peer = { address: cidrOf(s.family, s.peer), securityGroupIds: s.peerSgs };
        const lists = (id: string) => (id === 'pl-known' ? s.plKnown.map((b) => cidrOf(s.family, b)) : null);
        const groups = s.groups.map((g) => toInput(s.family, g));
        const ports = { from: s.ports[0], to: s.ports[1] };
        const got = evaluateSecurityGroups(groups, s.direction, peer, s.protocol, ports, lists);
        const want = reference(s);
        expect({
          verdict: got.verdict,
          uncoveredPorts: got.uncoveredPorts,
          unknownPorts: got.unknownPorts,
        }).toEqual(want);
        if (got.verdict === 'allow') expect(got.allowedBy.length).toBeGreaterThan(0);
        if (got.verdict === 'unknown') expect(got.unknownReasons.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
