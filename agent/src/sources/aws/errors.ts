// One error shape for every failed AWS call (AwsCallError), naming the IAM action, so a stale mark can
// say what failed. Throttling and transient faults are told apart by the SDK's own classifiers
// (@smithy/core/retry, the code behind @smithy/service-error-classification, which its retry strategy
// uses too); access denied has no SDK classifier, so its three codes are listed here.
import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { SdkError } from '@smithy/types';

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

// ECS "AccessDeniedException", ELBv2 "AccessDenied", EC2 "UnauthorizedOperation" (EC2 API reference,
// "Error codes").
const ACCESS_DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);
// Of the socket codes the SDK counts as transient, only ETIMEDOUT is a slow answer; the others
// (refused, reset, no such host, no route) mean nothing answered at the endpoint. ECONNABORTED is a
// local abort of a connection that never answered, which the SDK does not list.
const NO_ANSWER =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;

export function classifyError(error: unknown, action: string): AwsCallError {
  if (error instanceof AwsCallError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<SdkError> & {
    code?: string;
  };
  const code = String(e.name && e.name !== 'Error' ? e.name : (e.code ?? 'Error'));
  const message = typeof e.message === 'string' ? e.message : String(error);
  const attempts = e.$metadata?.attempts;
  const sdk = { ...e, name: code, message } as SdkError;
  if (ACCESS_DENIED.has(code) || /not authorized to perform/i.test(message)) {
    // The message names the action really denied, which differs when the role could not be
    // assumed ("…is not authorized to perform: sts:AssumeRole on resource…").
    const named = /not authorized to perform: ([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
    return new AwsCallError('access-denied', named ?? action, code, message, attempts);
  }
  // Before timeouts: the SDK renames a reset connection (code ECONNRESET) to TimeoutError.
  const socket = NO_ANSWER.test(String(e.code)) ? String(e.code) : NO_ANSWER.test(code) ? code : null;
  if (socket) return new AwsCallError('unreachable', action, socket, message, attempts);
  if (isThrottlingError(sdk)) return new AwsCallError('throttled', action, code, message, attempts);
  // A transient fault by name or socket code: not a 5xx (an error with its own code) nor an expired
  // signature (the SDK retries it once the clock is corrected; it is no slow answer).
  const slow =
    code !== 'InvalidSignatureException' &&
    isTransientError({ name: code, code: e.code ?? code, message } as unknown as SdkError);
  return new AwsCallError(slow ? 'timeout' : 'error', action, code, message, attempts);
}
