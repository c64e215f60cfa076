// NACLs are stateless: the ALB's reply to a client leaves the node's subnet towards the client's ephemeral
// port, which depends on the client's OS (VPC guide, "Network ACLs" → "Ephemeral ports"). Unless the caller
// names its range (--client-ports), a NACL admitting only part of 1024–65535 is unknown, never "blocked".
import { describe, expect, it } from 'vitest';
import type { PathResult } from '@porthole/shared';
import { find, healthy, ids, modelOf, type Json } from '../../test-kit/ruleTestKit.ts';
import { explainUrl } from './explain.ts';
import { reachPath } from './reach.ts';

const web = ids.loadBalancers.web;

/** The healthy estate, its default NACL (the ALB subnets' too) dropping outbound 1024–32767. */
function lowPortsDropped() {
  const docs = healthy();
  const acl = find(docs, 'NetworkAcls', (a) => a.NetworkAclId === ids.nacls.default);
  (acl.Entries as Json[]).unshift({
    RuleNumber: 40,
    Protocol: '6',
    RuleAction: 'deny',
    Egress: true,
    CidrBlock: '0.0.0.0/0',
    PortRange: { From: 1024, To: 32767 },
  });
  return modelOf(docs);
}

const replyToClient = (r: PathResult) =>
  r.hops.filter((h) => h.leg === 'reply' && h.direction === 'outbound' && h.component === ids.nacls.default);

describe('explain: the reply to the client through a stateless NACL', () => {
  const model = lowPortsDropped();
  const url = `http://${web.dnsName}/`;

  it('unknown client ports: the partly open reply leg is unknown and the answer says what it assumed', () => {
    const r = explainUrl(model, url, 'internet');
    expect(replyToClient(r).map((h) => h.verdict)).toEqual(['unknown']);
    expect(r.reachable).toBe(false);
    expect(r.verdict).toBe('unknown');
    expect(r.assumptions?.join(' ')).toMatch(/client ephemeral ports unknown/);
  });

  it('Linux client ports (32768–60999) pass; ports inside the dropped range are blocked', () => {
    const linux = explainUrl(model, url, 'internet', { clientPorts: { from: 32768, to: 60999 } });
    expect(replyToClient(linux).map((h) => h.verdict)).toEqual(['allow']);
    expect(linux.assumptions?.join(' ')).toMatch(/32768-60999 \(as given by --client-ports\)/);
    const low = explainUrl(model, url, 'internet', { clientPorts: { from: 1024, to: 5000 } });
    expect(replyToClient(low).map((h) => h.verdict)).toEqual(['deny']);
    expect(low.verdict).toBe('blocked');
  });

  it('reach --to the ALB takes the same range', () => {
    const q = { from: 'internet', to: web.name, port: 80, protocol: 'tcp' as const };
    expect(replyToClient(reachPath(model, q)).map((h) => h.verdict)).toEqual(['unknown']);
    const given = reachPath(model, { ...q, clientPorts: { from: 49152, to: 65535 } });
    expect(replyToClient(given).map((h) => h.verdict)).toEqual(['allow']);
  });
});
