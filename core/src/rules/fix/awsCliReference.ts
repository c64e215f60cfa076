// The AWS CLI v2 options of every subcommand Porthole's fixes may print, from the AWS CLI Command Reference
// (https://docs.aws.amazon.com/cli/latest/reference/<service>/<command>.html, section "Synopsis"). Checked
// against the reference synopsis: ec2 authorize-security-group-egress, ec2 create-network-acl-entry,
// elbv2 create-listener, elbv2 modify-target-group. The others follow the reference pages named per entry; the
// CLI derives each option from the API member name (ECS UpdateService healthCheckGracePeriodSeconds →
// --health-check-grace-period-seconds). Boolean options take no value; every other option takes one.
export interface CliCommand {
  /** Options that take a value. */
  options: readonly string[];
  /** Options that take no value (`--egress`, `--no-source-dest-check` …). */
  switches?: readonly string[];
  /** Options the command cannot run without ("a|b" = one of them). */
  required?: readonly string[];
}

const REF = 'https://docs.aws.amazon.com/cli/latest/reference';

/** Options every command accepts (reference, "Global Options"). */
export const GLOBAL_OPTIONS: readonly string[] = [
  '--endpoint-url',
  '--output',
  '--query',
  '--profile',
  '--region',
  '--color',
  '--ca-bundle',
  '--cli-read-timeout',
  '--cli-connect-timeout',
  '--cli-binary-format',
  '--cli-input-json',
  '--cli-input-yaml',
  '--generate-cli-skeleton',
];
export const GLOBAL_SWITCHES: readonly string[] = [
  '--debug',
  '--no-verify-ssl',
  '--no-paginate',
  '--no-sign-request',
  '--no-cli-pager',
  '--cli-auto-prompt',
  '--no-cli-auto-prompt',
  '--dry-run',
  '--no-dry-run',
];

const SG_RULE = [
  '--group-id',
  '--ip-permissions',
  '--protocol',
  '--port',
  '--cidr',
  '--source-group',
  '--group-owner',
];
const ROUTE_TARGETS = [
  '--route-table-id',
  '--destination-cidr-block',
  '--destination-ipv6-cidr-block',
  '--destination-prefix-list-id',
  '--vpc-endpoint-id',
  '--egress-only-internet-gateway-id',
  '--gateway-id',
  '--instance-id',
  '--nat-gateway-id',
  '--transit-gateway-id',
  '--local-gateway-id',
  '--carrier-gateway-id',
  '--network-interface-id',
  '--vpc-peering-connection-id',
  '--core-network-arn',
];
const NACL_ENTRY: CliCommand = {
  options: [
    '--network-acl-id',
    '--rule-number',
    '--protocol',
    '--rule-action',
    '--cidr-block',
    '--ipv6-cidr-block',
    '--icmp-type-code',
    '--port-range',
  ],
  switches: ['--egress', '--ingress'],
  required: ['--network-acl-id', '--rule-number', '--protocol', '--rule-action', '--egress|--ingress'],
};
const PAGINATION = ['--starting-token', '--page-size', '--max-items'];

/** `service subcommand` → its options; the source page is `${REF}/<service>/<subcommand>.html`. */
export const AWS_CLI_COMMANDS: Readonly<Record<string, CliCommand>> = {
  'ec2 authorize-security-group-ingress': {
    options: [...SG_RULE, '--group-name', '--tag-specifications'],
    required: ['--group-id|--group-name'],
  },
  'ec2 authorize-security-group-egress': {
    options: [...SG_RULE, '--tag-specifications'],
    required: ['--group-id'],
  },
  'ec2 revoke-security-group-ingress': {
    options: [...SG_RULE, '--group-name', '--security-group-rule-ids'],
    required: ['--group-id|--group-name'],
  },
  'ec2 revoke-security-group-egress': {
    options: [...SG_RULE, '--security-group-rule-ids'],
    required: ['--group-id'],
  },
  'ec2 create-network-acl-entry': NACL_ENTRY,
  'ec2 replace-network-acl-entry': NACL_ENTRY,
  'ec2 create-route': { options: ROUTE_TARGETS, required: ['--route-table-id'] },
  'ec2 replace-route': {
    options: ROUTE_TARGETS,
    switches: ['--local-target', '--no-local-target'],
    required: ['--route-table-id'],
  },
  'ec2 create-route-table': {
    options: ['--vpc-id', '--tag-specifications', '--client-token'],
    required: ['--vpc-id'],
  },
  'ec2 associate-route-table': {
    options: ['--route-table-id', '--subnet-id', '--gateway-id'],
    required: ['--route-table-id'],
  },
  'ec2 replace-route-table-association': {
    options: ['--association-id', '--route-table-id'],
    required: ['--association-id', '--route-table-id'],
  },
  'ec2 create-internet-gateway': { options: ['--tag-specifications'] },
  'ec2 attach-internet-gateway': {
    options: ['--internet-gateway-id', '--vpc-id'],
    required: ['--internet-gateway-id', '--vpc-id'],
  },
  'ec2 allocate-address': {
    options: [
      '--domain',
      '--address',
      '--public-ipv4-pool',
      '--network-border-group',
      '--tag-specifications',
    ],
  },
  'ec2 create-nat-gateway': {
    options: [
      '--allocation-id',
      '--client-token',
      '--subnet-id',
      '--tag-specifications',
      '--connectivity-type',
      '--private-ip-address',
    ],
    required: ['--subnet-id'],
  },
  'ec2 create-vpc-endpoint': {
    options: [
      '--vpc-endpoint-type',
      '--vpc-id',
      '--service-name',
      '--policy-document',
      '--route-table-ids',
      '--subnet-ids',
      '--security-group-ids',
      '--ip-address-type',
      '--dns-options',
      '--client-token',
      '--tag-specifications',
    ],
    switches: ['--private-dns-enabled', '--no-private-dns-enabled'],
    required: ['--vpc-id', '--service-name'],
  },
  'ec2 modify-vpc-endpoint': {
    options: [
      '--vpc-endpoint-id',
      '--policy-document',
      '--add-route-table-ids',
      '--remove-route-table-ids',
      '--add-subnet-ids',
      '--remove-subnet-ids',
      '--add-security-group-ids',
      '--remove-security-group-ids',
    ],
    switches: ['--reset-policy', '--private-dns-enabled', '--no-private-dns-enabled'],
    required: ['--vpc-endpoint-id'],
  },
  'ec2 modify-instance-attribute': {
    options: ['--instance-id', '--attribute', '--value', '--groups', '--instance-type', '--user-data'],
    switches: ['--source-dest-check', '--no-source-dest-check'],
    required: ['--instance-id'],
  },
  'ec2 modify-network-interface-attribute': {
    options: ['--network-interface-id', '--attachment', '--description', '--groups'],
    switches: ['--source-dest-check', '--no-source-dest-check'],
    required: ['--network-interface-id'],
  },
  'ec2 modify-subnet-attribute': {
    options: ['--subnet-id'],
    switches: ['--map-public-ip-on-launch', '--no-map-public-ip-on-launch'],
    required: ['--subnet-id'],
  },
  'ec2 describe-security-groups': { options: ['--filters', '--group-ids', '--group-names', ...PAGINATION] },
  'ec2 describe-network-acls': { options: ['--filters', '--network-acl-ids', ...PAGINATION] },
  'ec2 describe-subnets': { options: ['--filters', '--subnet-ids', ...PAGINATION] },
  'ec2 describe-route-tables': { options: ['--filters', '--route-table-ids', ...PAGINATION] },
  'ec2 describe-instances': { options: ['--filters', '--instance-ids', ...PAGINATION] },
  'ec2 describe-network-interfaces': { options: ['--filters', '--network-interface-ids', ...PAGINATION] },
  'ec2 describe-internet-gateways': { options: ['--filters', '--internet-gateway-ids', ...PAGINATION] },
  'ec2 describe-nat-gateways': { options: ['--filter', '--nat-gateway-ids', ...PAGINATION] },
  'ec2 describe-vpc-endpoints': { options: ['--filters', '--vpc-endpoint-ids', ...PAGINATION] },
  'ec2 describe-vpcs': { options: ['--filters', '--vpc-ids', ...PAGINATION] },
  'ec2 describe-managed-prefix-lists': { options: ['--filters', '--prefix-list-ids', ...PAGINATION] },
  'ec2 get-managed-prefix-list-entries': {
    options: ['--prefix-list-id', '--target-version', ...PAGINATION],
    required: ['--prefix-list-id'],
  },
  'elbv2 create-listener': {
    options: [
      '--load-balancer-arn',
      '--protocol',
      '--port',
      '--ssl-policy',
      '--certificates',
      '--default-actions',
      '--alpn-policy',
      '--tags',
      '--mutual-authentication',
    ],
    required: ['--load-balancer-arn', '--default-actions'],
  },
  'elbv2 create-rule': {
    options: ['--listener-arn', '--conditions', '--priority', '--actions', '--tags', '--transforms'],
    required: ['--listener-arn', '--conditions', '--priority', '--actions'],
  },
  'elbv2 modify-target-group': {
    options: [
      '--target-group-arn',
      '--health-check-protocol',
      '--health-check-port',
      '--health-check-path',
      '--health-check-interval-seconds',
      '--health-check-timeout-seconds',
      '--healthy-threshold-count',
      '--unhealthy-threshold-count',
      '--matcher',
    ],
    switches: ['--health-check-enabled', '--no-health-check-enabled'],
    required: ['--target-group-arn'],
  },
  'elbv2 set-subnets': {
    options: ['--load-balancer-arn', '--subnets', '--subnet-mappings', '--ip-address-type'],
    required: ['--load-balancer-arn'],
  },
  'elbv2 describe-load-balancers': { options: ['--load-balancer-arns', '--names', ...PAGINATION] },
  'elbv2 describe-target-groups': {
    options: ['--load-balancer-arn', '--target-group-arns', '--names', ...PAGINATION],
  },
  'elbv2 describe-listeners': {
    options: ['--load-balancer-arn', '--listener-arns', ...PAGINATION],
    required: ['--load-balancer-arn|--listener-arns'],
  },
  'elbv2 describe-rules': {
    options: ['--listener-arn', '--rule-arns', '--marker', '--page-size'],
    required: ['--listener-arn|--rule-arns'],
  },
  'elbv2 describe-target-health': {
    options: ['--target-group-arn', '--targets', '--include'],
    required: ['--target-group-arn'],
  },
  'elbv2 describe-target-group-attributes': {
    options: ['--target-group-arn'],
    required: ['--target-group-arn'],
  },
  'ecs update-service': {
    options: [
      '--cluster',
      '--service',
      '--desired-count',
      '--task-definition',
      '--capacity-provider-strategy',
      '--deployment-configuration',
      '--network-configuration',
      '--placement-constraints',
      '--placement-strategy',
      '--platform-version',
      '--health-check-grace-period-seconds',
      '--load-balancers',
      '--propagate-tags',
      '--service-registries',
    ],
    switches: [
      '--force-new-deployment',
      '--no-force-new-deployment',
      '--enable-execute-command',
      '--no-enable-execute-command',
    ],
    required: ['--service'],
  },
  'ecs execute-command': {
    options: ['--cluster', '--container', '--command', '--task'],
    switches: ['--interactive', '--non-interactive'],
    required: ['--command', '--task', '--interactive|--non-interactive'],
  },
  'ecs register-task-definition': { options: ['--family', '--container-definitions', '--network-mode'] },
  'ecs describe-task-definition': {
    options: ['--task-definition', '--include'],
    required: ['--task-definition'],
  },
  'ecs list-clusters': { options: PAGINATION },
  'ecs describe-clusters': { options: ['--clusters', '--include'] },
  'ecs describe-services': {
    options: ['--cluster', '--services', '--include'],
    required: ['--services'],
  },
  'ecs describe-tasks': { options: ['--cluster', '--tasks', '--include'], required: ['--tasks'] },
  'ecs describe-container-instances': {
    options: ['--cluster', '--container-instances', '--include'],
    required: ['--container-instances'],
  },
};

export function referenceUrl(command: string): string {
  const [service, sub] = command.split(' ');
  return `${REF}/${service}/${sub}.html`;
}
