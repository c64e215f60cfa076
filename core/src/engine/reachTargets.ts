// What `reach --to` names: an ENI/instance in the estate, a public address held in the estate (an instance's
// public or Elastic IP, a NAT gateway's Elastic IP), "internet", or any other IPv4 (outside the estate).
import type { SnapshotScope } from '@porthole/shared';
import { publicIpOf } from '../model/buildNetwork.ts';
import { endpointForEni, endpointForInstance, endpointForIp } from '../model/endpoints.ts';
import type { EndpointModel, EstateModel } from '../model/types.ts';
import { INTERNET_PROBE_ADDRESS } from '../net/paths/egressAddress.ts';
import { endpointForRef, IPV4, isEndpointRef } from './endpoints.ts';
import { PathInputError } from './errors.ts';

export type ReachTarget =
  | { kind: 'endpoint'; endpoint: EndpointModel }
  /** Addressed by its public or Elastic IP. */
  | { kind: 'public'; endpoint: EndpointModel; address: string }
  | { kind: 'nat-gateway'; natId: string; scope: SnapshotScope; address: string }
  | { kind: 'outside'; address: string; label: string };

function byPublicIp(model: EstateModel, ip: string): ReachTarget | null {
  for (const nat of model.natGateways.values()) {
    if ((nat.NatGatewayAddresses ?? []).some((a) => a.PublicIp === ip))
      return { kind: 'nat-gateway', natId: nat.NatGatewayId, scope: nat.scope, address: ip };
  }
  for (const eni of model.networkInterfaces.values()) {
    if (publicIpOf(eni) !== ip) continue;
    const instanceId = eni.Attachment?.InstanceId;
    const endpoint = instanceId
      ? endpointForInstance(model, eni.scope, instanceId)
      : endpointForEni(model, eni.scope, eni.NetworkInterfaceId);
    if (endpoint) return { kind: 'public', endpoint, address: ip };
  }
  for (const instance of model.instances.values()) {
    if (instance.PublicIpAddress !== ip) continue;
    const endpoint = endpointForInstance(model, instance.scope, instance.InstanceId);
    if (endpoint) return { kind: 'public', endpoint, address: ip };
  }
  return null;
}

export function resolveTarget(model: EstateModel, to: string): ReachTarget {
  const t = to.trim();
  if (t === 'internet') return { kind: 'outside', address: INTERNET_PROBE_ADDRESS, label: 'the internet' };
  if (isEndpointRef(t)) {
    const endpoint = endpointForRef(model, t, '--to');
    if (!endpoint)
      throw new PathInputError(`--to ${t}: no such instance or network interface in the snapshot`);
    return { kind: 'endpoint', endpoint };
  }
  if (!IPV4.test(t))
    throw new PathInputError(
      `--to ${t}: expected "internet", an instance id (i-…), an ENI id (eni-…), an IPv4 address or a load balancer`,
    );
  const endpoint = endpointForIp(model, null, t);
  if (endpoint) return { kind: 'endpoint', endpoint };
  if (model.eniByPrivateIp.lookupAll(t).flatMap((h) => h.value).length > 1)
    throw new PathInputError(
      `--to ${t}: held by several network interfaces (VPCs or accounts); name the ENI instead`,
    );
  return byPublicIp(model, t) ?? { kind: 'outside', address: t, label: t };
}
