// The live AWS source's configuration: the `aws:` section of porthole.yaml, or CLI flags.
import { z } from 'zod';

export const API_BUCKETS = ['ec2', 'ecs-tasks', 'ecs-services', 'ecs-taskdef', 'elbv2'] as const;
export type ApiBucket = (typeof API_BUCKETS)[number];

/**
 * In-flight calls per API bucket, per account and region. AWS throttles with token buckets per
 * account/region (EC2 100 burst 20/s per action; ECS task APIs share 100 burst 20/s; ELBv2 40 burst
 * 10/s for all Describe calls), so a small cap keeps a big estate from emptying a bucket at once.
 */
export const DEFAULT_CONCURRENCY: Record<ApiBucket, number> = {
  ec2: 4,
  'ecs-tasks': 4,
  'ecs-services': 4,
  'ecs-taskdef': 4,
  elbv2: 2,
};

export const IntervalsSchema = z.strictObject({
  /** Services, tasks, target health: every poll. */
  hotSeconds: z.number().min(1).max(86_400).default(60),
  /** Load balancers, listeners, rules, target groups, clusters. */
  warmSeconds: z.number().min(1).max(86_400).default(300),
  /** Security groups, NACLs, routes, subnets, ENIs, endpoints, instances, prefix lists. */
  coldSeconds: z.number().min(1).max(86_400).default(900),
});
export type Intervals = z.infer<typeof IntervalsSchema>;

const RoleArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'must be an IAM role ARN');
const Region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as eu-west-1');

const Cap = z.number().int().min(1).max(50);

const Endpoint = z
  .string()
  .regex(
    /^https?:\/\/[^\s/]+(\/\S*)?$/,
    'must be an http(s) URL such as https://ec2.eu-west-1.amazonaws.com',
  );

/** Per-service endpoints (a VPC interface endpoint's DNS name, LocalStack): override `endpoint`. */
export const ENDPOINT_SERVICES = ['ec2', 'ecs', 'elasticloadbalancing', 'sts'] as const;
export type EndpointService = (typeof ENDPOINT_SERVICES)[number];

export const AccountSchema = z.strictObject({
  /** Defaults to the account in roleArn. */
  id: z
    .string()
    .regex(/^\d{12}$/, 'must be a 12-digit account id')
    .optional(),
  roleArn: RoleArn,
  /** Required by the role's trust policy when it guards against the confused deputy. */
  externalId: z.string().min(2).max(1224).optional(),
  /** Defaults to the top-level regions. */
  regions: z.array(Region).min(1).optional(),
});
export type AccountConfig = z.infer<typeof AccountSchema>;

export const LiveAwsConfigSchema = z.strictObject({
  regions: z.array(Region).min(1),
  /** A profile of ~/.aws/config; otherwise the default provider chain (env, SSO, profile, ECS/IMDS role). */
  profile: z.string().min(1).optional(),
  /** Other accounts reached through sts:AssumeRole; when set, only these accounts are scanned. */
  accounts: z.array(AccountSchema).optional(),
  intervals: IntervalsSchema.prefault({}),
  concurrency: z
    .strictObject({ ec2: Cap, 'ecs-tasks': Cap, 'ecs-services': Cap, 'ecs-taskdef': Cap, elbv2: Cap })
    .partial()
    .optional(),
  /** Per-attempt timeout; an attempt that takes longer fails as a timeout (and is retried). */
  requestTimeoutMs: z.number().int().min(100).max(300_000).default(20_000),
  /**
   * The whole poll's deadline: calls still running then are cancelled and their kinds kept, marked
   * stale ("Timeout: ec2:DescribeSubnets (poll deadline 50 s passed)"), so a hung endpoint never stalls.
   */
  pollTimeoutSeconds: z.number().min(1).max(3600).default(50),
  /** One endpoint URL for every service (LocalStack, a proxy); the SDK's regional endpoints by default. */
  endpoint: Endpoint.optional(),
  endpoints: z
    .strictObject({ ec2: Endpoint, ecs: Endpoint, elasticloadbalancing: Endpoint, sts: Endpoint })
    .partial()
    .optional(),
});
export type LiveAwsConfigInput = z.input<typeof LiveAwsConfigSchema>;
export type LiveAwsConfig = z.infer<typeof LiveAwsConfigSchema>;

/** Parses the `aws:` section; errors name the field, e.g. "aws.accounts.0.roleArn: must be an IAM role ARN". */
export function parseLiveAwsConfig(value: unknown, path = 'aws'): LiveAwsConfig {
  const parsed = LiveAwsConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `${[path, ...i.path].join('.')}: ${i.message}`);
  throw new LiveAwsConfigError(lines.join('\n'));
}

export class LiveAwsConfigError extends Error {
  override name = 'LiveAwsConfigError';
}
