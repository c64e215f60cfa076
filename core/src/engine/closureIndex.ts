// Indexes of the incremental closure (closure.ts): the earlier findings by the keys they name, carried from one
// update to the next, and the couplings of one model (load balancer → target groups, cluster → the services on
// its instances, ARNs → entities), computed once per model.
import type { Finding } from '@porthole/shared';
import { memo } from '../model/memo.ts';
import { clusterSeed } from '../model/patchGroups.ts';
import type { EstateModel, ServiceModel } from '../model/types.ts';
import { isAwsvpc } from '../analysis/ecsPlacement.ts';

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
  /** Listener and rule ARN → its load balancer (a finding may name only the listener). */
  partOf: Map<string, string>;
}

/** Once per model (the next update reads the same model as its "before"). */
export function couplingOf(m: EstateModel): Coupling {
  return memo(m, 'closureCoupling', '', () => {
    const lbGroups = new Map<string, Set<string>>();
    const add = (lb: string, tg: string) => lbGroups.set(lb, (lbGroups.get(lb) ?? new Set()).add(tg));
    const clusterServices = new Map<string, string[]>();
    const serviceByArn = new Map<string, string>();
    const partOf = new Map<string, string>();
    for (const lb of m.loadBalancers.values())
      for (const l of lb.listeners) {
        partOf.set(l.arn, lb.arn);
        for (const r of l.rules) {
          partOf.set(r.arn, lb.arn);
          for (const tg of r.targetGroupArns) add(lb.arn, tg);
        }
      }
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
    return { lbGroups, clusterServices, serviceByArn, partOf };
  });
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

/**
 * Whether a service's tasks run on its cluster's container instances: bridge/host mode, or awsvpc tasks on
 * EC2. Such services share the instances (host ports, which instance a service covers): coupled by cluster.
 */
export function onInstances(svc: ServiceModel): boolean {
  return isAwsvpc(svc) !== true || svc.tasks.some((t) => t.instanceId !== null);
}
