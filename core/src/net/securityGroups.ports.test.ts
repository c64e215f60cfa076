import type { IpPermission, SecurityGroup } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import { describePermission, evaluateSecurityGroups, openPortsFor, type Peer } from './securityGroups.ts';

const noLists = () => null;
const tcp = (from: number, to: number, src: Partial<IpPermission>): IpPermission => ({
  IpProtocol: 'tcp',
  FromPort: from,
  ToPort: to,
  ...src,
});

const ecsSg: SecurityGroup = {
  GroupId: 'sg-0ecs',
  GroupName: 'ecs-instances',
  IpPermissions: [tcp(8081, 8081, { UserIdGroupPairs: [{ GroupId: 'sg-0alb', UserId: '111122223333' }] })],
  IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
};
const albNode: Peer = { address: '10.0.1.17', securityGroupIds: ['sg-0alb'] };

describe('evaluateSecurityGroups: port ranges, unions and unknowns', () => {
  const twoGroups: SecurityGroup[] = [
    { GroupId: 'sg-a', IpPermissions: [tcp(32768, 50000, { IpRanges: [{ CidrIp: '10.0.0.0/16' }] })] },
    { GroupId: 'sg-b', IpPermissions: [tcp(50001, 60999, { IpRanges: [{ CidrIp: '10.0.1.0/24' }] })] },
  ];
  const peer: Peer = { address: '10.0.1.40', securityGroupIds: [] };

  it('unions the rules of every group on the ENI', () => {
    const d = evaluateSecurityGroups(twoGroups, 'ingress', peer, 'tcp', { from: 32768, to: 60999 }, noLists);
    expect(d.verdict).toBe('allow');
    expect(d.allowedBy.map((m) => [m.groupId, m.ports])).toEqual([
      ['sg-a', { from: 32768, to: 50000 }],
      ['sg-b', { from: 50001, to: 60999 }],
    ]);
  });

  it('lists the uncovered sub-ranges when a range is only partly open', () => {
    const d = evaluateSecurityGroups(twoGroups, 'ingress', peer, 'tcp', { from: 1024, to: 65535 }, noLists);
    expect(d.verdict).toBe('deny');
    expect(d.uncoveredPorts).toEqual([
      { from: 1024, to: 32767 },
      { from: 61000, to: 65535 },
    ]);
    expect(d.reason).toContain('allows tcp 1024-32767, 61000-65535 from 10.0.1.40');
    expect(d.reason).toContain('sg-a opens tcp 32768-50000 only; sg-b opens tcp 50001-60999 only');
  });

  it('is unknown when a CIDR covers only part of a peer range', () => {
    const range: Peer = { address: '10.0.0.0/15', securityGroupIds: [] };
    const d = evaluateSecurityGroups(twoGroups, 'ingress', range, 'tcp', { from: 40000, to: 40000 }, noLists);
    expect(d.verdict).toBe('unknown');
    expect(d.unknownPorts).toEqual([{ from: 40000, to: 40000 }]);
    expect(d.unknownReasons.join()).toContain('depends on which address in 10.0.0.0/15');
  });

  it('is allowed when several CIDRs together cover the peer range', () => {
    const halves: SecurityGroup = {
      GroupId: 'sg-h',
      IpPermissions: [tcp(80, 80, { IpRanges: [{ CidrIp: '10.0.1.0/25' }, { CidrIp: '10.0.1.128/25' }] })],
    };
    const range: Peer = { address: '10.0.1.0/24', securityGroupIds: [] };
    expect(
      evaluateSecurityGroups([halves], 'ingress', range, 'tcp', { from: 80, to: 80 }, noLists).verdict,
    ).toBe('allow');
  });

  it('is unknown when a referenced group is missing from the snapshot', () => {
    const groups = [ecsSg, { GroupId: 'sg-0gone', missing: true as const }];
    const d = evaluateSecurityGroups(groups, 'ingress', albNode, 'tcp', { from: 32768, to: 32768 }, noLists);
    expect(d.verdict).toBe('unknown');
    expect(d.unknownReasons).toEqual(['sg-0gone is not in the snapshot']);
    expect(d.reason).toMatch(
      /^cannot tell whether sg-0ecs \(ecs-instances\), sg-0gone ingress allows tcp 32768/,
    );
    // A missing group cannot make a port the known groups already allow unknown.
    const ok = evaluateSecurityGroups(groups, 'ingress', albNode, 'tcp', { from: 8081, to: 8081 }, noLists);
    expect(ok.verdict).toBe('allow');
  });

  it('resolves prefix lists, and is unknown when their entries are unknown', () => {
    const sg: SecurityGroup = {
      GroupId: 'sg-p',
      IpPermissions: [
        tcp(443, 443, { PrefixListIds: [{ PrefixListId: 'pl-known' }, { PrefixListId: 'pl-lost' }] }),
      ],
    };
    const lists = (id: string) => (id === 'pl-known' ? ['192.0.2.0/24', '198.51.100.0/24'] : null);
    const inList: Peer = { address: '198.51.100.7', securityGroupIds: [] };
    const other: Peer = { address: '203.0.113.7', securityGroupIds: [] };
    const a = evaluateSecurityGroups([sg], 'ingress', inList, 'tcp', { from: 443, to: 443 }, lists);
    expect(a.verdict).toBe('allow');
    expect(a.allowedBy[0]?.source).toBe('pl-known');
    const u = evaluateSecurityGroups([sg], 'ingress', other, 'tcp', { from: 443, to: 443 }, lists);
    expect(u.verdict).toBe('unknown');
    expect(u.unknownReasons[0]).toContain('entries of pl-lost are unknown');
    // The unknown list only opens 443: port 80 is definitely denied.
    expect(evaluateSecurityGroups([sg], 'ingress', other, 'tcp', { from: 80, to: 80 }, lists).verdict).toBe(
      'deny',
    );
  });

  it('reports deny when one port is definitely denied even if another is unknown', () => {
    const sg: SecurityGroup = {
      GroupId: 'sg-p',
      IpPermissions: [tcp(443, 443, { PrefixListIds: [{ PrefixListId: 'pl-lost' }] })],
    };
    const d = evaluateSecurityGroups([sg], 'ingress', albNode, 'tcp', { from: 442, to: 443 }, noLists);
    expect(d.verdict).toBe('deny');
    expect(d.uncoveredPorts).toEqual([{ from: 442, to: 443 }]);
    expect(d.unknownPorts).toEqual([{ from: 443, to: 443 }]);
  });

  it('evaluates egress towards the destination, SG references included', () => {
    const alb: SecurityGroup = {
      GroupId: 'sg-0alb',
      IpPermissionsEgress: [tcp(8081, 8081, { UserIdGroupPairs: [{ GroupId: 'sg-0ecs' }] })],
    };
    const target: Peer = { address: '10.0.2.10', securityGroupIds: ['sg-0ecs'] };
    expect(
      evaluateSecurityGroups([alb], 'egress', target, 'tcp', { from: 8081, to: 8081 }, noLists).verdict,
    ).toBe('allow');
    const d = evaluateSecurityGroups([alb], 'egress', target, 'tcp', { from: 8080, to: 8080 }, noLists);
    expect(d.reason).toBe(
      'no egress rule of sg-0alb allows tcp 8080 to 10.0.2.10 (sg-0ecs); sg-0alb opens tcp 8081 only',
    );
  });
});

describe('openPortsFor and describePermission', () => {
  it('lists every rule that applies to the peer, whatever its ports', () => {
    const sg: SecurityGroup = {
      GroupId: 'sg-x',
      IpPermissions: [
        tcp(22, 22, { IpRanges: [{ CidrIp: '192.0.2.0/24' }] }),
        tcp(80, 80, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
        { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    };
    const open = openPortsFor([sg], 'ingress', { address: '10.0.0.1', securityGroupIds: [] }, 'tcp', noLists);
    expect(open.map((m) => m.text)).toEqual(['sg-x ingress tcp 80 from 0.0.0.0/0']);
    expect(open[0]?.ports).toEqual({ from: 80, to: 80 });
  });

  it('describes one line per source', () => {
    const p: IpPermission = {
      IpProtocol: 'tcp',
      FromPort: 0,
      ToPort: 65535,
      IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      Ipv6Ranges: [{ CidrIpv6: '::/0' }],
      UserIdGroupPairs: [{ GroupId: 'sg-0alb' }],
    };
    expect(describePermission('sg-0ecs', 'ingress', p)).toEqual([
      'sg-0ecs ingress tcp 0-65535 from 0.0.0.0/0',
      'sg-0ecs ingress tcp 0-65535 from ::/0',
      'sg-0ecs ingress tcp 0-65535 from sg-0alb',
    ]);
    expect(
      describePermission('sg-1', 'egress', { IpProtocol: '-1', PrefixListIds: [{ PrefixListId: 'pl-123' }] }),
    ).toEqual(['sg-1 egress all traffic to pl-123']);
    expect(
      describePermission('sg-1', 'ingress', {
        IpProtocol: 'icmp',
        FromPort: 3,
        ToPort: 4,
        IpRanges: [{ CidrIp: '10.0.0.0/8' }],
      }),
    ).toEqual(['sg-1 ingress icmp type 3 code 4 from 10.0.0.0/8']);
  });
});
