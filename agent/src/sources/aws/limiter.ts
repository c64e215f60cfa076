// A concurrency cap per API bucket: at most N calls of one bucket in flight for one account/region.
import { maxOf } from '@porthole/shared';
import type { ApiBucket } from './config.ts';

/** A counting semaphore: run() waits for a free slot, then holds it while fn runs. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be ≥ 1, got ${limit}`);
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  get inFlight(): number {
    return this.active;
  }
}

/** Which throttling bucket an action draws from (ECS and ELBv2 docs, "Request throttling"). */
export function bucketOf(service: string, action: string): ApiBucket | null {
  if (service === 'ec2') return 'ec2';
  if (service === 'elasticloadbalancing') return 'elbv2';
  if (service !== 'ecs') return null;
  if (action === 'DescribeTaskDefinition') return 'ecs-taskdef';
  if (action === 'ListTasks' || action === 'DescribeTasks' || action === 'DescribeContainerInstances') {
    return 'ecs-tasks';
  }
  return 'ecs-services';
}

/** One semaphore per (account/region, bucket), created on first use. */
export class BucketLimiter {
  private readonly semaphores = new Map<string, Semaphore>();

  constructor(private readonly caps: Record<ApiBucket, number>) {}

  run<T>(scope: string, bucket: ApiBucket | null, fn: () => Promise<T>): Promise<T> {
    if (!bucket) return fn();
    const key = `${scope}|${bucket}`;
    let semaphore = this.semaphores.get(key);
    if (!semaphore) {
      semaphore = new Semaphore(this.caps[bucket]);
      this.semaphores.set(key, semaphore);
    }
    return semaphore.run(fn);
  }

  /** Highest number of calls in flight right now in any one bucket (for tests and metrics). */
  maxInFlight(): number {
    return maxOf(
      [...this.semaphores.values()].map((s) => s.inFlight),
      0,
    );
  }
}
