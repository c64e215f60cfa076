// Per-rule help for machine-readable outputs (SARIF rules, annotations): a one-line description and
// the AWS documentation page the rule follows. Catalog rules take their line from the registry.
import { RULE_IDS, type RuleId } from '@porthole/shared';
import { RULES } from '@porthole/core/rules/registry.js';

const AWS_DOCS = 'https://docs.aws.amazon.com';
const ALB_GUIDE = `${AWS_DOCS}/elasticloadbalancing/latest/application`;
const VPC_GUIDE = `${AWS_DOCS}/vpc/latest/userguide`;
const ECS_GUIDE = `${AWS_DOCS}/AmazonECS/latest/developerguide`;
const ECS_API = `${AWS_DOCS}/AmazonECS/latest/APIReference`;

/**
 * The first page named in each rule's `doc` line (README catalog), as a URL. `data-missing` has none:
 * its cause (a file not captured, a denied or failed call) is named in the finding itself.
 */
const HELP_URI: Record<RuleId, string | null> = {
  'target-group-not-routed': `${ALB_GUIDE}/listener-update-rules.html`,
  'target-az-not-enabled': `${ALB_GUIDE}/load-balancer-subnets.html`,
  'sg-blocks-dynamic-ports': `${ECS_GUIDE}/alb.html`,
  'sg-blocks-target-port': `${ALB_GUIDE}/load-balancer-update-security-groups.html`,
  'sg-blocks-health-check-port': `${ALB_GUIDE}/load-balancer-update-security-groups.html`,
  'alb-sg-egress-blocks-targets': `${ALB_GUIDE}/load-balancer-update-security-groups.html`,
  'nacl-blocks-target-traffic': `${VPC_GUIDE}/vpc-network-acls.html`,
  'nacl-blocks-return-traffic': `${VPC_GUIDE}/vpc-network-acls.html`,
  'health-check-mismatch': `${ALB_GUIDE}/target-group-health-checks.html`,
  'alb-sg-blocks-listener': `${ALB_GUIDE}/load-balancer-update-security-groups.html`,
  'nacl-blocks-listener': `${VPC_GUIDE}/vpc-network-acls.html`,
  'public-subnet-no-igw': `${VPC_GUIDE}/VPC_Route_Tables.html`,
  'sg-reference-public-ip': `${VPC_GUIDE}/security-group-rules.html`,
  'no-listener-on-port': `${ALB_GUIDE}/load-balancer-listeners.html`,
  'nat-instance-source-dest-check': `${VPC_GUIDE}/VPC_NAT_Instance.html`,
  'private-subnet-no-egress': `${VPC_GUIDE}/vpc-nat-gateway.html`,
  'health-check-grace-too-short': `${ECS_API}/API_CreateService.html`,
  'static-host-port-conflict': `${ECS_API}/API_PortMapping.html`,
  'overly-open-dynamic-ports': `${ECS_GUIDE}/alb.html`,
  'app-not-listening': `${ALB_GUIDE}/load-balancer-troubleshooting.html`,
  'sg-blocks-ingress': `${VPC_GUIDE}/security-group-rules.html`,
  'sg-blocks-egress': `${VPC_GUIDE}/security-group-rules.html`,
  'nacl-blocks': `${VPC_GUIDE}/vpc-network-acls.html`,
  'no-route': `${VPC_GUIDE}/VPC_Route_Tables.html`,
  'peer-route-missing': `${AWS_DOCS}/vpc/latest/peering/vpc-peering-routing.html`,
  'data-missing': null,
};

/** Ids outside the catalog: the generic blockers `reach` reports and the data-quality finding. */
const NON_CATALOG_SUMMARY: Partial<Record<RuleId, string>> = {
  'sg-blocks-ingress': 'No inbound security-group rule of the destination admits the traffic',
  'sg-blocks-egress': 'No outbound security-group rule of the source admits the traffic',
  'nacl-blocks': 'A subnet network ACL entry denies the traffic in one direction',
  'no-route': 'The route table has no route (or a blackhole route) to the destination',
  'data-missing':
    'A check could not run: the AWS data it needs is missing, denied or stale, so the answer is unknown',
};

export interface RuleHelp {
  id: RuleId;
  summary: string;
  /** AWS documentation followed, in words (the README catalog's third column). */
  doc: string | null;
  helpUri: string | null;
}

export function ruleHelp(id: RuleId): RuleHelp {
  const rule = RULES.find((r) => r.id === id);
  return {
    id,
    summary: rule?.summary ?? NON_CATALOG_SUMMARY[id] ?? id,
    doc: rule?.doc ?? null,
    helpUri: HELP_URI[id],
  };
}

/** Every public rule id, in the shared contract's order (SARIF rule indices follow it). */
export function allRuleHelp(): RuleHelp[] {
  return RULE_IDS.map(ruleHelp);
}
