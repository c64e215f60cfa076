// EC2 network objects (cold tier), only for the VPCs in use and always filtered and paginated:
// never an unfiltered DescribeInstances/NetworkInterfaces/SecurityGroups (those get the smaller
// unfiltered throttle bucket, EC2 API reference "Request throttling").
import {
  paginateDescribeInstances,
  paginateDescribeManagedPrefixLists,
  paginateGetManagedPrefixListEntries,
} from '@aws-sdk/client-ec2';
import { allItems, chunk } from './api.ts';
import type { CollectContext } from './context.ts';
import { ingest } from './ingest.ts';
import { VPC_KIND_NAMES, VPC_KINDS, vpcOf } from './ec2VpcKinds.ts';
import { grouped, perParent, type Item } from './store.ts';
import { EC2_FILTER_VALUES, EC2_PAGE, vpcsInUse } from './vpcs.ts';

/**
 * Cold tier. Without `only`, everything for every VPC in use (parts of VPCs no longer in use are
 * dropped); with `only`, just those VPCs (a target changed state there).
 */
export async function collectEc2Cold(ctx: CollectContext, only?: readonly string[]): Promise<void> {
  const { api, store, now, warnings } = ctx;
  if (!only) await collectInstances(ctx);
  const vpcIds = only ? [...only].sort() : vpcsInUse(store);
  await Promise.all(
    VPC_KIND_NAMES.map(async (kind) => {
      const fetched = await grouped(
        (item: Record<string, unknown>) => vpcOf(kind, item),
        async () => {
          const batches = await Promise.all(
            chunk(vpcIds, EC2_FILTER_VALUES).map((Values) =>
              VPC_KINDS[kind]([{ Name: 'vpc-id', Values }], api),
            ),
          );
          return ingest(kind, batches.flat(), warnings) as Record<string, unknown>[];
        },
      );
      const before = store.state(kind).fetchedAt;
      store.apply(kind, now, fetched as never, only ? { keys: vpcIds, complete: false } : {});
      // Without the load balancers or target groups the VPCs in use are unknown: an empty list
      // must not pass for "this VPC has no such objects".
      const blind = only ? null : (store.unavailable('LoadBalancers') ?? store.unavailable('TargetGroups'));
      // With no VPC known nothing was read, so the fetch time does not move either.
      if (blind) store.fail(kind, blind, vpcIds.length === 0 ? { fetchedAt: before } : {});
    }),
  );
  if (!only) await collectPrefixLists(ctx);
}

/** The EC2 instances behind the container instances, by id (filtered, so a gone id is no error). */
async function collectInstances(ctx: CollectContext): Promise<void> {
  const { api, store, now, warnings } = ctx;
  const ids = instanceIds(ctx);
  const fetched = await grouped(
    () => '*',
    async () => {
      const batches = await Promise.all(
        chunk(ids, EC2_FILTER_VALUES).map((Values) =>
          allItems(
            api.ec2Pages(paginateDescribeInstances, {
              Filters: [{ Name: 'instance-id', Values }],
              MaxResults: EC2_PAGE.Reservations,
            }),
            (out) => out.Reservations,
          ),
        ),
      );
      return ingest('Reservations', batches.flat(), warnings);
    },
  );
  const before = store.state('Reservations').fetchedAt;
  store.apply('Reservations', now, fetched);
  const missing = store.unavailable('containerInstances');
  if (missing) store.fail('Reservations', missing, ids.length === 0 ? { fetchedAt: before } : {});
}

export function instanceIds(ctx: Pick<CollectContext, 'store'>): string[] {
  const ids = ctx.store
    .items('containerInstances')
    .flatMap((ci) => (ci.ec2InstanceId ? [ci.ec2InstanceId] : []));
  return [...new Set(ids)].sort();
}

/** Prefix lists that security group rules and routes reference, with their entries. */
export function referencedPrefixLists(ctx: Pick<CollectContext, 'store'>): string[] {
  const ids = new Set<string>();
  for (const sg of ctx.store.items('SecurityGroups')) {
    for (const perm of [...(sg.IpPermissions ?? []), ...(sg.IpPermissionsEgress ?? [])]) {
      for (const p of perm.PrefixListIds ?? []) ids.add(p.PrefixListId);
    }
  }
  for (const table of ctx.store.items('RouteTables')) {
    for (const route of table.Routes)
      if (route.DestinationPrefixListId) ids.add(route.DestinationPrefixListId);
  }
  return [...ids].sort();
}

async function collectPrefixLists(ctx: CollectContext): Promise<void> {
  const { api, store, now, warnings } = ctx;
  const ids = referencedPrefixLists(ctx);
  const lists = await grouped(
    (list: Item<'PrefixLists'>) => list.PrefixListId,
    async () => {
      const batches = await Promise.all(
        chunk(ids, EC2_FILTER_VALUES).map((Values) =>
          allItems(
            api.ec2Pages(paginateDescribeManagedPrefixLists, {
              Filters: [{ Name: 'prefix-list-id', Values }],
              MaxResults: EC2_PAGE.PrefixLists,
            }),
            (out) => out.PrefixLists,
          ),
        ),
      );
      return ingest('PrefixLists', batches.flat(), warnings);
    },
  );
  const listsBefore = store.state('PrefixLists').fetchedAt;
  store.apply('PrefixLists', now, lists);
  const entries = await perParent(
    ids,
    (id) => id,
    async (PrefixListId) => {
      const input = { PrefixListId, MaxResults: EC2_PAGE.ManagedPrefixListEntries };
      const all = await allItems(
        api.ec2Pages(paginateGetManagedPrefixListEntries, input),
        (out) => out.Entries,
      );
      return ingest('ManagedPrefixListEntries', [{ PrefixListId, Entries: all }], warnings);
    },
  );
  const entriesBefore = store.state('ManagedPrefixListEntries').fetchedAt;
  store.apply('ManagedPrefixListEntries', now, entries);
  // Which lists are referenced is known only from the security groups and route tables.
  const blind = store.unavailable('SecurityGroups') ?? store.unavailable('RouteTables');
  if (blind) {
    const nothingRead = ids.length === 0;
    store.fail('PrefixLists', blind, nothingRead ? { fetchedAt: listsBefore } : {});
    store.fail('ManagedPrefixListEntries', blind, nothingRead ? { fetchedAt: entriesBefore } : {});
  }
}
