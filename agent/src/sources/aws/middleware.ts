// One client plugin does what every AWS call needs: the concurrency cap of its throttle bucket, the
// call counter and the error shape. It sits in the SDK's middleware stack (initialize step, so above
// the SDK's retries: one command counts once, $metadata.attempts says how often it was tried) and
// names the operation from the handler context's commandName, which survives minification where
// command.constructor.name would not. Paginators send through the same stack.
import type { HandlerExecutionContext, InitializeHandler, MetadataBearer, Pluggable } from '@smithy/types';
import type { CallCounter } from './callCounter.ts';
import { AwsCallError, classifyError, POLL_DEADLINE } from './errors.ts';
import { bucketOf, type BucketLimiter } from './limiter.ts';

export type AwsService = 'ecs' | 'elasticloadbalancing' | 'ec2' | 'sts';

/** The IAM service prefix of each client, by the clientName the SDK puts in the handler context. */
const SERVICE_OF_CLIENT: Record<string, AwsService> = {
  ECSClient: 'ecs',
  ElasticLoadBalancingV2Client: 'elasticloadbalancing',
  EC2Client: 'ec2',
  STSClient: 'sts',
};

/** "DescribeTasksCommand" → "DescribeTasks"; the IAM action is the API operation name. */
export function operationOf(commandName: string): string {
  return commandName.replace(/Command$/, '');
}

/** "ec2:DescribeSubnets", from the handler context of one call. */
export function actionOf(context: Pick<HandlerExecutionContext, 'clientName' | 'commandName'>): string {
  const service = SERVICE_OF_CLIENT[context.clientName ?? ''] ?? 'unknown';
  return `${service}:${operationOf(context.commandName ?? 'Unknown')}`;
}

export interface Deadline {
  signal: AbortSignal;
  seconds: number;
}

export interface CallPolicy {
  /** "account/region": the limiter's and counter's key. */
  scope: string;
  /** No limiter: calls run at once (the one identity call before any scope exists). */
  limiter?: BucketLimiter | undefined;
  counter?: CallCounter | undefined;
  /** The current poll's deadline, read when a call starts. */
  deadline?: () => Deadline | null;
}

const attemptsOf = (value: unknown) => (value as Partial<MetadataBearer> | undefined)?.$metadata?.attempts;

export const CALL_MIDDLEWARE = 'portholeCalls';

export function callPlugin(policy: CallPolicy): Pluggable<object, MetadataBearer> {
  return {
    applyToStack(stack) {
      stack.add(
        (next: InitializeHandler<object, MetadataBearer>, context: HandlerExecutionContext) => (args) => {
          const action = actionOf(context);
          const [service = '', operation = ''] = action.split(':');
          const deadline = policy.deadline?.() ?? null;
          const { scope, counter, limiter } = policy;
          const call = async () => {
            try {
              if (deadline?.signal.aborted) throw deadline.signal.reason;
              const result = await next(args);
              counter?.record(scope, action, { ok: true, attempts: attemptsOf(result.output) });
              return result;
            } catch (error) {
              const failure = deadline?.signal.aborted
                ? new AwsCallError(
                    'timeout',
                    action,
                    POLL_DEADLINE,
                    `poll deadline ${deadline.seconds} s passed`,
                    attemptsOf(error),
                  )
                : classifyError(error, action);
              counter?.record(scope, action, { ok: false, attempts: failure.attempts });
              throw failure;
            }
          };
          return limiter ? limiter.run(scope, bucketOf(service, operation), call) : call();
        },
        { step: 'initialize', priority: 'high', name: CALL_MIDDLEWARE, override: true },
      );
    },
  };
}
