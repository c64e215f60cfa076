import type { NetworkAcl, NetworkAclEntry } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import { describeNaclEntry, evaluateNetworkAcl } from './networkAcls.ts';

type E = Partial<NetworkAclEntry> & Pick<NetworkAclEntry, 'RuleNumber' | 'RuleAction'>;
const entry = (e: E): NetworkAclEntry => ({ Protocol: '-1', Egress: false, CidrBlock: '0.0.0.0/0', ...e });
const star = (egress: boolean): NetworkAclEntry =>
  entry({ RuleNumber: 32767, RuleAction: 'deny', Egress: egress });
const acl = (entries: NetworkAclEntry[]): NetworkAcl => ({ NetworkAclId: 'acl-0abc', Entries: entries });
const tcpEntry = (n: number, action: 'allow' | 'deny', from: number, to: number, more: Partial<E> = {}) =>
  entry({ RuleNumber: n, RuleAction: action, Protocol: '6', PortRange: { From: from, To: to }, ...more });

describe('evaluateNetworkAcl', () => {
  it('lets the first matching entry win, an earlier deny beating a later allow', () => {
    const a = acl([tcpEntry(200, 'allow', 0, 65535), tcpEntry(100, 'deny', 8080, 8080), star(false)]);
    const d = evaluateNetworkAcl(a, 'inbound', '10.0.1.5', 'tcp', { from: 8080, to: 8080 });
    expect(d.verdict).toBe('deny');
    expect(d.decidingEntries.map((e) => e.RuleNumber)).toEqual([100]);
    expect(d.deniedPorts).toEqual([{ from: 8080, to: 8080 }]);
    expect(d.reason).toContain('acl-0abc #100 inbound deny tcp 8080 from 0.0.0.0/0');
    const ok = evaluateNetworkAcl(a, 'inbound', '10.0.1.5', 'tcp', { from: 8081, to: 8081 });
    expect(ok.verdict).toBe('allow');
    expect(ok.decidingEntries.map((e) => e.RuleNumber)).toEqual([200]);
  });

  it('denies by default when nothing matches, with or without the * entry', () => {
    const withStar = evaluateNetworkAcl(
      acl([tcpEntry(100, 'allow', 443, 443), star(false)]),
      'inbound',
      '10.0.0.1',
      'tcp',
      {
        from: 80,
        to: 80,
      },
    );
    expect(withStar.verdict).toBe('deny');
    expect(withStar.decidingEntries.map((e) => e.RuleNumber)).toEqual([32767]);
    expect(withStar.reason).toContain('#* inbound deny all from 0.0.0.0/0');
    const bare = evaluateNetworkAcl(acl([tcpEntry(100, 'allow', 443, 443)]), 'inbound', '10.0.0.1', 'tcp', {
      from: 80,
      to: 80,
    });
    expect(bare.verdict).toBe('deny');
    expect(bare.decidingEntries).toEqual([]);
    expect(bare.portDecisions[0]).toMatchObject({ verdict: 'deny', entry: null, defaultDeny: true });
    expect(bare.reason).toContain('no entry matches');
  });

  it('only uses entries of the asked direction', () => {
    const a = acl([tcpEntry(100, 'allow', 0, 65535, { Egress: true }), star(false), star(true)]);
    expect(evaluateNetworkAcl(a, 'outbound', '10.0.0.1', 'tcp', { from: 80, to: 80 }).verdict).toBe('allow');
    expect(evaluateNetworkAcl(a, 'inbound', '10.0.0.1', 'tcp', { from: 80, to: 80 }).verdict).toBe('deny');
  });

  it('lists the denied sub-ranges of a partly denied reply range', () => {
    const a = acl([
      tcpEntry(90, 'deny', 32768, 40000, { Egress: true }),
      tcpEntry(100, 'allow', 1024, 65535, { Egress: true }),
      star(true),
    ]);
    const d = evaluateNetworkAcl(a, 'outbound', '10.0.0.0/24', 'tcp', { from: 1024, to: 65535 });
    expect(d.verdict).toBe('deny');
    expect(d.deniedPorts).toEqual([{ from: 32768, to: 40000 }]);
    expect(d.portDecisions.map((p) => [p.ports, p.verdict, p.entry?.RuleNumber])).toEqual([
      [{ from: 1024, to: 32767 }, 'allow', 100],
      [{ from: 32768, to: 40000 }, 'deny', 90],
      [{ from: 40001, to: 65535 }, 'allow', 100],
    ]);
    expect(d.decidingEntries.map((e) => e.RuleNumber)).toEqual([90, 100]);
  });

  it('is unknown when the outcome depends on which address of a remote CIDR', () => {
    const a = acl([tcpEntry(100, 'allow', 80, 80, { CidrBlock: '10.0.1.0/25' }), star(false)]);
    const d = evaluateNetworkAcl(a, 'inbound', '10.0.1.0/24', 'tcp', { from: 80, to: 80 });
    expect(d.verdict).toBe('unknown');
    expect(d.unknownPorts).toEqual([{ from: 80, to: 80 }]);
    expect(d.reason).toContain('depends on which address in 10.0.1.0/24');
  });

  it('gives the common outcome when every address of a remote CIDR gets the same one', () => {
    const a = acl([
      tcpEntry(100, 'allow', 80, 80, { CidrBlock: '10.0.1.0/25' }),
      tcpEntry(110, 'allow', 80, 80, { CidrBlock: '10.0.1.128/25' }),
      star(false),
    ]);
    const d = evaluateNetworkAcl(a, 'inbound', '10.0.1.0/24', 'tcp', { from: 80, to: 80 });
    expect(d.verdict).toBe('allow');
    expect(d.portDecisions[0]?.entry).toBeNull();
    expect(d.portDecisions[0]?.entries.map((e) => e.RuleNumber)).toEqual([100, 110]);
  });

  it('uses Ipv6CidrBlock entries for IPv6 remotes', () => {
    const a = acl([
      tcpEntry(100, 'allow', 443, 443),
      entry({
        RuleNumber: 101,
        RuleAction: 'allow',
        Protocol: '6',
        PortRange: { From: 443, To: 443 },
        CidrBlock: null,
        Ipv6CidrBlock: '::/0',
      }),
      star(false),
    ]);
    expect(
      evaluateNetworkAcl(a, 'inbound', '2001:db8::1', 'tcp', { from: 443, to: 443 }).decidingEntries[0]
        ?.RuleNumber,
    ).toBe(101);
    const noV6 = acl([tcpEntry(100, 'allow', 443, 443), star(false)]);
    expect(evaluateNetworkAcl(noV6, 'inbound', '2001:db8::1', 'tcp', { from: 443, to: 443 }).verdict).toBe(
      'deny',
    );
  });

  it('matches protocols: -1 for all, 17 udp only, PortRange ignored for all-protocol entries', () => {
    const a = acl([
      entry({ RuleNumber: 100, RuleAction: 'allow', Protocol: '17', PortRange: { From: 53, To: 53 } }),
      entry({ RuleNumber: 200, RuleAction: 'deny', Protocol: '-1', PortRange: { From: 1, To: 1 } }),
    ]);
    expect(evaluateNetworkAcl(a, 'inbound', '10.0.0.1', 'udp', { from: 53, to: 53 }).verdict).toBe('allow');
    const t = evaluateNetworkAcl(a, 'inbound', '10.0.0.1', 'tcp', { from: 53, to: 53 });
    expect(t.verdict).toBe('deny');
    expect(t.decidingEntries.map((e) => e.RuleNumber)).toEqual([200]);
  });

  it('evaluates ICMP by type and "all" traffic per protocol', () => {
    const a = acl([
      entry({ RuleNumber: 100, RuleAction: 'allow', Protocol: '1', IcmpTypeCode: { Type: 8, Code: -1 } }),
      tcpEntry(110, 'allow', 0, 65535),
      entry({ RuleNumber: 120, RuleAction: 'allow', Protocol: '17', PortRange: { From: 0, To: 65535 } }),
      star(false),
    ]);
    expect(evaluateNetworkAcl(a, 'inbound', '10.0.0.1', 'icmp', { from: 8, to: 8 }).verdict).toBe('allow');
    expect(evaluateNetworkAcl(a, 'inbound', '10.0.0.1', 'icmp', { from: 0, to: 0 }).verdict).toBe('deny');
    const all = evaluateNetworkAcl(a, 'inbound', '10.0.0.1', 'all', { from: 0, to: 65535 });
    expect(all.verdict).toBe('deny');
    expect(all.portDecisions.filter((p) => p.verdict === 'deny').map((p) => p.protocol)).toEqual([
      'icmp',
      'icmp',
      'all',
    ]);
    const open = acl([entry({ RuleNumber: 100, RuleAction: 'allow' }), star(false)]);
    expect(evaluateNetworkAcl(open, 'inbound', '10.0.0.1', 'all', { from: 0, to: 65535 }).verdict).toBe(
      'allow',
    );
  });
});

describe('describeNaclEntry', () => {
  it('prints entries as the console would read them', () => {
    expect(describeNaclEntry(tcpEntry(100, 'allow', 1024, 65535), 'acl-0abc')).toBe(
      'acl-0abc #100 inbound allow tcp 1024-65535 from 0.0.0.0/0',
    );
    expect(describeNaclEntry(star(true))).toBe('#* outbound deny all to 0.0.0.0/0');
    expect(
      describeNaclEntry(
        entry({ RuleNumber: 5, RuleAction: 'allow', Protocol: '58', CidrBlock: null, Ipv6CidrBlock: '::/0' }),
      ),
    ).toBe('#5 inbound allow icmpv6 all from ::/0');
    expect(describeNaclEntry(entry({ RuleNumber: 7, RuleAction: 'deny', Protocol: '47' }))).toBe(
      '#7 inbound deny protocol 47 from 0.0.0.0/0',
    );
  });
});
