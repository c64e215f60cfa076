// Parts of a patched model (model/patch.ts): target groups, container instances, the cluster index, lookups.
import {
  arnScope,
  clusterNameFromArn,
  containerInstanceCluster,
  scopeKey,
  type Snapshot,
} from '@porthole/shared';
import { targetsOf } from './buildElb.ts';
import type { PatchSeeds } from './patchTypes.ts';
import { memo } from './memo.ts';
import type { EstateModel, ServiceModel, TargetGroupModel, TaskModel } from './types.ts';

/** "account|region|cluster" of an ECS ARN in that cluster's account and region (names repeat across them). */
export function clusterSeed(anyArn: string, clusterName: string): string {
  const scope = arnScope(anyArn);
  return `${scope?.account ?? ''}|${scope?.region ?? ''}|${clusterName}`;
}

/**
 * New target group objects where the health or the registered services changed; `services` in the build's
 * order (services in model order, each once).
 */
export function patchTargetGroups(
  old: EstateModel,
  model: EstateModel,
  next: Snapshot,
  healthChanged: ReadonlySet<string>,
  seeds: PatchSeeds,
): void {
  const touched = new Set(healthChanged);
  for (const id of seeds.services) {
    for (const svc of [old.services.get(id), model.services.get(id)])
      for (const lb of svc?.loadBalancers ?? []) touched.add(lb.targetGroupArn);
  }
  const groups = [...touched].flatMap((arn) => old.targetGroups.get(arn) ?? []);
  if (groups.length === 0) return;
  const registered = new Map(groups.map((tg) => [tg.arn, [] as string[]]));
  for (const svc of model.services.values()) {
    for (const lb of svc.loadBalancers) {
      const list = registered.get(lb.targetGroupArn);
      if (list && !list.includes(svc.id)) list.push(svc.id);
    }
  }
  const parts = new Map(next.partitions.map((p) => [scopeKey(p), p]));
  model.targetGroups = new Map(old.targetGroups);
  for (const tg of groups) {
    const copy: TargetGroupModel = { ...tg, services: registered.get(tg.arn)! };
    if (healthChanged.has(tg.arn)) {
      // The last description of the group, as the build's map keeps it.
      const all = parts.get(scopeKey(tg.scope))?.data.LoadBalancerTargetHealth ?? [];
      const health = all.filter((h) => h.TargetGroupArn === tg.arn).at(-1);
      copy.targets = targetsOf(tg.arn, health);
    }
    model.targetGroups.set(tg.arn, copy);
    seeds.targetGroups.add(tg.arn);
  }
}

/**
 * The cluster index (ecsPlacement.ts) takes each container instance ARN's own cluster, and each task's
 * (cluster, container instance): tasks whose pair the ARNs already give add nothing, so moving them keeps it.
 */
export function pairsKept(old: EstateModel, model: EstateModel, tasks: readonly TaskModel[]): boolean {
  return tasks.every((t) => {
    const ci = t.raw.containerInstanceArn;
    if (!ci || !t.clusterArn) return true;
    const same = arnScope(ci);
    const ofCluster = arnScope(t.clusterArn);
    return (
      model.containerInstances.has(ci) &&
      old.containerInstances.has(ci) &&
      containerInstanceCluster(ci) === clusterNameFromArn(t.clusterArn) &&
      same?.account === ofCluster?.account &&
      same?.region === ofCluster?.region
    );
  });
}

/** The patched container instance map; the ARNs whose EC2 id changed, or null (an old-format ARN). */
export function patchContainerInstances(
  old: EstateModel,
  model: EstateModel,
  next: Snapshot,
  seeds: PatchSeeds,
): Set<string> | null {
  const ciChanged = new Set<string>();
  model.containerInstances = new Map();
  for (const part of next.partitions)
    for (const ci of part.data.containerInstances ?? [])
      model.containerInstances.set(ci.containerInstanceArn, ci.ec2InstanceId ?? null);
  const arns = new Set([...old.containerInstances.keys(), ...model.containerInstances.keys()]);
  for (const arn of arns) {
    if (old.containerInstances.get(arn) === model.containerInstances.get(arn)) continue;
    const cluster = containerInstanceCluster(arn);
    if (!cluster) return null; // an old-format ARN names no cluster: who shares it is not known here
    ciChanged.add(arn);
    seeds.clusters.add(clusterSeed(arn, cluster));
  }
  return ciChanged;
}

/** Changed ids of one kind by partition ("account/region"). */
export function byPartition(items: ReadonlyMap<string, ReadonlySet<string>>, kind: string) {
  const out = new Map<string, ReadonlySet<string>>();
  for (const [key, ids] of items) if (key.endsWith(`|${kind}`)) out.set(key.slice(0, -kind.length - 1), ids);
  return out;
}

/** ServiceModel by service ARN, once per model. */
export function servicesByArn(model: EstateModel): Map<string, ServiceModel> {
  return memo(model, 'servicesByArn', '', () => new Map([...model.services.values()].map((s) => [s.arn, s])));
}
