// AWS CLI and Terraform snippets for security-group changes (EC2 AuthorizeSecurityGroupIngress/Egress).
import type { Fix, SnapshotScope } from '@porthole/shared';
import { regionFlag } from '../support/finding.ts';

export interface SgRuleChange {
  groupId: string;
  direction: 'ingress' | 'egress';
  protocol: 'tcp' | 'udp';
  from: number;
  to: number;
  /** Source (ingress) or destination (egress): another SG or a CIDR. */
  peer: { groupId: string } | { cidr: string };
  description: string;
}

/** How a summary names the peer, so text and command state the same source. */
export function peerText(peer: SgRuleChange['peer']): string {
  return 'groupId' in peer ? `security group ${peer.groupId}` : peer.cidr;
}

export function securityGroupFix(summary: string, change: SgRuleChange, scope: SnapshotScope): Fix {
  const peerCli =
    'groupId' in change.peer
      ? `UserIdGroupPairs=[{GroupId=${change.peer.groupId},Description="${change.description}"}]`
      : `IpRanges=[{CidrIp=${change.peer.cidr},Description="${change.description}"}]`;
  const verb =
    change.direction === 'ingress' ? 'authorize-security-group-ingress' : 'authorize-security-group-egress';
  const awsCli = [
    `aws ec2 ${verb} --group-id ${change.groupId}${regionFlag(scope)} --ip-permissions ` +
      `'IpProtocol=${change.protocol},FromPort=${change.from},ToPort=${change.to},${peerCli}'`,
  ];
  const resource =
    change.direction === 'ingress'
      ? 'aws_vpc_security_group_ingress_rule'
      : 'aws_vpc_security_group_egress_rule';
  const peerTf =
    'groupId' in change.peer
      ? `referenced_security_group_id = "${change.peer.groupId}"`
      : `cidr_ipv4                    = "${change.peer.cidr}"`;
  const name = `${change.direction}_${change.protocol}_${change.from}_${change.to}`.replace(
    /[^a-z0-9_]/g,
    '_',
  );
  const terraform = [
    `resource "${resource}" "${name}" {`,
    `  security_group_id            = "${change.groupId}"`,
    `  ${peerTf}`,
    `  ip_protocol                  = "${change.protocol}"`,
    `  from_port                    = ${change.from}`,
    `  to_port                      = ${change.to}`,
    `  description                  = "${change.description}"`,
    `}`,
  ].join('\n');
  return { summary, awsCli, terraform };
}
