// Reply-leg NACL verdicts against a per-port first-match reference (VPC guide, "Network ACLs": ascending rule
// number, first match decides, nothing matched = deny). With the client's range unknown (1024–65535 assumed),
// a NACL dropping only some of it is unknown; with the range given, any dropped port in it is a block.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkAclEntry } from '@porthole/shared';
import { buildModel } from '../../model/build.ts';
import { ANY_CLIENT_PORTS, clientPorts, clientReplyHop } from './clientPorts.ts';
import { networkAclHop } from './hops.ts';

const SCOPE = { account: '123456789012', region: 'eu-west-1' };
const CLIENT = '203.0.113.7';

const entryArb = fc
  .record({
    from: fc.integer({ min: 0, max: 65535 }),
    span: fc.integer({ min: 0, max: 40000 }),
    allow: fc.boolean(),
    rule: fc.integer({ min: 1, max: 32766 }),
  })
  .map((e): NetworkAclEntry => ({
    CidrBlock: '0.0.0.0/0',
    Egress: false,
    Protocol: '6',
    PortRange: { From: e.from, To: Math.min(65535, e.from + e.span) },
    RuleAction: e.allow ? 'allow' : 'deny',
    RuleNumber: e.rule,
  }));
const entriesArb = fc.uniqueArray(entryArb, { maxLength: 5, selector: (e) => e.RuleNumber });

/** Reference: is this port's reply admitted? */
function admitted(entries: NetworkAclEntry[], port: number): boolean {
  const sorted = [...entries].sort((a, b) => a.RuleNumber - b.RuleNumber);
  const hit = sorted.find((e) => e.PortRange!.From <= port && port <= e.PortRange!.To);
  return hit?.RuleAction === 'allow';
}

function replyHop(entries: NetworkAclEntry[], range: { from: number; to: number }) {
  const model = buildModel({
    warnings: [],
    partitions: [
      {
        ...SCOPE,
        data: {
          NetworkAcls: [
            {
              NetworkAclId: 'acl-0a1b2c3d4e5f60001',
              VpcId: 'vpc-0a1b2c3d4e5f60001',
              IsDefault: false,
              Entries: entries,
              Associations: [{ SubnetId: 'subnet-0a1b2c3d4e5f60001', NetworkAclId: 'acl-0a1b2c3d4e5f60001' }],
            },
          ],
        },
      },
    ],
  });
  return networkAclHop(model, {
    scope: SCOPE,
    subnetId: 'subnet-0a1b2c3d4e5f60001',
    direction: 'inbound',
    remote: CLIENT,
    protocol: 'tcp',
    ports: range,
    leg: 'reply',
  });
}

function droppedIn(entries: NetworkAclEntry[], from: number, to: number): number {
  let n = 0;
  for (let p = from; p <= to; p++) if (!admitted(entries, p)) n++;
  return n;
}

describe('client reply ports (property)', () => {
  it('unknown client: allow when nothing drops, deny when all drops, unknown in between', () => {
    fc.assert(
      fc.property(entriesArb, (entries) => {
        const client = clientPorts(null);
        const hop = clientReplyHop(replyHop(entries, client.range), client);
        const dropped = droppedIn(entries, ANY_CLIENT_PORTS.from, ANY_CLIENT_PORTS.to);
        const total = ANY_CLIENT_PORTS.to - ANY_CLIENT_PORTS.from + 1;
        const expected = dropped === 0 ? 'allow' : dropped === total ? 'deny' : 'unknown';
        expect(hop.verdict).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('given client range: deny exactly when some port of it is dropped', () => {
    fc.assert(
      fc.property(
        entriesArb,
        fc.integer({ min: 1024, max: 65535 }),
        fc.integer({ min: 0, max: 30000 }),
        (entries, from, span) => {
          const range = { from, to: Math.min(65535, from + span) };
          const client = clientPorts(range);
          const hop = clientReplyHop(replyHop(entries, client.range), client);
          expect(hop.verdict).toBe(droppedIn(entries, range.from, range.to) > 0 ? 'deny' : 'allow');
        },
      ),
      { numRuns: 60 },
    );
  });
});
