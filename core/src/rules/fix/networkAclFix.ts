// AWS CLI and Terraform snippets for network ACL entries (EC2 CreateNetworkAclEntry/ReplaceNetworkAclEntry).
import type { Fix, NetworkAcl, NetworkAclEntry, SnapshotScope } from '@porthole/shared';
import { regionFlag } from '../support/finding.ts';

export interface NaclAllow {
  acl: NetworkAcl;
  egress: boolean;
  from: number;
  to: number;
  cidr: string;
  /** The deny entry that decided, when one did (replace it); null = the default `*` rule (add an entry). */
  denyingEntry: NetworkAclEntry | null;
}

/** A free rule number: replace the denying entry, else just below the lowest entry that is not the default. */
export function ruleNumberFor(change: NaclAllow): number {
  if (change.denyingEntry && change.denyingEntry.RuleNumber !== 32767) return change.denyingEntry.RuleNumber;
  const used = new Set(change.acl.Entries.filter((e) => e.Egress === change.egress).map((e) => e.RuleNumber));
  for (let n = 100; n < 32767; n += 10) if (!used.has(n)) return n;
  for (let n = 1; n < 32767; n++) if (!used.has(n)) return n;
  return 32766;
}

export function networkAclFix(summary: string, change: NaclAllow, scope: SnapshotScope): Fix {
  const replace = change.denyingEntry !== null && change.denyingEntry.RuleNumber !== 32767;
  const number = ruleNumberFor(change);
  const verb = replace ? 'replace-network-acl-entry' : 'create-network-acl-entry';
  const awsCli = [
    `aws ec2 ${verb} --network-acl-id ${change.acl.NetworkAclId}${regionFlag(scope)} --rule-number ${number} ` +
      `${change.egress ? '--egress' : '--ingress'} --protocol tcp --port-range From=${change.from},To=${change.to} ` +
      `--cidr-block ${change.cidr} --rule-action allow`,
  ];
  const terraform = [
    `resource "aws_network_acl_rule" "${change.egress ? 'egress' : 'ingress'}_${number}" {`,
    `  network_acl_id = "${change.acl.NetworkAclId}"`,
    `  rule_number    = ${number}`,
    `  egress         = ${change.egress}`,
    `  protocol       = "tcp"`,
    `  rule_action    = "allow"`,
    `  cidr_block     = "${change.cidr}"`,
    `  from_port      = ${change.from}`,
    `  to_port        = ${change.to}`,
    `}`,
  ].join('\n');
  return { summary, awsCli, terraform };
}
