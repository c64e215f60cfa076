// Credentials: the default provider chain (env, SSO, profile, ECS/IMDS role) or a named profile,
// and, for other accounts, sts:AssumeRole with the optional ExternalId the role's trust policy asks for.
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { doesIdentityRequireRefresh, isIdentityExpired, memoizeIdentityProvider } from '@smithy/core';

export type Credentials = ReturnType<typeof fromNodeProviderChain>;

export function baseCredentials(profile: string | undefined): Credentials {
  return fromNodeProviderChain(profile ? { profile } : {});
}

const SESSION_SECONDS = 3600;

/**
 * One AssumeRole session per account, shared by every client and region of that account
 * (STS API reference, AssumeRole: RoleArn, RoleSessionName, ExternalId). fromTemporaryCredentials
 * calls STS on every use; memoizeIdentityProvider keeps the session, shares one request among
 * concurrent callers and renews it when under 5 minutes are left (EXPIRATION_MS in @smithy/core), so
 * no call is signed with a dying session.
 */
export function assumeRoleCredentials(opts: {
  base: Credentials;
  roleArn: string;
  externalId?: string | undefined;
  region: string;
  endpoint?: string | undefined;
}): Credentials {
  const provider = fromTemporaryCredentials({
    masterCredentials: opts.base,
    params: {
      RoleArn: opts.roleArn,
      RoleSessionName: 'porthole',
      DurationSeconds: SESSION_SECONDS,
      ...(opts.externalId ? { ExternalId: opts.externalId } : {}),
    },
    clientConfig: {
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      retryMode: 'standard',
      maxAttempts: 3,
    },
  });
  return memoizeIdentityProvider(provider, isIdentityExpired, doesIdentityRequireRefresh) as Credentials;
}
