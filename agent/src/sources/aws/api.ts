// Every AWS call goes through ScopeApi.send: the concurrency cap of its bucket, the call counter,
// and one error shape (AwsCallError) that names the IAM action, so a stale mark can say what failed.
import { pushAll } from '@porthole/shared';
import type { CallCounter } from './callCounter.ts';
import { bucketOf, type BucketLimiter } from './limiter.ts';

export type AwsService = 'ecs' | 'elasticloadbalancing' | 'ec2' | 'sts';

/** The output type a v3 command resolves to, read from its middleware handler. */
export type OutputOf<C> = C extends {
  resolveMiddleware(...args: never[]): (...a: never[]) => Promise<{ output: infer O }>;
}
  ? O
  : never;

interface AnyClient {
  send(command: never): Promise<unknown>;
}

/** "DescribeTasksCommand" → "DescribeTasks"; the IAM action is the API operation name. */
export function operationOf(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
}

export type FailureKind = 'access-denied' | 'throttled' | 'timeout' | 'unreachable' | 'error';

/** The code of a call cancelled because the poll's deadline passed. */
export const POLL_DEADLINE = 'PollDeadline';

export class AwsCallError extends Error {
  override name = 'AwsCallError';
  constructor(
    readonly kind: FailureKind,
    /** IAM action, e.g. "ec2:DescribeNetworkAcls". */
    readonly action: string,
    readonly code: string,
    readonly detail: string,
    readonly attempts: number | undefined,
  ) {
    super(describeFailure(kind, action, code, detail, attempts));
  }
}

function describeFailure(
  kind: FailureKind,
  action: string,
  code: string,
  detail: string,
  attempts: number | undefined,
): string {
  const tries = attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : '';
  if (kind === 'access-denied') return `AccessDenied: ${action}`;
  if (kind === 'throttled') return `Throttled: ${action} (${code}${tries})`;
  if (kind === 'timeout' && code === POLL_DEADLINE) return `Timeout: ${action} (${detail})`;
  if (kind === 'timeout') return `Timeout: ${action}${tries}`;
  if (kind === 'unreachable') return `Unreachable: ${action}: ${detail}${tries}`;
  return `${code}: ${action}${detail ? `: ${detail}` : ''}`;
}

// Error codes: ECS "AccessDeniedException", ELBv2 "AccessDenied", EC2 "UnauthorizedOperation"
// (EC2 API reference, "Error codes"); throttling per each service's "Request throttling" page.
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
const THROTTLED = new Set([
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
]);
const TIMEOUT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ETIMEDOUT']);
// Node's socket errors: nothing answered at the endpoint (refused, no such host, connection reset).
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

export function classifyError(error: unknown, action: string): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    $metadata?: { attempts?: number };
  };
  const code = String(e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error'));
  const message = typeof e.message === 'string' ? e.message : String(error);
  const attempts = e.$metadata?.attempts;
  let kind: FailureKind = 'error';
  if (ACCESS_DENIED.has(code) || /not authorized to perform/i.test(message)) {
    // The message names the action really denied, which differs when the role could not be
    // assumed ("…is not authorized to perform: sts:AssumeRole on resource…").
    const named = /not authorized to perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
    return new AwsCallError('access-denied', named ?? action, code, message, attempts);
  }
  // Before timeouts: the SDK renames a reset connection (code ECONNRESET) to TimeoutError.
  if (UNREACHABLE.has(String(e.code)) || UNREACHABLE.has(code)) {
    return new AwsCallError('unreachable', action, String(e.code ?? code), message, attempts);
  }
  if (THROTTLED.has(code)) kind = 'throttled';
  else if (TIMEOUT.has(code) || TIMEOUT.has(String(e.code))) kind = 'timeout';
  return new AwsCallError(kind, action, code, message, attempts);
}

export interface ScopeClients {
  ecs: AnyClient;
  elb: AnyClient;
  ec2: AnyClient;
}

/** The API of one account/region: typed send per service, limited and counted. */
export class ScopeApi {
  readonly key: string;
  /** The current poll's deadline: when it fires, calls in flight are cancelled and queued ones fail. */
  deadline: { signal: AbortSignal; seconds: number } | null = null;

  constructor(
    readonly account: string,
    readonly region: string,
    private readonly clients: ScopeClients,
    private readonly limiter: BucketLimiter,
    private readonly counter: CallCounter,
  ) {
    this.key = `${account}/${region}`;
  }

  ecs<C extends object>(command: C): Promise<OutputOf<C>> {
    return this.send('ecs', this.clients.ecs, command);
  }

  elb<C extends object>(command: C): Promise<OutputOf<C>> {
    return this.send('elasticloadbalancing', this.clients.elb, command);
  }

  ec2<C extends object>(command: C): Promise<OutputOf<C>> {
    return this.send('ec2', this.clients.ec2, command);
  }

  private send<C extends object>(service: AwsService, client: AnyClient, command: C): Promise<OutputOf<C>> {
    const operation = operationOf(command);
    const action = `${service}:${operation}`;
    const deadline = this.deadline;
    return this.limiter.run(this.key, bucketOf(service, operation), async () => {
      try {
        if (deadline?.signal.aborted) throw deadline.signal.reason;
        const send = (client as unknown as { send(c: C, o: object): Promise<OutputOf<C>> }).send.bind(client);
        const output = await send(command, deadline ? { abortSignal: deadline.signal } : {});
        const meta = (output as { $metadata?: { attempts?: number } } | undefined)?.$metadata;
        this.counter.record(this.key, action, { ok: true, attempts: meta?.attempts });
        return output;
      } catch (error) {
        const failure = deadline?.signal.aborted
          ? new AwsCallError(
              'timeout',
              action,
              POLL_DEADLINE,
              `poll deadline ${deadline.seconds} s passed`,
              (error as { $metadata?: { attempts?: number } })?.$metadata?.attempts,
            )
          : classifyError(error, action);
        this.counter.record(this.key, action, { ok: false, attempts: failure.attempts });
        throw failure;
      }
    });
  }
}

/**
 * Follows a token until the last page. `page(token)` sends one request; returns all items.
 * Callers pass the largest page size the API allows, so the page count is the floor.
 */
export async function allPages<T>(
  page: (token: string | undefined) => Promise<{ items: T[] | undefined; next: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    pushAll(items, result.items ?? []);
    token = result.next || undefined;
  } while (token);
  return items;
}

/** Splits ids into batches of at most `size` (DescribeServices 10, DescribeTasks 100, …). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
