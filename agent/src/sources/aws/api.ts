// The API of one account/region: its three SDK clients, each with the call plugin (limiter, counter,
// error shape; middleware.ts) installed, plus the poll's deadline as every call's abort signal.
// Collectors send single commands through ecs()/elb()/ec2() and list with the SDK's paginate*
// functions through ecsPages()/elbPages()/ec2Pages().
import type { EC2Client, EC2PaginationConfiguration } from '@aws-sdk/client-ec2';
import type { ECSClient, ECSPaginationConfiguration } from '@aws-sdk/client-ecs';
import type {
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2PaginationConfiguration,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { pushAll } from '@porthole/shared';
import type { HttpHandlerOptions, Paginator } from '@smithy/types';
import type { CallCounter } from './callCounter.ts';
import type { BucketLimiter } from './limiter.ts';
import { callPlugin, type Deadline } from './middleware.ts';

/** The output type a v3 command resolves to, read from its middleware handler. */
export type OutputOf<C> = C extends {
  resolveMiddleware(...args: never[]): (...a: never[]) => Promise<{ output: infer O }>;
}
  ? O
  : never;

export interface ScopeClients {
  ecs: ECSClient;
  elb: ElasticLoadBalancingV2Client;
  ec2: EC2Client;
}

/** A paginate* function of one client: (config, input, send options) → pages. */
type Paginate<Config, I, O> = (config: Config, input: I, options: HttpHandlerOptions) => Paginator<O>;

export class ScopeApi {
  readonly key: string;
  /** The current poll's deadline: when it fires, calls in flight are cancelled and queued ones fail. */
  deadline: Deadline | null = null;

  constructor(
    readonly account: string,
    readonly region: string,
    private readonly clients: ScopeClients,
    limiter: BucketLimiter,
    counter: CallCounter,
  ) {
    this.key = `${account}/${region}`;
    const plugin = callPlugin({ scope: this.key, limiter, counter, deadline: () => this.deadline });
    for (const client of new Set(Object.values(clients))) client.middlewareStack.use(plugin);
  }

  ecs<C extends object>(command: C): Promise<OutputOf<C>> {
    return this.send(this.clients.ecs, command);
  }

  elb<C extends object>(command: C): Promise<OutputOf<C>> {
    return this.send(this.clients.elb, command);
  }

  ec2<C extends object>(command: C): Promise<OutputOf<C>> {
    return this.send(this.clients.ec2, command);
  }

  ecsPages<I, O>(paginate: Paginate<ECSPaginationConfiguration, I, O>, input: I): Paginator<O> {
    return paginate({ client: this.clients.ecs }, input, this.options());
  }

  elbPages<I, O>(
    paginate: Paginate<ElasticLoadBalancingV2PaginationConfiguration, I, O>,
    input: I,
  ): Paginator<O> {
    return paginate({ client: this.clients.elb }, input, this.options());
  }

  ec2Pages<I, O>(paginate: Paginate<EC2PaginationConfiguration, I, O>, input: I): Paginator<O> {
    return paginate({ client: this.clients.ec2 }, input, this.options());
  }

  private options(): HttpHandlerOptions {
    return this.deadline ? { abortSignal: this.deadline.signal } : {};
  }

  private send<C extends object>(client: object, command: C): Promise<OutputOf<C>> {
    const send = (client as { send(c: C, o: HttpHandlerOptions): Promise<OutputOf<C>> }).send;
    return send.call(client, command, this.options());
  }
}

/**
 * Every item of every page. Callers put the largest page size the API allows in the input, so the
 * page count is the floor; the paginator follows the token until the last page.
 */
export async function allItems<P, T>(
  pages: Paginator<P>,
  items: (page: P) => readonly T[] | null | undefined,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) pushAll(all, items(page) ?? []);
  return all;
}

/** Splits ids into batches of at most `size` (DescribeServices 10, DescribeTasks 100, …). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
