// The fewest calls a cycle can make for this estate under the APIs' limits: pages at the largest
// page size, ids batched at the largest batch, one DescribeTargetHealth per target group, task
// definitions only when new. The live source's counted calls should equal it.
import {
  DESCRIBE_CLUSTERS_BATCH,
  DESCRIBE_CONTAINER_INSTANCES_BATCH,
  DESCRIBE_SERVICES_BATCH,
  DESCRIBE_TASKS_BATCH,
  ECS_LIST_PAGE,
} from './collectEcs.ts';
import { ELB_PAGE_SIZE, hasRules } from './collectElb.ts';
import { instanceIds, referencedPrefixLists } from './collectEc2.ts';
import { VPC_KIND_NAMES } from './ec2VpcKinds.ts';
import type { ScopeStore } from './store.ts';
import { EC2_FILTER_VALUES, EC2_PAGE, vpcsInUse } from './vpcs.ts';

export interface Floor {
  total: number;
  byAction: Record<string, number>;
}

/** What ran in one scope this cycle; `vpcs` limits a triggered warm/cold refresh. */
export interface TierRun {
  hot: boolean;
  warm: boolean;
  cold: boolean;
  /** VPCs refreshed because a target changed state (when warm/cold did not run in full). */
  vpcs: readonly string[];
}

/** Requests to list n items at page size `size`: an empty list still costs one. */
const pages = (n: number, size: number) => Math.max(1, Math.ceil(n / size));
/** Requests to describe n ids in batches of `size`: nothing to describe costs nothing. */
const batches = (n: number, size: number) => Math.ceil(n / size);

class Tally {
  readonly byAction: Record<string, number> = {};
  add(action: string, n: number): void {
    if (n > 0) this.byAction[action] = (this.byAction[action] ?? 0) + n;
  }
}

export function floorFor(store: ScopeStore, run: TierRun, newTaskDefinitions: number): Floor {
  const t = new Tally();
  const scopedVpcs = new Set(run.vpcs);
  if (run.warm) {
    const clusters = store.items('clusters').length;
    t.add('ecs:ListClusters', pages(clusters, ECS_LIST_PAGE));
    t.add('ecs:DescribeClusters', batches(clusters, DESCRIBE_CLUSTERS_BATCH));
  }
  if (run.warm || scopedVpcs.size > 0) addElbWarm(t, store, run.warm ? null : scopedVpcs);
  if (run.hot) addHot(t, store, newTaskDefinitions);
  if (run.cold) addCold(t, store, vpcsInUse(store), true);
  else if (scopedVpcs.size > 0) addCold(t, store, [...scopedVpcs], false);
  const byAction = Object.fromEntries(Object.entries(t.byAction).sort(([a], [b]) => a.localeCompare(b)));
  return { total: Object.values(byAction).reduce((a, b) => a + b, 0), byAction };
}

function addElbWarm(t: Tally, store: ScopeStore, vpcs: Set<string> | null): void {
  t.add(
    'elasticloadbalancing:DescribeLoadBalancers',
    pages(store.items('LoadBalancers').length, ELB_PAGE_SIZE),
  );
  t.add(
    'elasticloadbalancing:DescribeTargetGroups',
    pages(store.items('TargetGroups').length, ELB_PAGE_SIZE),
  );
  const lbs = store.items('LoadBalancers').filter((lb) => !vpcs || (lb.VpcId && vpcs.has(lb.VpcId)));
  for (const lb of lbs) {
    const listeners = store.part('Listeners', lb.LoadBalancerArn) ?? [];
    t.add('elasticloadbalancing:DescribeListeners', pages(listeners.length, ELB_PAGE_SIZE));
    for (const listener of listeners.filter((l) => hasRules(l.Protocol))) {
      const rules = store.part('Rules', listener.ListenerArn) ?? [];
      t.add('elasticloadbalancing:DescribeRules', pages(rules.length, ELB_PAGE_SIZE));
    }
  }
}

function addHot(t: Tally, store: ScopeStore, newTaskDefinitions: number): void {
  for (const cluster of store.items('clusters')) {
    const arn = cluster.clusterArn;
    const services = store.part('services', arn) ?? [];
    const tasks = store.part('tasks', arn) ?? [];
    const running = tasks.filter((task) => task.desiredStatus !== 'STOPPED').length;
    const instances = store.part('containerInstances', arn) ?? [];
    t.add('ecs:ListServices', pages(services.length, ECS_LIST_PAGE));
    t.add('ecs:DescribeServices', batches(services.length, DESCRIBE_SERVICES_BATCH));
    // One page of running tasks per 100, plus the single page of recently stopped ones.
    t.add('ecs:ListTasks', pages(running, ECS_LIST_PAGE) + 1);
    t.add('ecs:DescribeTasks', batches(tasks.length, DESCRIBE_TASKS_BATCH));
    t.add('ecs:DescribeContainerInstances', batches(instances.length, DESCRIBE_CONTAINER_INSTANCES_BATCH));
  }
  t.add('ecs:DescribeTaskDefinition', newTaskDefinitions);
  t.add('elasticloadbalancing:DescribeTargetHealth', store.items('TargetGroups').length);
}

const VPC_KIND_ACTION: Record<(typeof VPC_KIND_NAMES)[number], string> = {
  Vpcs: 'ec2:DescribeVpcs',
  Subnets: 'ec2:DescribeSubnets',
  SecurityGroups: 'ec2:DescribeSecurityGroups',
  NetworkAcls: 'ec2:DescribeNetworkAcls',
  RouteTables: 'ec2:DescribeRouteTables',
  NetworkInterfaces: 'ec2:DescribeNetworkInterfaces',
  InternetGateways: 'ec2:DescribeInternetGateways',
  NatGateways: 'ec2:DescribeNatGateways',
  VpcEndpoints: 'ec2:DescribeVpcEndpoints',
};

function addCold(t: Tally, store: ScopeStore, vpcs: string[], full: boolean): void {
  if (full) {
    // Filter batches of instance ids; each batch's instances fit one page.
    t.add('ec2:DescribeInstances', batches(instanceIds({ store }).length, EC2_FILTER_VALUES));
  }
  for (let i = 0; i < vpcs.length; i += EC2_FILTER_VALUES) {
    const group = vpcs.slice(i, i + EC2_FILTER_VALUES);
    for (const kind of VPC_KIND_NAMES) {
      const n = group.reduce((sum, vpc) => sum + (store.part(kind, vpc)?.length ?? 0), 0);
      t.add(VPC_KIND_ACTION[kind], pages(n, EC2_PAGE[kind]));
    }
  }
  if (!full) return;
  const lists = referencedPrefixLists({ store });
  t.add('ec2:DescribeManagedPrefixLists', batches(lists.length, EC2_FILTER_VALUES));
  for (const id of lists) {
    const entries = store.part('ManagedPrefixListEntries', id)?.[0]?.Entries.length ?? 0;
    t.add('ec2:GetManagedPrefixListEntries', pages(entries, EC2_PAGE.ManagedPrefixListEntries));
  }
}

export function addFloors(floors: readonly Floor[]): Floor {
  const byAction: Record<string, number> = {};
  for (const f of floors)
    for (const [k, v] of Object.entries(f.byAction)) byAction[k] = (byAction[k] ?? 0) + v;
  const sorted = Object.fromEntries(Object.entries(byAction).sort(([a], [b]) => a.localeCompare(b)));
  return { total: Object.values(sorted).reduce((a, b) => a + b, 0), byAction: sorted };
}
