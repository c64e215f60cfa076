// Rule ids are a public contract (CLI JSON, alerts, dashboards): never rename one, only add.
export const RULE_IDS = [
  // Core engine
  'sg-blocks-dynamic-ports',
  'sg-blocks-target-port',
  'alb-sg-egress-blocks-targets',
  'nacl-blocks-target-traffic',
  'nacl-blocks-return-traffic',
  'alb-sg-blocks-listener',
  'no-listener-on-port',
  'sg-reference-public-ip',
  // Generic blockers used by `reach` when no catalog id fits
  'sg-blocks-ingress',
  'sg-blocks-egress',
  'nacl-blocks',
  'no-route',
  // Catalog completion
  'target-az-not-enabled',
  'target-group-not-routed',
  'health-check-mismatch',
  'sg-blocks-health-check-port',
  'app-not-listening',
  'health-check-grace-too-short',
  'nacl-blocks-listener',
  'public-subnet-no-igw',
  'private-subnet-no-egress',
  'nat-instance-source-dest-check',
  'overly-open-dynamic-ports',
  'static-host-port-conflict',
  'peer-route-missing',
  // Data quality: a check that could not run because data is missing or stale
  'data-missing',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: string): value is RuleId {
  return (RULE_IDS as readonly string[]).includes(value);
}
