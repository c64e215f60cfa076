// ECS: clusters (warm), services, tasks, container instances and task definitions (hot).
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  paginateListClusters,
  paginateListServices,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { allItems, chunk } from './api.ts';
import type { CollectContext } from './context.ts';
import { ingest } from './ingest.ts';
import { grouped, perParent } from './store.ts';

// ECS API reference: list calls return up to 100 per page (ListServices defaults to 10);
// DescribeClusters, DescribeTasks and DescribeContainerInstances take up to 100 ids,
// DescribeServices up to 10.
export const ECS_LIST_PAGE = 100;
export const DESCRIBE_CLUSTERS_BATCH = 100;
export const DESCRIBE_SERVICES_BATCH = 10;
export const DESCRIBE_TASKS_BATCH = 100;
export const DESCRIBE_CONTAINER_INSTANCES_BATCH = 100;
/** Stopped tasks explain failed starts (stoppedReason); one page of the most recent is enough. */
export const STOPPED_TASKS_PAGE = 100;

export async function collectClusters(ctx: CollectContext): Promise<void> {
  const { api, store, now, warnings } = ctx;
  const fetched = await grouped(
    () => '*',
    async () => {
      const pages = api.ecsPages(paginateListClusters, { maxResults: ECS_LIST_PAGE });
      const arns = await allItems(pages, (out) => out.clusterArns);
      const batches = await Promise.all(
        chunk(arns, DESCRIBE_CLUSTERS_BATCH).map(async (clusters) => {
          const out = await api.ecs(new DescribeClustersCommand({ clusters }));
          return ingest('clusters', out.clusters, warnings);
        }),
      );
      return batches.flat();
    },
  );
  store.apply('clusters', now, fetched);
}

/** Hot tier: per cluster, services and tasks; then the container instances and task definitions they use. */
export async function collectEcsHot(ctx: CollectContext): Promise<void> {
  const { store, now } = ctx;
  const missing = store.unavailable('clusters');
  if (missing) {
    for (const kind of ['services', 'tasks', 'containerInstances', 'taskDefinitions'] as const)
      store.fail(kind, missing);
    return;
  }
  const clusters = store.items('clusters').map((c) => c.clusterArn);
  const [services, tasks] = await Promise.all([
    perParent(
      clusters,
      (arn) => arn,
      (cluster) => servicesOf(ctx, cluster),
    ),
    perParent(
      clusters,
      (arn) => arn,
      (cluster) => tasksOf(ctx, cluster),
    ),
  ]);
  store.apply('services', now, services);
  store.apply('tasks', now, tasks);

  // Container instances of the tasks just seen; a cluster whose tasks failed keeps its old ones.
  const instances = await perParent(
    clusters.filter((c) => tasks.parts.has(c)),
    (arn) => arn,
    (cluster) => containerInstancesOf(ctx, cluster, tasks.parts.get(cluster) ?? []),
  );
  const tasksComplete = tasks.errors.length === 0;
  store.apply('containerInstances', now, instances, tasksComplete ? {} : { keys: [...tasks.parts.keys()] });
  if (!tasksComplete) store.fail('containerInstances', `follows tasks: ${store.state('tasks').error}`);
  await collectTaskDefinitions(ctx);
}

async function servicesOf(ctx: CollectContext, cluster: string) {
  const { api, warnings } = ctx;
  const pages = api.ecsPages(paginateListServices, { cluster, maxResults: ECS_LIST_PAGE });
  const arns = await allItems(pages, (out) => out.serviceArns);
  const batches = await Promise.all(
    chunk(arns, DESCRIBE_SERVICES_BATCH).map(async (services) => {
      const out = await api.ecs(new DescribeServicesCommand({ cluster, services }));
      return ingest('services', out.services, warnings);
    }),
  );
  return batches.flat();
}

async function tasksOf(ctx: CollectContext, cluster: string) {
  const { api, warnings } = ctx;
  const [running, stopped] = await Promise.all([
    allItems(api.ecsPages(paginateListTasks, { cluster, maxResults: ECS_LIST_PAGE }), (out) => out.taskArns),
    api
      .ecs(new ListTasksCommand({ cluster, desiredStatus: 'STOPPED', maxResults: STOPPED_TASKS_PAGE }))
      .then((out) => out.taskArns ?? []),
  ]);
  const arns = [...new Set([...running, ...stopped])];
  const batches = await Promise.all(
    chunk(arns, DESCRIBE_TASKS_BATCH).map(async (taskIds) => {
      const out = await api.ecs(new DescribeTasksCommand({ cluster, tasks: taskIds }));
      return ingest('tasks', out.tasks, warnings);
    }),
  );
  return batches.flat();
}

async function containerInstancesOf(
  ctx: CollectContext,
  cluster: string,
  tasks: { containerInstanceArn?: string | null }[],
) {
  const { api, warnings } = ctx;
  const arns = [
    ...new Set(tasks.flatMap((t) => (t.containerInstanceArn ? [t.containerInstanceArn] : []))),
  ].sort();
  const batches = await Promise.all(
    chunk(arns, DESCRIBE_CONTAINER_INSTANCES_BATCH).map(async (containerInstances) => {
      const out = await api.ecs(new DescribeContainerInstancesCommand({ cluster, containerInstances }));
      return ingest('containerInstances', out.containerInstances, warnings);
    }),
  );
  return batches.flat();
}

/** Task definitions referenced now; an ARN is immutable, so each is fetched once and kept forever. */
export function referencedTaskDefinitions(ctx: CollectContext): Set<string> {
  const refs = new Set<string>();
  for (const svc of ctx.store.items('services')) {
    if (svc.taskDefinition) refs.add(svc.taskDefinition);
    for (const d of svc.deployments ?? []) if (d.taskDefinition) refs.add(d.taskDefinition);
  }
  for (const task of ctx.store.items('tasks')) if (task.taskDefinitionArn) refs.add(task.taskDefinitionArn);
  return refs;
}

async function collectTaskDefinitions(ctx: CollectContext): Promise<void> {
  const { api, store, now, warnings } = ctx;
  const refs = referencedTaskDefinitions(ctx);
  store.taskDefinitionRefs = refs;
  const wanted = [...refs].filter((arn) => !store.part('taskDefinitions', arn)).sort();
  store.newTaskDefinitions = wanted.length;
  const fetched = await perParent(
    wanted,
    (arn) => arn,
    async (taskDefinition) => {
      const out = await api.ecs(new DescribeTaskDefinitionCommand({ taskDefinition }));
      return ingest('taskDefinitions', out.taskDefinition ? [out.taskDefinition] : [], warnings);
    },
  );
  // Only the new ARNs are touched: the cache keeps every definition already fetched.
  store.apply('taskDefinitions', now, fetched, { keys: wanted, complete: true });
}
