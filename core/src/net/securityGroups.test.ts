import type { IpPermission, SecurityGroup } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import { evaluateSecurityGroups, type Peer } from './securityGroups.ts';

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

describe('evaluateSecurityGroups: sources', () => {
  it('matches an SG reference when the peer ENI carries that SG on its private IP', () => {
    const d = evaluateSecurityGroups([ecsSg], 'ingress', albNode, 'tcp', { from: 8081, to: 8081 }, noLists);
    expect(d.verdict).toBe('allow');
    expect(d.allowedBy).toEqual([
      expect.objectContaining({
        groupId: 'sg-0ecs',
        source: 'sg-0alb',
        text: 'sg-0ecs ingress tcp 8081 from sg-0alb',
      }),
    ]);
    expect(d.uncoveredPorts).toEqual([]);
    expect(d.reason).toContain('sg-0ecs (ecs-instances) ingress allows tcp 8081 from 10.0.1.17');
  });

  it('does not match an SG reference for traffic from a public/Elastic IP (peer SGs = [])', () => {
    const peer: Peer = { address: '54.10.1.17', securityGroupIds: [] };
    const d = evaluateSecurityGroups([ecsSg], 'ingress', peer, 'tcp', { from: 8081, to: 8081 }, noLists);
    expect(d.verdict).toBe('deny');
    expect(d.allowedBy).toEqual([]);
    expect(d.reason).toContain('no ingress rule applies to 54.10.1.17 at all');
  });

  it('explains a dynamic-port range that the SG does not open', () => {
    const peer: Peer = { address: '10.0.1.0/24', securityGroupIds: ['sg-0alb'] };
    const d = evaluateSecurityGroups([ecsSg], 'ingress', peer, 'tcp', { from: 32768, to: 32768 }, noLists);
    expect(d.verdict).toBe('deny');
    expect(d.uncoveredPorts).toEqual([{ from: 32768, to: 32768 }]);
    expect(d.reason).toBe(
      'no ingress rule of sg-0ecs (ecs-instances) allows tcp 32768 from 10.0.1.0/24 (sg-0alb); sg-0ecs opens tcp 8081 only',
    );
  });

  it('treats "-1" as every protocol and port, and "all" traffic needs it', () => {
    const peer: Peer = { address: '52.94.1.1', securityGroupIds: [] };
    for (const protocol of ['tcp', 'udp', 'icmp', 'all'] as const) {
      const d = evaluateSecurityGroups([ecsSg], 'egress', peer, protocol, { from: 0, to: 65535 }, noLists);
      expect(d.verdict).toBe('allow');
      expect(d.allowedBy[0]?.text).toBe('sg-0ecs egress all traffic to 0.0.0.0/0');
    }
    const tcpOnly: SecurityGroup = {
      GroupId: 'sg-t',
      IpPermissionsEgress: [tcp(0, 65535, { IpRanges: [{ CidrIp: '0.0.0.0/0' }] })],
    };
    expect(
      evaluateSecurityGroups([tcpOnly], 'egress', peer, 'all', { from: 0, to: 65535 }, noLists).verdict,
    ).toBe('deny');
    expect(
      evaluateSecurityGroups([tcpOnly], 'egress', peer, 'udp', { from: 53, to: 53 }, noLists).verdict,
    ).toBe('deny');
  });

  it('accepts protocol numbers and FromPort -1 as all ports', () => {
    const sg: SecurityGroup = {
      GroupId: 'sg-n',
      IpPermissions: [{ IpProtocol: '6', FromPort: -1, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }],
    };
    const peer: Peer = { address: '10.9.9.9', securityGroupIds: [] };
    expect(
      evaluateSecurityGroups([sg], 'ingress', peer, 'tcp', { from: 1, to: 65535 }, noLists).verdict,
    ).toBe('allow');
    expect(evaluateSecurityGroups([sg], 'ingress', peer, 'udp', { from: 1, to: 1 }, noLists).verdict).toBe(
      'deny',
    );
  });

  it('matches IPv6 ranges only for IPv6 peers', () => {
    const sg: SecurityGroup = {
      GroupId: 'sg-6',
      IpPermissions: [
        tcp(443, 443, { IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '2001:db8::/32' }] }),
      ],
    };
    const in6: Peer = { address: '2001:db8:1::5', securityGroupIds: [] };
    const out6: Peer = { address: '2001:db9::5', securityGroupIds: [] };
    const d6 = evaluateSecurityGroups([sg], 'ingress', in6, 'tcp', { from: 443, to: 443 }, noLists);
    expect(d6.verdict).toBe('allow');
    expect(d6.allowedBy.map((m) => m.source)).toEqual(['2001:db8::/32']);
    expect(
      evaluateSecurityGroups([sg], 'ingress', out6, 'tcp', { from: 443, to: 443 }, noLists).verdict,
    ).toBe('deny');
  });

  it('matches ICMPv6 rules for IPv6 peers and ICMP for IPv4 peers', () => {
    const sg: SecurityGroup = {
      GroupId: 'sg-i',
      IpPermissions: [
        { IpProtocol: 'icmpv6', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        { IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    };
    const v6: Peer = { address: '2001:db8::1', securityGroupIds: [] };
    const v4: Peer = { address: '10.0.0.1', securityGroupIds: [] };
    expect(evaluateSecurityGroups([sg], 'ingress', v6, 'icmp', { from: 0, to: 255 }, noLists).verdict).toBe(
      'allow',
    );
    expect(evaluateSecurityGroups([sg], 'ingress', v4, 'icmp', { from: 8, to: 8 }, noLists).verdict).toBe(
      'allow',
    );
    expect(evaluateSecurityGroups([sg], 'ingress', v4, 'icmp', { from: 3, to: 3 }, noLists).verdict).toBe(
      'deny',
    );
  });
});
