// A model patched for changed ECS items and target health, without touching the model it came from (the
// daemon's drill-downs may still read it): every unchanged index is shared by reference, new Maps only where
// items changed. Built with the model build's own per-item functions, so a patched item equals a built one.
// Returns null for anything else (docs/incremental.md): the caller rebuilds.
import {
  clusterNameFromArn,
  scopeKey,
  type Service,
  type Snapshot,
  type SnapshotScope,
  type TaskDefinition,
} from '@porthole/shared';
import { serviceModel, taskModel } from './buildEcs.ts';
import {
  byPartition,
  clusterSeed,
  pairsKept,
  patchContainerInstances,
  patchTargetGroups,
  servicesByArn,
} from './patchGroups.ts';
import { CLUSTER_TABLE, inheritMemo, shareMemo, shareNetworkMemo } from './memo.ts';
import { patchInterfaces, seedInterfaceTasks } from './patchInterfaces.ts';
import type { ModelPatch, PatchSeeds } from './patchTypes.ts';
import type { EstateModel, ServiceModel, TaskModel } from './types.ts';

export type { ModelPatch, PatchSeeds };

/**
 * The kinds a patch covers; `clusters` and `TargetGroupAttributes` are read by no model field; of the
 * NetworkInterfaces, only task ENIs (attached to no instance) that come and go with their tasks.
 */
const PATCHED = new Set([
  'services',
  'tasks',
  'taskDefinitions',
  'containerInstances',
  'LoadBalancerTargetHealth',
  'clusters',
  'TargetGroupAttributes',
  'NetworkInterfaces',
]);

/** `items`: "account/region|kind" → changed item ids (engine/snapshotChanges.ts). */
export function patchModel(
  old: EstateModel,
  next: Snapshot,
  keys: ReadonlySet<string>,
  items: ReadonlyMap<string, ReadonlySet<string>>,
): ModelPatch | null {
  const changed = (kind: string) =>
    new Set([...items].flatMap(([k, ids]) => (k.endsWith(`|${kind}`) ? [...ids] : [])));
  for (const key of keys) {
    const kind = key.slice(key.lastIndexOf('|') + 1);
    if (key === '*' || !PATCHED.has(kind) || !items.has(key)) return null;
  }
  if (new Set(next.partitions.map(scopeKey)).size !== next.partitions.length) return null;
  const seeds: PatchSeeds = {
    services: new Set(),
    targetGroups: new Set(),
    clusters: new Set(),
    loadBalancers: new Set(),
    keys: new Set(),
  };
  const model: EstateModel = { ...old };
  shareNetworkMemo(model, old);

  // Container instances: only the instance → EC2 id map is modelled (the rest of the item changes each poll).
  const ciChanged =
    changed('containerInstances').size > 0
      ? patchContainerInstances(old, model, next, seeds)
      : new Set<string>();
  if (!ciChanged) return null;
  const tdChanged = changed('taskDefinitions');
  const taskDefs = new Map<string, TaskDefinition>();
  for (const part of next.partitions)
    for (const td of part.data.taskDefinitions ?? []) taskDefs.set(td.taskDefinitionArn, td);

  // Services: the old map copied and the changed ones replaced in place; when services come or go, the map
  // again in snapshot order (the rules iterate it, and their output follows its order).
  const svcChanged = byPartition(items, 'services');
  const fresh = new Set<string>();
  const rebuiltByArn = new Map<string, ServiceModel>();
  const rebuild = (svc: Service, scope: SnapshotScope) => {
    const service = rebuiltByArn.get(svc.serviceArn) ?? serviceModel(svc, scope, taskDefs);
    rebuiltByArn.set(svc.serviceArn, service);
    fresh.add(service.id);
    return service;
  };
  let services = new Map(old.services);
  const oldByArn = servicesByArn(old);
  let moved = false;
  for (const part of next.partitions) {
    const ids = svcChanged.get(scopeKey(part));
    if (!ids && tdChanged.size === 0) continue;
    const scope = { account: part.account, region: part.region };
    const seen = new Set<string>();
    for (const svc of part.data.services ?? []) {
      const was = oldByArn.get(svc.serviceArn);
      if (was && !ids?.has(svc.serviceArn) && !(svc.taskDefinition && tdChanged.has(svc.taskDefinition)))
        continue;
      seen.add(svc.serviceArn);
      const service = rebuild(svc, scope);
      if (was?.id !== service.id) moved = true;
      services.set(service.id, service);
    }
    for (const arn of ids ?? []) if (!seen.has(arn)) moved = true;
  }
  if (moved) {
    const byId = services;
    services = new Map();
    for (const part of next.partitions) {
      const scope = { account: part.account, region: part.region };
      for (const svc of part.data.services ?? []) {
        const was = oldByArn.get(svc.serviceArn);
        const kept = was && !rebuiltByArn.has(svc.serviceArn) ? byId.get(was.id) : undefined;
        const service = kept === was && kept ? kept : rebuild(svc, scope);
        services.set(service.id, service);
      }
    }
  }
  for (const s of old.services.values()) if (services.get(s.id) !== s) seeds.services.add(s.id);
  for (const id of fresh) seeds.services.add(id);

  // Tasks: the old map copied, the changed ones replaced or removed; a new task goes last (only the cluster
  // index iterates this map, and it sorts). A service whose task list changes gets a new object.
  const taskChanged = byPartition(items, 'tasks');
  const scanAll = tdChanged.size > 0 || ciChanged.size > 0;
  const tasks = new Map(old.tasks);
  const rebuilt: TaskModel[] = [];
  for (const part of next.partitions) {
    const ids = taskChanged.get(scopeKey(part));
    if (!ids && !scanAll) continue;
    const scope = { account: part.account, region: part.region };
    const seen = new Set<string>();
    for (const task of part.data.tasks ?? []) {
      const was = old.tasks.get(task.taskArn);
      const rebuild =
        !was ||
        ids?.has(task.taskArn) ||
        (task.taskDefinitionArn && tdChanged.has(task.taskDefinitionArn)) ||
        (task.containerInstanceArn && ciChanged.has(task.containerInstanceArn));
      if (!rebuild) continue;
      seen.add(task.taskArn);
      const t = taskModel(model, task, scope, taskDefs);
      tasks.set(task.taskArn, t);
      rebuilt.push(t);
      if (was) rebuilt.push(was);
      if (was?.serviceKey) seeds.services.add(was.serviceKey);
      if (t.serviceKey) seeds.services.add(t.serviceKey);
    }
    for (const id of ids ?? []) {
      const was = old.tasks.get(id);
      if (seen.has(id) || !was) continue;
      tasks.delete(id);
      rebuilt.push(was);
      if (was.serviceKey) seeds.services.add(was.serviceKey);
    }
  }
  // Each seeded service's task list again, in snapshot order, from the partitions that hold them.
  const lists = new Map<string, TaskModel[]>();
  const holding = new Set([...seeds.services].flatMap((id) => services.get(id)?.scope ?? []).map(scopeKey));
  for (const part of next.partitions) {
    if (!holding.has(scopeKey(part))) continue;
    for (const task of part.data.tasks ?? []) {
      const t = tasks.get(task.taskArn);
      if (!t?.serviceKey || !seeds.services.has(t.serviceKey)) continue;
      const list = lists.get(t.serviceKey);
      if (list) list.push(t);
      else lists.set(t.serviceKey, [t]);
    }
  }
  for (const id of seeds.services) {
    const svc = services.get(id);
    if (!svc) continue;
    const list = lists.get(id) ?? [];
    // Tasks whose service is not (yet) in the snapshot stay out of every list, as in the build.
    services.set(id, fresh.has(id) ? Object.assign(svc, { tasks: list }) : { ...svc, tasks: list });
  }
  model.services = services;
  model.tasks = tasks;
  const enis = [...items].filter(([k]) => k.endsWith('|NetworkInterfaces'));
  for (const [key, ids] of enis) {
    const part = next.partitions.find((p) => scopeKey(p) === key.slice(0, key.lastIndexOf('|')))!;
    if (!patchInterfaces(old, model, part, ids, seeds)) return null;
  }
  if (enis.length > 0) seedInterfaceTasks([old, model], seeds.keys, seeds);
  if (model.containerInstances === old.containerInstances && pairsKept(old, model, rebuilt)) {
    shareMemo(model, old, [CLUSTER_TABLE]);
    // A placement reads its service (with its tasks), their ENIs, the cluster index and the network.
    inheritMemo(model, old, 'servicePlacements', (id) => !seeds.services.has(id));
  } else {
    // The cluster index may change: every bridge/host service of the clusters these tasks ran in.
    for (const t of rebuilt)
      if (t.clusterArn) seeds.clusters.add(clusterSeed(t.clusterArn, clusterNameFromArn(t.clusterArn)));
  }
  patchTargetGroups(old, model, next, changed('LoadBalancerTargetHealth'), seeds);
  return { model, seeds };
}
