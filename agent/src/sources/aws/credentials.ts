// Credentials: the default provider chain (env, SSO, profile, ECS/IMDS role) or a named profile,
// and, for other accounts, sts:AssumeRole with the optional ExternalId the role's trust policy asks for.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';

export type Credentials = ReturnType<typeof fromNodeProviderChain>;
type Identity = Awaited<ReturnType<Credentials>>;

export function baseCredentials(profile: string | undefined): Credentials {
  return fromNodeProviderChain(profile ? { profile } : {});
}

/** Renew this long before the session expires, so no call is signed with a dying session. */
const RENEW_BEFORE_MS = 5 * 60_000;
export const SESSION_SECONDS = 3600;

/**
 * One AssumeRole session per account, shared by every client and region of that account and renewed
 * shortly before it expires (STS API reference, AssumeRole: RoleArn, RoleSessionName, ExternalId).
 */
export function assumeRoleCredentials(opts: {
  base: Credentials;
  roleArn: string;
  externalId?: string | undefined;
  region: string;
  endpoint?: string | undefined;
}): Credentials {
  const sts = new STSClient({
    region: opts.region,
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    credentials: opts.base,
    retryMode: 'standard',
    maxAttempts: 3,
  });
  let session: Identity | null = null;
  let inFlight: Promise<Identity> | null = null;
  const fresh = () => session?.expiration && session.expiration.getTime() - Date.now() > RENEW_BEFORE_MS;
  return async () => {
    if (session && fresh()) return session;
    inFlight ??= (async () => {
      const params = {
        RoleArn: opts.roleArn,
        RoleSessionName: 'porthole',
        DurationSeconds: SESSION_SECONDS,
        ...(opts.externalId ? { ExternalId: opts.externalId } : {}),
      };
      const { Credentials: c } = await sts.send(new AssumeRoleCommand(params));
      if (!c?.AccessKeyId || !c.SecretAccessKey)
        throw new Error(`sts:AssumeRole ${opts.roleArn}: no credentials returned`);
      session = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        sessionToken: c.SessionToken,
        expiration: c.Expiration ?? new Date(Date.now() + SESSION_SECONDS * 1000),
      };
      return session;
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
