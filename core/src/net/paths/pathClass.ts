// Which targets of an ALB share every decision on the path to them. SG and NACL rules match a single
// address by the CIDRs that contain it and a single port by the port ranges that contain it, so two targets
// with the same ALB, subnet and security groups whose address lies in the same rule CIDRs and whose port lies
// in the same rule port ranges get the same verdict from every hop (for the same reasons: the same entries).
import type { IpPermission } from '@porthole/shared';
import { memo } from '../../model/memo.ts';
import type { EndpointModel, EstateModel, LoadBalancerModel } from '../../model/types.ts';
import { tryParseAddressRange, type AddressRange, type PortRange } from '../cidr.ts';
import type { HopFacts } from './decided.ts';
import { classOver } from './hopCache.ts';
import { sgCidrs } from './hopDecisions.ts';

/**
 * The class key of a target among the ALB's targets (the ALB itself is not in it: callers keep one table per
 * ALB, so the key hashed per target stays short); null when an address only partly overlaps a rule CIDR.
 */
export function pathClass(
  model: EstateModel,
  lb: LoadBalancerModel,
  endpoint: EndpointModel,
  targetIp: string,
  port: number,
): string | null {
  const address = classOver(albRanges(model, lb), targetIp);
  if (address === null) return null;
  const side = `${endpoint.subnetId}|${endpoint.securityGroupIds.join(',')}`;
  let ports = '';
  for (const r of portRanges(model, lb, endpoint, side)) ports += r.from <= port && port <= r.to ? '1' : '0';
  return `${side}|${targetIp.includes(':') ? 6 : 4}|${address}|${ports}`;
}

/** One table per ALB in the model's memo (keyed by the ARN the model holds), keyed within by `key`. */
export function perAlb<T>(
  model: EstateModel,
  name: string,
  lb: LoadBalancerModel,
  key: string,
  compute: () => T,
): T {
  const table = memo(model, name, lb.arn, () => new Map<string, T>());
  let found = table.get(key);
  if (found === undefined) table.set(key, (found = compute()));
  return found;
}

/**
 * The shared facts for one target's port: request hops ask exactly that port (reply hops ask the ALB's
 * ephemeral range, the same for all), so their asked and denied ports are the target's own.
 */
export function forPort(facts: HopFacts, port: number): HopFacts {
  if (facts.leg !== 'request' || facts.ports === null || facts.ports.from === port) return facts;
  const own: PortRange = { from: port, to: port };
  return {
    ...facts,
    ports: own,
    ...(facts.naclDeniedPorts ? { naclDeniedPorts: facts.naclDeniedPorts.length > 0 ? [own] : [] } : {}),
  };
}

/** addressClass over ranges parsed once (null for an unparseable rule CIDR: that path gets no class). */

function albRanges(model: EstateModel, lb: LoadBalancerModel): Array<AddressRange | null> {
  return memo(model, 'albTargetRanges', lb.arn, () => albCidrs(model, lb).map(tryParseAddressRange));
}

/** The CIDRs a target address is compared with: the ALB SGs' egress rules, the NACLs of the ALB's subnets. */
function albCidrs(model: EstateModel, lb: LoadBalancerModel): string[] {
  return [
    ...sgCidrs(model, { scope: lb.scope, groupIds: lb.securityGroupIds, direction: 'egress' }),
    ...lb.nodes.flatMap((node) =>
      (model.naclBySubnet.get(lb.scope, node.subnetId)?.Entries ?? []).flatMap((e) =>
        [e.CidrBlock, e.Ipv6CidrBlock].filter((c): c is string => !!c),
      ),
    ),
  ];
}

/** Every port range a rule on the path names (a rule without one covers every port and splits nothing). */
function portRanges(
  model: EstateModel,
  lb: LoadBalancerModel,
  endpoint: EndpointModel,
  side: string,
): PortRange[] {
  return perAlb(model, 'albTargetPorts', lb, side, () => {
    const sg = (ids: string[], egress: boolean) =>
      ids.flatMap((id) => {
        const g = model.securityGroups.get(lb.scope, id);
        return ((egress ? g?.IpPermissionsEgress : g?.IpPermissions) ?? []).flatMap(permissionPorts);
      });
    const subnets = [...lb.nodes.map((n) => n.subnetId), ...(endpoint.subnetId ? [endpoint.subnetId] : [])];
    const nacl = subnets.flatMap((subnetId) =>
      (model.naclBySubnet.get(lb.scope, subnetId)?.Entries ?? []).flatMap((e) =>
        e.PortRange ? [{ from: e.PortRange.From, to: e.PortRange.To }] : [],
      ),
    );
    return [...sg(lb.securityGroupIds, true), ...sg(endpoint.securityGroupIds, false), ...nacl];
  });
}

function permissionPorts(p: IpPermission): PortRange[] {
  if (p.IpProtocol === '-1' || p.FromPort === undefined || p.FromPort === null) return [];
  return [{ from: p.FromPort, to: p.ToPort ?? p.FromPort }];
}
