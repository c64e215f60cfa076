// Which entities and findings an ECS / target-health change can reach (docs/incremental.md): from the patched
// items through the indexes that couple them (service ↔ target group ↔ load balancer, service ↔ cluster, a
// service's tasks, instances, subnets and their route tables), closed under "appears in the same finding", so
// every earlier finding is wholly inside the closure (re-evaluated) or wholly outside (kept).
import { scopeKey, type Finding } from '@porthole/shared';
import { isAwsvpc, servicePlacements } from '../analysis/ecsPlacement.ts';
import type { PatchSeeds } from '../model/patch.ts';
import { clusterSeed } from '../model/patchGroups.ts';
import type { EstateModel, ServiceModel } from '../model/types.ts';
import { cachedRouteTable } from '../net/paths/hops.ts';
import { memo } from '../model/memo.ts';

export interface Closure {
  services: Set<string>;
  targetGroups: Set<string>;
  loadBalancers: Set<string>;
  /** "account/region|id" of every resource the closure's entities name. */
  keys: Set<string>;
}

/** A finding's resources, targets and services as closure keys. */
export function findingKeys(f: Finding): string[] {
  const sk = `${f.account ?? '?'}/${f.region ?? '?'}`;
  const out = f.resources.map((r) => `${sk}|${r}`);
  for (const t of f.targets) out.push(`${sk}|${t.targetGroupArn}`);
  if (f.service) out.push(`${sk}|svc:${f.service}`);
  for (const s of f.services) out.push(`${sk}|svc:${s}`);
  return out;
}

/** Closure key → the findings naming it. */
export type FindingIndex = Map<string, Finding[]>;

export function indexFindings(raw: readonly Finding[], into: FindingIndex = new Map()): FindingIndex {
  for (const f of raw) {
    for (const k of findingKeys(f)) {
      const list = into.get(k);
      if (list) list.push(f);
      else into.set(k, [f]);
    }
  }
  return into;
}

/** The index without `gone` (in place: the update that drops them owns it from then on). */
export function unindexFindings(index: FindingIndex, gone: ReadonlySet<Finding>): void {
  const keys = new Set([...gone].flatMap(findingKeys));
  for (const k of keys) {
    const kept = (index.get(k) ?? []).filter((f) => !gone.has(f));
    if (kept.length > 0) index.set(k, kept);
    else index.delete(k);
  }
}

export interface Coupling {
  /** Load balancer → target groups it forwards to or that name it. */
  lbGroups: Map<string, Set<string>>;
  /** Bridge/host services by cluster. */
  clusterServices: Map<string, string[]>;
  serviceByArn: Map<string, string>;
}

/** Once per model (the next update reads the same model as its "before"). */
export function couplingOf(m: EstateModel): Coupling {
  return memo(m, 'closureCoupling', '', () => {
    const lbGroups = new Map<string, Set<string>>();
    const add = (lb: string, tg: string) => lbGroups.set(lb, (lbGroups.get(lb) ?? new Set()).add(tg));
    const clusterServices = new Map<string, string[]>();
    const serviceByArn = new Map<string, string>();
    for (const lb of m.loadBalancers.values())
      for (const l of lb.listeners)
        for (const r of l.rules) for (const tg of r.targetGroupArns) add(lb.arn, tg);
    for (const tg of m.targetGroups.values()) for (const lb of tg.loadBalancerArns) add(lb, tg.arn);
    const clusterKeys = new Map<string, string>();
    for (const svc of m.services.values()) {
      serviceByArn.set(svc.arn, svc.id);
      if (!onInstances(svc)) continue;
      const arn = svc.clusterArn ?? svc.arn;
      let key = clusterKeys.get(`${arn}|${svc.clusterName}`);
      if (key === undefined) {
        key = clusterSeed(arn, svc.clusterName);
        clusterKeys.set(`${arn}|${svc.clusterName}`, key);
      }
      const list = clusterServices.get(key);
      if (list) list.push(svc.id);
      else clusterServices.set(key, [svc.id]);
    }
    return { lbGroups, clusterServices, serviceByArn };
  });
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
  }
}

/**
 * Whether a service's tasks run on its cluster's container instances: bridge/host mode, or awsvpc tasks on
 * EC2. Such services share the instances (host ports, which instance a service covers): coupled by cluster.
 */
export function onInstances(svc: ServiceModel): boolean {
  return isAwsvpc(svc) !== true || svc.tasks.some((t) => t.instanceId !== null);
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
