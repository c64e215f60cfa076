// Where a service's tasks run as the network sees them: task ENIs / configured subnets (awsvpc), or the
// container instances of its cluster (bridge/host). ECS guide, "Task networking" (awsvpc, bridge, host).
import { arnScope, clusterNameFromArn, containerInstanceCluster, pushAll } from '@porthole/shared';
import { endpointForEni, endpointForInstance } from '../model/endpoints.ts';
import { memo } from '../model/memo.ts';
import { dataGaps } from '../model/scopes.ts';
import type { EstateModel, ServiceModel } from '../model/types.ts';

export interface Placement {
  kind: 'task' | 'instance';
  /** Task ENI id, EC2 instance id, or the subnet id when only the service's configuration names it. */
  id: string;
  subnetId: string;
  vpcId: string | null;
  /** A private IP, or the subnet CIDR standing for "any task in this subnet". */
  address: string | null;
  publicIp: string | null;
  /** awsvpc `assignPublicIp: ENABLED` (Fargate only): each task ENI gets a public IP at launch. */
  publicIpAssigned: boolean;
  securityGroupIds: string[];
}

export interface ServicePlacements {
  mode: 'awsvpc' | 'instance' | null;
  placements: Placement[];
  /** Why some placements could not be resolved (missing kinds, ids not in the snapshot). */
  gaps: string[];
}

export function isAwsvpc(svc: ServiceModel): boolean | null {
  if (svc.networkMode) return svc.networkMode === 'awsvpc';
  // No task definition: Fargate is always awsvpc, and only awsvpc services carry an awsvpcConfiguration.
  if (svc.launchType === 'FARGATE' || svc.awsvpc) return true;
  return null;
}

/** Where a service's tasks run (or would), once per model and service: three rules ask for every service. */
export function servicePlacements(model: EstateModel, svc: ServiceModel): ServicePlacements {
  return memo(model, 'servicePlacements', svc.id, () => placementsOf(model, svc));
}

function placementsOf(model: EstateModel, svc: ServiceModel): ServicePlacements {
  const awsvpc = isAwsvpc(svc);
  if (awsvpc === null)
    return { mode: null, placements: [], gaps: dataGapsOr(model, svc, ['taskDefinitions']) };
  return awsvpc ? awsvpcPlacements(model, svc) : instancePlacements(model, svc);
}

function dataGapsOr(model: EstateModel, svc: ServiceModel, kinds: Parameters<typeof dataGaps>[2]): string[] {
  const gaps = dataGaps(model, svc.scope, kinds);
  return gaps.length > 0 ? gaps : [`task definition ${svc.taskDefinitionArn ?? '?'} not in the snapshot`];
}

function awsvpcPlacements(model: EstateModel, svc: ServiceModel): ServicePlacements {
  const gaps: string[] = [];
  const bySubnet = new Map<string, Placement>();
  const configured = svc.awsvpc?.subnets ?? [];
  const assigned = svc.awsvpc?.assignPublicIp === 'ENABLED';
  const groups = svc.awsvpc?.securityGroups ?? [];
  const live = svc.tasks.filter((t) => t.lastStatus !== 'STOPPED' && t.subnetId);
  for (const task of live) {
    const eni = task.eniId ? endpointForEni(model, svc.scope, task.eniId) : null;
    const subnetId = task.subnetId!;
    const seen = bySubnet.get(subnetId);
    const placement: Placement = seen ?? {
      kind: 'task',
      id: task.eniId ?? subnetId,
      subnetId,
      vpcId: eni?.vpcId ?? model.subnets.get(svc.scope, subnetId)?.VpcId ?? null,
      address: task.privateIp,
      publicIp: null,
      publicIpAssigned: assigned,
      securityGroupIds: [...groups],
    };
    placement.publicIp ??= eni?.publicIp ?? null;
    for (const id of eni?.securityGroupIds ?? [])
      if (!placement.securityGroupIds.includes(id)) placement.securityGroupIds.push(id);
    bySubnet.set(subnetId, placement);
  }
  for (const subnetId of configured) {
    if (bySubnet.has(subnetId)) continue;
    const subnet = model.subnets.get(svc.scope, subnetId);
    bySubnet.set(subnetId, {
      kind: 'task',
      id: subnetId,
      subnetId,
      vpcId: subnet?.VpcId ?? null,
      address: subnet?.CidrBlock ?? null,
      publicIp: null,
      publicIpAssigned: assigned,
      securityGroupIds: [...groups],
    });
  }
  for (const p of bySubnet.values()) {
    if (p.vpcId) continue;
    const missing = dataGaps(model, svc.scope, ['Subnets']);
    pushAll(gaps, missing.length > 0 ? missing : [`subnet ${p.subnetId} not in the snapshot`]);
  }
  if (bySubnet.size === 0) gaps.push(`${svc.key} has no awsvpc subnets in its configuration or tasks`);
  return { mode: 'awsvpc', placements: [...bySubnet.values()].filter((p) => p.vpcId), gaps: unique(gaps) };
}

/** "region|account|cluster" from any ECS ARN of that cluster: cluster names repeat across regions and accounts. */
function clusterKey(arn: string, clusterName: string): string {
  const scope = arnScope(arn);
  return `${scope?.region ?? ''}|${scope?.account ?? ''}|${clusterName}`;
}

/**
 * Container instance ARNs of a cluster (`anyArn`: an ARN in the cluster's account and region, e.g. the
 * service's): new-format ARNs name it (container-instance/<cluster>/<id>), or a task does. Indexed once per
 * model: every service asks, and scanning all tasks per service is quadratic.
 */
export function clusterContainerInstances(model: EstateModel, anyArn: string, clusterName: string): string[] {
  const index = memo(model, 'containerInstancesByCluster', '', () => {
    const sets = new Map<string, Set<string>>();
    const add = (cluster: string, arn: string) => {
      const set = sets.get(cluster) ?? new Set<string>();
      set.add(arn);
      sets.set(cluster, set);
    };
    for (const arn of model.containerInstances.keys()) {
      const cluster = containerInstanceCluster(arn);
      if (cluster) add(clusterKey(arn, cluster), arn);
    }
    // Tens of tasks share one container instance: parse each (instance, cluster) pair's ARNs once.
    const seen = new Map<string, Set<string>>();
    for (const task of model.tasks.values()) {
      const instanceArn = task.raw.containerInstanceArn;
      if (!instanceArn || !task.clusterArn) continue;
      const clusters = seen.get(instanceArn) ?? new Set<string>();
      if (clusters.has(task.clusterArn)) continue;
      seen.set(instanceArn, clusters.add(task.clusterArn));
      add(clusterKey(instanceArn, clusterNameFromArn(task.clusterArn)), instanceArn);
    }
    return new Map([...sets].map(([cluster, set]) => [cluster, [...set].sort()]));
  });
  return index.get(clusterKey(anyArn, clusterName)) ?? [];
}

/** EC2 ids the service's tasks run on, plus every container instance of its cluster (where new tasks go). */
export function serviceInstanceIds(model: EstateModel, svc: ServiceModel): string[] {
  const ids = new Set<string>();
  for (const t of svc.tasks) if (t.instanceId) ids.add(t.instanceId);
  for (const arn of clusterContainerInstances(model, svc.clusterArn ?? svc.arn, svc.clusterName)) {
    const id = model.containerInstances.get(arn);
    if (id) ids.add(id);
  }
  return [...ids].sort();
}

function instancePlacements(model: EstateModel, svc: ServiceModel): ServicePlacements {
  const ids = serviceInstanceIds(model, svc);
  const gaps: string[] = [];
  if (ids.length === 0) {
    const missing = dataGaps(model, svc.scope, ['containerInstances', 'tasks']);
    pushAll(
      gaps,
      missing.length > 0 ? missing : [`no container instance known in cluster ${svc.clusterName}`],
    );
  }
  const placements: Placement[] = [];
  for (const id of ids) {
    const state = model.instances.get(svc.scope, id)?.State?.Name;
    if (state === 'terminated' || state === 'shutting-down') continue;
    const endpoint = endpointForInstance(model, svc.scope, id);
    if (!endpoint?.subnetId) {
      const missing = dataGaps(model, svc.scope, ['Reservations']);
      pushAll(gaps, missing.length > 0 ? missing : [`instance ${id} not in the snapshot`]);
      continue;
    }
    placements.push({
      kind: 'instance',
      id,
      subnetId: endpoint.subnetId,
      vpcId: endpoint.vpcId ?? model.subnets.get(svc.scope, endpoint.subnetId)?.VpcId ?? null,
      address: endpoint.privateIps[0] ?? null,
      publicIp: endpoint.publicIp,
      publicIpAssigned: false,
      securityGroupIds: endpoint.securityGroupIds,
    });
  }
  return { mode: 'instance', placements, gaps: unique(gaps) };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
