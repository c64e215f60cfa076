// Which account/regions to scan and the SDK clients for each. Credentials: the default provider
// chain (env, SSO, profile, ECS/IMDS role), optionally a named profile, and for other accounts
// sts:AssumeRole (with ExternalId when the role's trust policy asks for it).
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { classifyError, type ScopeClients } from './api.ts';
import type { CallCounter } from './callCounter.ts';
import type { LiveAwsConfig } from './config.ts';
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

/** Client settings shared by every service: SDK standard retries and a per-request timeout. */
export function clientConfig(region: string, credentials: Credentials, requestTimeoutMs: number) {
  return {
    region,
    credentials,
    // Standard mode: 3 attempts, exponential backoff with jitter, retries throttling and
    // transient errors (AWS SDKs and Tools reference guide, "Retry behavior").
    retryMode: 'standard',
    maxAttempts: 3,
    requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: Math.min(5000, requestTimeoutMs) },
  };
}

export function clientsFor(region: string, credentials: Credentials, requestTimeoutMs: number): ScopeClients {
  const config = clientConfig(region, credentials, requestTimeoutMs);
  return {
    ecs: new ECSClient(config),
    elb: new ElasticLoadBalancingV2Client(config),
    ec2: new EC2Client(config),
  };
}

/** "arn:aws:iam::123456789012:role/porthole" → "123456789012" */
export function accountOfRoleArn(roleArn: string): string {
  const account = roleArn.split(':')[4];
  if (!account || !/^\d{12}$/.test(account)) throw new Error(`not an IAM role ARN: ${roleArn}`);
  return account;
}

/**
 * The account of the default credentials. sts:GetCallerIdentity needs no permission
 * (STS API reference, GetCallerIdentity: "No permissions are required to perform this operation").
 */
export async function callerAccount(credentials: Credentials, region: string, counter?: CallCounter) {
  const sts = new STSClient({ region, credentials, retryMode: 'standard', maxAttempts: 3 });
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    counter?.record('identity', 'sts:GetCallerIdentity', { ok: true });
    if (!identity.Account) throw new Error('sts:GetCallerIdentity returned no account');
    return identity.Account;
  } catch (error) {
    counter?.record('identity', 'sts:GetCallerIdentity', { ok: false });
    const detail = classifyError(error, 'sts:GetCallerIdentity').detail;
    throw new AwsSetupError(`AWS credentials: ${detail}`, { cause: error });
  } finally {
    sts.destroy();
  }
}

/**
 * One target per account and region. Without `accounts`, the default identity's account in each
 * configured region; with `accounts`, each account through its role (no GetCallerIdentity call).
 */
export async function resolveTargets(config: LiveAwsConfig, counter?: CallCounter): Promise<ScanTarget[]> {
  const base = baseCredentials(config.profile);
  const timeout = config.requestTimeoutMs;
  if (!config.accounts || config.accounts.length === 0) {
    const account = await callerAccount(base, config.regions[0] as string, counter);
    return config.regions.map((region) => ({ account, region, clients: clientsFor(region, base, timeout) }));
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
    });
    return regions.map((region) => ({ account, region, clients: clientsFor(region, credentials, timeout) }));
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
