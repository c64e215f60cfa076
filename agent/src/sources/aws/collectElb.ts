// ELBv2: load balancers, target groups, listeners and rules (warm tier) and target health (hot).
import {
  DescribeTargetHealthCommand,
  paginateDescribeListeners,
  paginateDescribeLoadBalancers,
  paginateDescribeRules,
  paginateDescribeTargetGroups,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { allItems } from './api.ts';
import type { CollectContext } from './context.ts';
import { ingest } from './ingest.ts';
import { grouped, perParent } from './store.ts';

/** DescribeLoadBalancers/TargetGroups/Listeners/Rules take up to 400 per page (ELB API reference). */
export const ELB_PAGE_SIZE = 400;

/** Only HTTP(S) listeners have rules beyond the default one (which the listener already carries). */
export function hasRules(protocol: string | null | undefined): boolean {
  return protocol === 'HTTP' || protocol === 'HTTPS';
}

/**
 * Warm tier. With `vpcIds`, the load balancer and target group lists are refreshed whole (one page
 * each for most estates) but listeners and rules only for the load balancers in those VPCs.
 */
export async function collectElbWarm(ctx: CollectContext, vpcIds?: ReadonlySet<string>): Promise<void> {
  const { api, store, now, warnings } = ctx;
  await Promise.all([
    grouped(
      () => '*',
      () =>
        allItems(api.elbPages(paginateDescribeLoadBalancers, { PageSize: ELB_PAGE_SIZE }), (out) =>
          ingest('LoadBalancers', out.LoadBalancers, warnings),
        ),
    ).then((f) => store.apply('LoadBalancers', now, f)),
    grouped(
      () => '*',
      () =>
        allItems(api.elbPages(paginateDescribeTargetGroups, { PageSize: ELB_PAGE_SIZE }), (out) =>
          ingest('TargetGroups', out.TargetGroups, warnings),
        ),
    ).then((f) => store.apply('TargetGroups', now, f)),
  ]);

  const missing = store.unavailable('LoadBalancers');
  if (missing) {
    store.fail('Listeners', missing);
    store.fail('Rules', missing);
    return;
  }
  const lbs = store.items('LoadBalancers').filter((lb) => !vpcIds || (lb.VpcId && vpcIds.has(lb.VpcId)));
  const lbArns = lbs.map((lb) => lb.LoadBalancerArn);
  const listeners = await perParent(
    lbArns,
    (arn) => arn,
    (LoadBalancerArn) =>
      allItems(api.elbPages(paginateDescribeListeners, { LoadBalancerArn, PageSize: ELB_PAGE_SIZE }), (out) =>
        ingest('Listeners', out.Listeners, warnings),
      ),
  );
  store.apply('Listeners', now, listeners, vpcIds ? { keys: lbArns } : {});

  const ruleParents = lbArns
    .flatMap((arn) => store.part('Listeners', arn) ?? [])
    .filter((l) => hasRules(l.Protocol))
    .map((l) => l.ListenerArn);
  const rules = await perParent(
    ruleParents,
    (arn) => arn,
    (ListenerArn) =>
      allItems(api.elbPages(paginateDescribeRules, { ListenerArn, PageSize: ELB_PAGE_SIZE }), (out) =>
        ingest('Rules', out.Rules, warnings),
      ),
  );
  if (vpcIds) {
    // Rules are keyed by listener: drop those of the refreshed load balancers' old listeners too.
    const stale = [...store.state('Rules').parts.keys()].filter((key) =>
      lbArns.some((lb) => sameLb(key, lb)),
    );
    store.apply('Rules', now, rules, { keys: [...new Set([...stale, ...ruleParents])] });
  } else store.apply('Rules', now, rules);
}

/** listener/app/name/lb-id/listener-id belongs to loadbalancer/app/name/lb-id */
function sameLb(listenerArn: string, lbArn: string): boolean {
  return listenerArn.startsWith(`${lbArn.replace(':loadbalancer/', ':listener/')}/`);
}

/** Hot tier: DescribeTargetHealth takes exactly one target group, so one call per group is the floor. */
export async function collectTargetHealth(ctx: CollectContext): Promise<void> {
  const { api, store, now, warnings } = ctx;
  const missing = store.unavailable('TargetGroups');
  if (missing) {
    store.fail('LoadBalancerTargetHealth', missing);
    return;
  }
  const arns = store.items('TargetGroups').map((tg) => tg.TargetGroupArn);
  const health = await perParent(
    arns,
    (arn) => arn,
    async (TargetGroupArn) => {
      const out = await api.elb(new DescribeTargetHealthCommand({ TargetGroupArn }));
      const wrapped = { TargetGroupArn, TargetHealthDescriptions: out.TargetHealthDescriptions ?? [] };
      return ingest('LoadBalancerTargetHealth', [wrapped], warnings);
    },
  );
  store.apply('LoadBalancerTargetHealth', now, health);
}
