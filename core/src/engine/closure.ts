// Which entities and findings an ECS / target-health change can reach (docs/incremental.md): from the patched
// items through the indexes that couple them (service ↔ target group ↔ load balancer, service ↔ cluster, a
// service's tasks, instances, subnets and their route tables), closed under "appears in the same finding", so
// every earlier finding is wholly inside the closure (re-evaluated) or wholly outside (kept).
import { scopeKey, type Finding } from '@porthole/shared';
import { servicePlacements } from '../analysis/ecsPlacement.ts';
import type { PatchSeeds } from '../model/patchTypes.ts';
import { clusterSeed } from '../model/patchGroups.ts';
import type { EstateModel, ServiceModel } from '../model/types.ts';
import { cachedRouteTable } from '../net/paths/hops.ts';
import { couplingOf, findingKeys, onInstances, type Coupling, type FindingIndex } from './closureIndex.ts';

export interface Closure {
  services: Set<string>;
  targetGroups: Set<string>;
  loadBalancers: Set<string>;
  /** "account/region|id" of every resource the closure's entities name. */
  keys: Set<string>;
}

/**
 * The closure of `seeds` over both models and the earlier findings (`raw`, what the rules returned); null
 * when it reaches more than `limit` of the services (then a full analysis is as cheap).
 */
export function closureOf(
  before: EstateModel,
  after: EstateModel,
  seeds: PatchSeeds,
  byKey: FindingIndex,
  limit: number,
): { closure: Closure; inside: Set<Finding> } | null {
  const models = [before, after];
  const couplings = models.map(couplingOf);
  const closure: Closure = {
    services: new Set(),
    targetGroups: new Set(),
    loadBalancers: new Set(),
    keys: new Set(),
  };
  const inside = new Set<Finding>();
  const pending: string[] = [];
  const key = (k: string) => {
    if (closure.keys.has(k)) return;
    closure.keys.add(k);
    pending.push(k);
  };
  const service = (id: string) => {
    if (closure.services.has(id)) return;
    closure.services.add(id);
    for (const m of models) {
      const svc = m.services.get(id);
      if (!svc) continue;
      serviceKeys(m, svc, key);
      for (const lb of svc.loadBalancers) group(lb.targetGroupArn);
      // Bridge/host services of one cluster share its container instances and host ports (awsvpc tasks
      // have their own ENIs; their instances reach the cluster index through PatchSeeds.clusters).
      if (onInstances(svc))
        for (const c of couplings)
          c.clusterServices.get(clusterSeed(svc.clusterArn ?? svc.arn, svc.clusterName))?.forEach(service);
    }
  };
  const group = (arn: string) => {
    if (closure.targetGroups.has(arn)) return;
    closure.targetGroups.add(arn);
    for (const m of models) {
      const tg = m.targetGroups.get(arn);
      if (!tg) continue;
      key(`${scopeKey(tg.scope)}|${arn}`);
      tg.services.forEach(service);
      tg.loadBalancerArns.forEach(balancer);
    }
  };
  const balancer = (arn: string) => {
    if (closure.loadBalancers.has(arn)) return;
    closure.loadBalancers.add(arn);
    const lb = after.loadBalancers.get(arn);
    if (lb) {
      key(`${scopeKey(lb.scope)}|${arn}`);
      for (const l of lb.listeners) {
        key(`${scopeKey(lb.scope)}|${l.arn}`);
        for (const r of l.rules) key(`${scopeKey(lb.scope)}|${r.arn}`);
      }
    }
    for (const c of couplings) c.lbGroups.get(arn)?.forEach(group);
  };
  seeds.services.forEach(service);
  seeds.targetGroups.forEach(group);
  seeds.loadBalancers.forEach(balancer);
  seeds.keys.forEach(key);
  for (const k of seeds.clusters) for (const c of couplings) c.clusterServices.get(k)?.forEach(service);
  const total = Math.max(before.services.size, after.services.size);
  // Every finding naming a key is inside; its own keys and entities join.
  while (pending.length > 0) {
    if (closure.services.size > limit * total) return null;
    const k = pending.pop()!;
    for (const f of byKey.get(k) ?? []) {
      if (inside.has(f)) continue;
      inside.add(f);
      for (const fk of findingKeys(f)) {
        key(fk);
        entityOf(fk, models, couplings, service, group, balancer);
      }
    }
  }
  if (closure.services.size > limit * total) return null;
  return { closure, inside };
}

function entityOf(
  k: string,
  models: EstateModel[],
  couplings: Coupling[],
  service: (id: string) => void,
  group: (arn: string) => void,
  balancer: (arn: string) => void,
): void {
  const bar = k.indexOf('|');
  const id = k.slice(bar + 1);
  if (id.startsWith('svc:')) return service(`${k.slice(0, bar)}/${id.slice(4)}`);
  for (const m of models) {
    if (m.targetGroups.has(id)) return group(id);
    if (m.loadBalancers.has(id)) return balancer(id);
  }
  for (const c of couplings) {
    const svc = c.serviceByArn.get(id);
    if (svc) return service(svc);
    const lb = c.partOf.get(id);
    if (lb) return balancer(lb);
  }
  // A task names its service.
  for (const m of models) {
    const owner = m.tasks.get(id)?.serviceKey;
    if (owner) return service(owner);
  }
}

/** What a service's findings can name: itself, its tasks, where they run (instances, subnets, route tables). */
function serviceKeys(model: EstateModel, svc: ServiceModel, key: (k: string) => void): void {
  const sk = scopeKey(svc.scope);
  const ids = [`svc:${svc.key}`, svc.arn, ...(svc.taskDefinitionArn ? [svc.taskDefinitionArn] : [])];
  if (svc.clusterArn) ids.push(svc.clusterArn);
  for (const t of svc.tasks) {
    ids.push(t.arn);
    for (const x of [t.eniId, t.instanceId, t.subnetId]) if (x) ids.push(x);
  }
  for (const s of svc.awsvpc?.subnets ?? []) ids.push(s);
  for (const p of servicePlacements(model, svc).placements) {
    ids.push(p.id, p.subnetId);
    const table = p.vpcId ? cachedRouteTable(model, svc.scope, p.subnetId, p.vpcId) : null;
    if (table) ids.push(table.table.RouteTableId);
  }
  for (const id of ids) key(`${sk}|${id}`);
}
