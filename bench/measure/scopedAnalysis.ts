// A measurement harness, not an engine feature: re-analyses one service by running the unchanged engine on a
// view of the model that holds only that service, its target groups, load balancers, tasks and container
// instances (the network maps are shared). This is what an incremental engine would evaluate after a change
// confined to one service; the caller checks its findings equal the full analysis' for that service.
import type { ScanResult } from '@porthole/shared';
import { analyzeModel } from '@porthole/core/engine/index.js';
import type { EstateModel } from '@porthole/core/model/types.js';

export function serviceSlice(model: EstateModel, serviceId: string): EstateModel {
  const svc = model.services.get(serviceId);
  if (!svc) throw new Error(`service ${serviceId} not in the model`);
  const tgArns = new Set(svc.loadBalancers.map((l) => l.targetGroupArn));
  const targetGroups = new Map(
    [...tgArns].flatMap((arn) => {
      const tg = model.targetGroups.get(arn);
      return tg ? [[arn, tg] as const] : [];
    }),
  );
  const lbArns = new Set([...targetGroups.values()].flatMap((tg) => tg.loadBalancerArns));
  // New-format container instance ARNs name their cluster: container-instance/<cluster>/<id>.
  const inCluster = `:container-instance/${svc.clusterName}/`;
  return {
    ...model,
    services: new Map([[serviceId, svc]]),
    targetGroups,
    loadBalancers: new Map(
      [...lbArns].flatMap((arn) => {
        const lb = model.loadBalancers.get(arn);
        return lb ? [[arn, lb] as const] : [];
      }),
    ),
    tasks: new Map(svc.tasks.map((t) => [t.arn, t])),
    containerInstances: new Map([...model.containerInstances].filter(([arn]) => arn.includes(inCluster))),
  };
}

export function analyzeOneService(model: EstateModel, serviceId: string): ScanResult {
  return analyzeModel(serviceSlice(model, serviceId));
}

/** Findings of `service` ("cluster/service") in both results, as sorted ids; equal when the slice is faithful. */
export function sameFindings(
  full: ScanResult,
  scoped: ScanResult,
  serviceKey: string,
): { full: string[]; scoped: string[]; equal: boolean } {
  const ids = (r: ScanResult) =>
    r.findings
      .filter((f) => f.service === serviceKey)
      .map((f) => f.id)
      .sort();
  const a = ids(full);
  const b = ids(scoped);
  return { full: a, scoped: b, equal: JSON.stringify(a) === JSON.stringify(b) };
}
