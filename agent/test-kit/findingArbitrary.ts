// fast-check arbitraries for findings and scan results as the shared contract allows them (tests only).
import fc from 'fast-check';
import { RULE_IDS, type Finding, type ScanResult } from '@porthole/shared';

/** Text that exercises escaping: %, CR, LF, ':' and ',' as well as unicode. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('%', '\r', '\n', ':', ',', '::', '%25', ' ', 'é', '→'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 17 });

const resource = fc.oneof(
  hex.map((h) => `sg-${h}`),
  hex.map((h) => `i-${h}`),
  fc.ipV4(),
  fc.constant(
    'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web-alb/133ce5d6cc7b7b19',
  ),
  fc.constant('arn:aws:ecs:eu-west-1:111122223333:service/prod/web'),
  nasty,
);

export const findingArb: fc.Arbitrary<Finding> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 30 }),
  rule: fc.constantFrom(...RULE_IDS),
  severity: fc.constantFrom('critical', 'warning', 'info'),
  title: nasty,
  explanation: nasty,
  resources: fc.array(resource, { maxLength: 4 }),
  service: fc.option(fc.constantFrom('prod/web', 'ops/worker'), { nil: null }),
  services: fc.constant([]),
  confidence: fc.constantFrom('confirmed', 'likely', 'unknown'),
  missing: fc.array(nasty, { maxLength: 2 }),
  targets: fc.constant([]),
  evidence: fc.array(
    fc.record({ kind: fc.constant('security-group-rule'), component: resource, detail: nasty }),
    { maxLength: 2 },
  ),
  fix: fc.record({ summary: nasty, awsCli: fc.array(nasty, { maxLength: 2 }), terraform: nasty }),
  account: fc.option(fc.constant('111122223333'), { nil: null }),
  region: fc.option(fc.constantFrom('eu-west-1', 'us-east-1'), { nil: null }),
}) as fc.Arbitrary<Finding>;

export const scanResultArb: fc.Arbitrary<ScanResult> = fc.record({
  schemaVersion: fc.constant(1 as const),
  findings: fc.array(findingArb, { maxLength: 6 }),
  targets: fc.constant([]),
  services: fc.constant([]),
  warnings: fc.array(nasty, { maxLength: 2 }),
});
