// Which account/regions to scan and the SDK clients for each. Credentials: the default provider
// chain (env, SSO, profile, ECS/IMDS role), optionally a named profile, and for other accounts
// sts:AssumeRole (with ExternalId when the role's trust policy asks for it).
import { accountOfRoleArn as roleArnAccount } from '@porthole/shared';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { ScopeClients } from './api.ts';
import { classifyError } from './errors.ts';
import { callPlugin } from './middleware.ts';
import type { CallCounter } from './callCounter.ts';
import type { EndpointService, LiveAwsConfig } from './config.ts';
import { assumeRoleCredentials, baseCredentials, type Credentials } from './credentials.ts';

/** A problem with the AWS setup (config, credentials, region): the user's to fix, not a bug. */
export class AwsSetupError extends Error {
  override name = 'AwsSetupError';
}

export interface ScanTarget {
  account: string;
  region: string;
  clients: ScopeClients;
}

/** Where each service is reached: its own endpoint, else the shared one, else the SDK's default. */
export type Endpoints = Partial<Record<EndpointService, string>>;

export function endpointsOf(config: Pick<LiveAwsConfig, 'endpoint' | 'endpoints'>): Endpoints {
  const out: Endpoints = {};
  for (const service of ['ec2', 'ecs', 'elasticloadbalancing', 'sts'] as const) {
    const url = config.endpoints?.[service] ?? config.endpoint;
    if (url) out[service] = url;
  }
  return out;
}

/** Client settings shared by every service: SDK standard retries and a per-request timeout. */
export function clientConfig(
  region: string,
  credentials: Credentials,
  requestTimeoutMs: number,
  endpoint?: string,
) {
  return {
    region,
    credentials,
    ...(endpoint ? { endpoint } : {}),
    // Standard mode: 3 attempts, exponential backoff with jitter, retries throttling and
    // transient errors (AWS SDKs and Tools reference guide, "Retry behavior").
    retryMode: 'standard',
    maxAttempts: 3,
    // Without throwOnRequestTimeout the handler only logs a warning when requestTimeout passes and the
    // call goes on (@smithy/node-http-handler, NodeHttpHandlerOptions.requestTimeout).
    requestHandler: {
      requestTimeout: requestTimeoutMs,
      connectionTimeout: Math.min(5000, requestTimeoutMs),
      throwOnRequestTimeout: true,
    },
  };
}

export function clientsFor(
  region: string,
  credentials: Credentials,
  requestTimeoutMs: number,
  endpoints: Endpoints = {},
): ScopeClients {
  const config = (service: EndpointService) =>
    clientConfig(region, credentials, requestTimeoutMs, endpoints[service]);
  return {
    ecs: new ECSClient(config('ecs')),
    elb: new ElasticLoadBalancingV2Client(config('elasticloadbalancing')),
    ec2: new EC2Client(config('ec2')),
  };
}

/** "arn:aws:iam::123456789012:role/porthole" → "123456789012" */
export function accountOfRoleArn(roleArn: string): string {
  const account = roleArnAccount(roleArn);
  if (!account) throw new Error(`not an IAM role ARN: ${roleArn}`);
  return account;
}

/**
 * The account of the default credentials. sts:GetCallerIdentity needs no permission
 * (STS API reference, GetCallerIdentity: "No permissions are required to perform this operation").
 */
export async function callerAccount(
  credentials: Credentials,
  region: string,
  counter?: CallCounter,
  opts: { endpoint?: string | undefined; requestTimeoutMs?: number; signal?: AbortSignal } = {},
) {
  const sts = new STSClient(
    clientConfig(region, credentials, opts.requestTimeoutMs ?? 20_000, opts.endpoint),
  );
  sts.middlewareStack.use(callPlugin({ scope: 'identity', counter }));
  try {
    const identity = await sts.send(
      new GetCallerIdentityCommand({}),
      opts.signal ? { abortSignal: opts.signal } : {},
    );
    if (!identity.Account) throw new Error('sts:GetCallerIdentity returned no account');
    return identity.Account;
  } catch (error) {
    if (opts.signal?.aborted)
      throw new AwsSetupError(
        'AWS endpoint unreachable: Timeout: sts:GetCallerIdentity (poll deadline passed)',
      );
    const failure = classifyError(error, 'sts:GetCallerIdentity');
    // A refused connection or an unknown host is a network problem, not a credentials one.
    if (failure.kind === 'unreachable' || failure.kind === 'timeout')
      throw new AwsSetupError(`AWS endpoint unreachable: ${failure.message}`, { cause: error });
    throw new AwsSetupError(`AWS credentials: ${failure.detail}`, { cause: error });
  } finally {
    sts.destroy();
  }
}

/**
 * One target per account and region. Without `accounts`, the default identity's account in each
 * configured region; with `accounts`, each account through its role (no GetCallerIdentity call).
 */
export async function resolveTargets(
  config: LiveAwsConfig,
  counter?: CallCounter,
  signal?: AbortSignal,
): Promise<ScanTarget[]> {
  const base = baseCredentials(config.profile);
  const timeout = config.requestTimeoutMs;
  const endpoints = endpointsOf(config);
  if (!config.accounts || config.accounts.length === 0) {
    const account = await callerAccount(base, config.regions[0] as string, counter, {
      endpoint: endpoints.sts,
      requestTimeoutMs: timeout,
      ...(signal ? { signal } : {}),
    });
    return config.regions.map((region) => ({
      account,
      region,
      clients: clientsFor(region, base, timeout, endpoints),
    }));
  }
  return config.accounts.flatMap((acct) => {
    const account = acct.id ?? accountOfRoleArn(acct.roleArn);
    const regions = acct.regions ?? config.regions;
    // One provider per account: every region's clients share the session (refreshed before expiry).
    const credentials = assumeRoleCredentials({
      base,
      roleArn: acct.roleArn,
      externalId: acct.externalId,
      region: regions[0] as string,
      endpoint: endpoints.sts,
    });
    return regions.map((region) => ({
      account,
      region,
      clients: clientsFor(region, credentials, timeout, endpoints),
    }));
  });
}

/** The region of the environment or profile (AWS_REGION, ~/.aws/config), for a CLI run without --region. */
export async function defaultRegion(profile: string | undefined): Promise<string> {
  const sts = new STSClient(profile ? { profile } : {});
  try {
    const region = await sts.config.region();
    if (region) return region;
  } catch {
    // No region anywhere: reported below.
  } finally {
    sts.destroy();
  }
  throw new AwsSetupError(
    'no AWS region: pass --region REGION, or set AWS_REGION or a region in the profile',
  );
}

export function destroyTargets(targets: readonly ScanTarget[]): void {
  for (const t of targets) {
    for (const client of Object.values(t.clients) as { destroy?: () => void }[]) client.destroy?.();
  }
}
