// Service identity: "cluster/service" is the public name, unique only within one account and region.
import type { SnapshotScope } from '@porthole/shared';
import type { EstateModel, ServiceModel } from './types.ts';

export function serviceId(scope: SnapshotScope, key: string): string {
  return `${scope.account ?? '?'}/${scope.region ?? '?'}/${key}`;
}

/** Find a service by its public name ("cluster/service"), optionally narrowed to an account and region. */
export function findService(
  model: EstateModel,
  name: string,
  scope?: { account?: string | null; region?: string | null },
): ServiceModel | null {
  for (const svc of model.services.values()) {
    if (svc.key !== name) continue;
    if (scope?.account && svc.scope.account !== scope.account) continue;
    if (scope?.region && svc.scope.region !== scope.region) continue;
    return svc;
  }
  return null;
}
