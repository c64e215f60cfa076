// Resolve instances, ENIs and IPs to network endpoints (addresses, SGs, subnet) for path evaluation.
// Every lookup is within one account + region: ids are unique only there.
import type { NetworkInterface, SnapshotScope } from '@porthole/shared';
import { privateIpsOf, publicIpOf } from './buildNetwork.ts';
import type { EndpointModel, EstateModel, Scoped } from './types.ts';

export function endpointForEni(
  model: EstateModel,
  scope: SnapshotScope,
  eniId: string,
): EndpointModel | null {
  const eni = model.networkInterfaces.get(scope, eniId);
  return eni ? fromInterface(eni) : null;
}

/**
 * The ENI holding a private IP. Private IPs are unique only within a VPC: pass the VPC when known; without it,
 * an IP held in several VPCs is ambiguous and resolves to nothing (unknown, never a guess). A null scope
 * searches every account and region (user input), with the same rule: exactly one holder or nothing.
 */
export function endpointForIp(
  model: EstateModel,
  scope: SnapshotScope | null,
  ip: string,
  vpcId?: string | null,
): EndpointModel | null {
  const holders = scope
    ? [{ scope, value: model.eniByPrivateIp.get(scope, ip) ?? [] }]
    : model.eniByPrivateIp.lookupAll(ip);
  const candidates = holders.flatMap(({ scope: s, value }) =>
    value
      .map((id) => model.networkInterfaces.get(s, id))
      .filter((e): e is NetworkInterface & Scoped => e !== undefined && (!vpcId || e.VpcId === vpcId)),
  );
  return candidates.length === 1 ? fromInterface(candidates[0]!) : null;
}

/**
 * An instance as ELB and peers see it: its primary ENI (device index 0), where ELB sends traffic for
 * instance targets. Falls back to the describe-instances fields when ENIs are not in the snapshot.
 */
export function endpointForInstance(
  model: EstateModel,
  scope: SnapshotScope,
  instanceId: string,
): EndpointModel | null {
  const instance = model.instances.get(scope, instanceId);
  const attached = [...(instance?.NetworkInterfaces ?? [])]
    .map((e) => model.networkInterfaces.get(scope, e.NetworkInterfaceId))
    .filter((e): e is NetworkInterface & Scoped => e !== undefined);
  const primary =
    attached.find((e) => e.Attachment?.DeviceIndex === 0) ??
    attached.find((e) => e.PrivateIpAddress === instance?.PrivateIpAddress) ??
    attached[0];
  if (primary) {
    const endpoint = fromInterface(primary);
    return {
      ...endpoint,
      id: instanceId,
      instanceId,
      publicIp: endpoint.publicIp ?? instance?.PublicIpAddress ?? null,
      sourceDestCheck: instance?.SourceDestCheck ?? endpoint.sourceDestCheck,
    };
  }
  if (!instance) {
    const eni = model.networkInterfaces.inScope(scope).find((e) => e.Attachment?.InstanceId === instanceId);
    return eni ? { ...fromInterface(eni), id: instanceId, instanceId } : null;
  }
  return {
    scope: instance.scope,
    id: instanceId,
    eniId: null,
    instanceId,
    vpcId: instance.VpcId ?? null,
    subnetId: instance.SubnetId ?? null,
    privateIps: instance.PrivateIpAddress ? [instance.PrivateIpAddress] : [],
    publicIp: instance.PublicIpAddress ?? null,
    securityGroupIds: (instance.SecurityGroups ?? []).map((g) => g.GroupId),
    sourceDestCheck: instance.SourceDestCheck ?? null,
    description: null,
  };
}

function fromInterface(eni: NetworkInterface & Scoped): EndpointModel {
  return {
    scope: eni.scope,
    id: eni.NetworkInterfaceId,
    eniId: eni.NetworkInterfaceId,
    instanceId: eni.Attachment?.InstanceId ?? null,
    vpcId: eni.VpcId ?? null,
    subnetId: eni.SubnetId ?? null,
    privateIps: privateIpsOf(eni),
    publicIp: publicIpOf(eni),
    securityGroupIds: (eni.Groups ?? []).map((g) => g.GroupId),
    sourceDestCheck: eni.SourceDestCheck ?? null,
    description: eni.Description ?? null,
  };
}

/** The endpoint behind an ELB target: instance id (instance targets) or IP (ip targets), in the group's scope. */
export function endpointForTarget(
  model: EstateModel,
  scope: SnapshotScope,
  targetId: string,
  vpcId?: string | null,
): EndpointModel | null {
  if (targetId.startsWith('i-')) return endpointForInstance(model, scope, targetId);
  return endpointForIp(model, scope, targetId, vpcId);
}

/**
 * The account + region of the snapshot partition an ARN belongs to (ARNs carry both), for objects the
 * model keeps by ARN only (e.g. container instances). Null when no partition matches.
 */
export function scopeOfArn(model: EstateModel, arn: string): SnapshotScope | null {
  const [, , , region, account] = arn.split(':');
  for (const scope of model.scopes.values()) {
    if (scope.region === (region || null) && (scope.account === account || scope.account === null))
      return { account: scope.account, region: scope.region };
  }
  return null;
}
