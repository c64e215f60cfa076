// Resolve instances, ENIs and IPs to network endpoints (addresses, SGs, subnet) for path evaluation.
import type { NetworkInterface } from '@porthole/shared';
import { privateIpsOf, publicIpOf } from './buildNetwork.ts';
import type { EndpointModel, EstateModel, Scoped } from './types.ts';

export function endpointForEni(model: EstateModel, eniId: string): EndpointModel | null {
  const eni = model.networkInterfaces.get(eniId);
  return eni ? fromInterface(eni) : null;
}

/**
 * The ENI holding a private IP. Private IPs are unique only within a VPC: pass the VPC when known; without it,
 * an IP held in several VPCs is ambiguous and resolves to nothing (unknown, never a guess).
 */
export function endpointForIp(model: EstateModel, ip: string, vpcId?: string | null): EndpointModel | null {
  const ids = model.eniByPrivateIp.get(ip) ?? [];
  const candidates = vpcId ? ids.filter((id) => model.networkInterfaces.get(id)?.VpcId === vpcId) : ids;
  return candidates.length === 1 ? endpointForEni(model, candidates[0]!) : null;
}

/**
 * An instance as ELB and peers see it: its primary ENI (device index 0), where ELB sends traffic for
 * instance targets. Falls back to the describe-instances fields when ENIs are not in the snapshot.
 */
export function endpointForInstance(model: EstateModel, instanceId: string): EndpointModel | null {
  const instance = model.instances.get(instanceId);
  const attached = [...(instance?.NetworkInterfaces ?? [])]
    .map((e) => model.networkInterfaces.get(e.NetworkInterfaceId))
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
    const eni = [...model.networkInterfaces.values()].find((e) => e.Attachment?.InstanceId === instanceId);
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

/** The endpoint behind an ELB target: instance id (instance targets) or IP (ip targets). */
export function endpointForTarget(
  model: EstateModel,
  targetId: string,
  vpcId?: string | null,
): EndpointModel | null {
  if (targetId.startsWith('i-')) return endpointForInstance(model, targetId);
  return endpointForIp(model, targetId, vpcId);
}
