// lookupRoute against a brute-force reference: every route (and every prefix-list entry) that contains the
// destination is a candidate; the longest prefix wins, then static < prefix list < propagated, then order.
import type { Route, RouteTable } from '@porthole/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupRoute } from './routes.ts';

type Block = { offset: number; bits: number };
type Spec = {
  dest: { kind: 'cidr'; block: Block } | { kind: 'default' } | { kind: 'pl'; id: 'pl-known' | 'pl-lost' };
  propagated: boolean;
  blackhole: boolean;
};

const base = (b: Block) => b.offset & ~((1 << b.bits) - 1);
const inBlock = (b: Block, a: number) => a >= base(b) && a < base(b) + (1 << b.bits);
const cidrOf = (b: Block) => `10.0.0.${base(b)}/${32 - b.bits}`;

const blockArb = fc.record({
  offset: fc.integer({ min: 0, max: 255 }),
  bits: fc.integer({ min: 0, max: 8 }),
});
const specArb: fc.Arbitrary<Spec> = fc.record({
  dest: fc.oneof(
    { weight: 5, arbitrary: blockArb.map((block) => ({ kind: 'cidr' as const, block })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'default' as const }) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('pl-known' as const, 'pl-lost' as const)
        .map((id) => ({ kind: 'pl' as const, id })),
    },
  ),
  propagated: fc.boolean(),
  blackhole: fc.boolean(),
});
const scenarioArb = fc.record({
  specs: fc.array(specArb, { maxLength: 10 }),
  plKnown: fc.array(blockArb, { maxLength: 4 }),
  destination: fc.integer({ min: 0, max: 255 }),
});

function toRoute(s: Spec, i: number): Route {
  const r: Route = {
    TransitGatewayId: `tgw-${i}`,
    State: s.blackhole ? 'blackhole' : 'active',
    Origin: s.propagated ? 'EnableVgwRoutePropagation' : 'CreateRoute',
  };
  if (s.dest.kind === 'cidr') r.DestinationCidrBlock = cidrOf(s.dest.block);
  else if (s.dest.kind === 'default') r.DestinationCidrBlock = '0.0.0.0/0';
  else r.DestinationPrefixListId = s.dest.id;
  return r;
}

describe('lookupRoute (property)', () => {
  it('agrees with a brute-force longest-prefix match', () => {
    fc.assert(
      fc.property(scenarioArb, ({ specs, plKnown, destination }) => {
        const routes = specs.map(toRoute);
        const table: RouteTable = { RouteTableId: 'rtb-p', Routes: routes };
        const lists = (id: string) => (id === 'pl-known' ? plKnown.map(cidrOf) : null);
        let best: { i: number; prefix: number; rank: number } | null = null;
        specs.forEach((s, i) => {
          const prefixes =
            s.dest.kind === 'default'
              ? [0]
              : s.dest.kind === 'cidr'
                ? inBlock(s.dest.block, destination)
                  ? [32 - s.dest.block.bits]
                  : []
                : s.dest.id === 'pl-known'
                  ? plKnown.filter((b) => inBlock(b, destination)).map((b) => 32 - b.bits)
                  : [];
          const rank = s.propagated ? 2 : s.dest.kind === 'pl' ? 1 : 0;
          for (const prefix of prefixes) {
            if (!best || prefix > best.prefix || (prefix === best.prefix && rank < best.rank))
              best = { i, prefix, rank };
          }
        });
        const got = lookupRoute(table, `10.0.0.${destination}`, lists);
        const winner = best as { i: number } | null;
        expect(got.route).toBe(winner ? routes[winner.i] : null);
        expect(got.blackhole).toBe(winner ? specs[winner.i]!.blackhole : false);
        expect(got.target).toEqual(winner ? { kind: 'transit-gateway', id: `tgw-${winner.i}` } : null);
        expect(got.skippedPrefixLists.length).toBe(
          specs.filter((s) => s.dest.kind === 'pl' && s.dest.id === 'pl-lost').length,
        );
      }),
      { numRuns: 200 },
    );
  });
});
