// EC2 network objects → indexed maps (VPCs, subnets, SGs, NACLs, routes, ENIs, instances, gateways).
import type { NetworkInterface, SnapshotPartition } from '@porthole/shared';
import type { EstateModel } from './types.ts';

export function addNetwork(model: EstateModel, part: SnapshotPartition): void {
  const scope = { account: part.account, region: part.region };
  const d = part.data;
  for (const vpc of d.Vpcs ?? []) model.vpcs.set(vpc.VpcId, { ...vpc, scope });
  for (const subnet of d.Subnets ?? []) model.subnets.set(subnet.SubnetId, { ...subnet, scope });
  for (const sg of d.SecurityGroups ?? []) model.securityGroups.set(sg.GroupId, { ...sg, scope });
  for (const acl of d.NetworkAcls ?? []) {
    model.networkAcls.set(acl.NetworkAclId, { ...acl, scope });
    for (const assoc of acl.Associations ?? []) model.naclBySubnet.set(assoc.SubnetId, acl);
  }
  for (const table of d.RouteTables ?? []) model.routeTables.set(table.RouteTableId, { ...table, scope });
  for (const igw of d.InternetGateways ?? []) model.internetGateways.set(igw.InternetGatewayId, igw);
  for (const nat of d.NatGateways ?? []) model.natGateways.set(nat.NatGatewayId, nat);
  for (const endpoint of d.VpcEndpoints ?? []) model.vpcEndpoints.set(endpoint.VpcEndpointId, endpoint);
  for (const list of d.PrefixLists ?? []) {
    if (!model.prefixLists.has(list.PrefixListId))
      model.prefixLists.set(list.PrefixListId, list.Cidrs ?? null);
  }
  for (const entries of d.ManagedPrefixListEntries ?? []) {
    model.prefixLists.set(
      entries.PrefixListId,
      entries.Entries.map((e) => e.Cidr),
    );
  }
  for (const reservation of d.Reservations ?? []) {
    for (const instance of reservation.Instances) {
      model.instances.set(instance.InstanceId, { ...instance, scope });
      // describe-instances embeds each ENI; keep them when describe-network-interfaces is absent.
      for (const eni of instance.NetworkInterfaces ?? []) {
        if (model.networkInterfaces.has(eni.NetworkInterfaceId)) continue;
        const embedded: NetworkInterface = {
          ...eni,
          SubnetId: eni.SubnetId ?? instance.SubnetId,
          VpcId: eni.VpcId ?? instance.VpcId,
          Attachment: { ...eni.Attachment, InstanceId: instance.InstanceId },
        };
        addInterface(model, embedded, scope);
      }
    }
  }
  for (const eni of d.NetworkInterfaces ?? []) addInterface(model, eni, scope);
}

function addInterface(
  model: EstateModel,
  eni: NetworkInterface,
  scope: { account: string | null; region: string | null },
): void {
  const previous = model.networkInterfaces.get(eni.NetworkInterfaceId);
  if (previous) unindexInterface(model, previous);
  model.networkInterfaces.set(eni.NetworkInterfaceId, { ...eni, scope });
  for (const ip of privateIpsOf(eni)) {
    const ids = model.eniByPrivateIp.get(ip) ?? [];
    if (!ids.includes(eni.NetworkInterfaceId)) ids.push(eni.NetworkInterfaceId);
    model.eniByPrivateIp.set(ip, ids);
  }
  for (const group of eni.Groups ?? []) {
    const list = model.enisBySecurityGroup.get(group.GroupId) ?? [];
    list.push(eni.NetworkInterfaceId);
    model.enisBySecurityGroup.set(group.GroupId, list);
  }
}

function unindexInterface(model: EstateModel, eni: NetworkInterface): void {
  for (const group of eni.Groups ?? []) {
    const list = model.enisBySecurityGroup.get(group.GroupId);
    if (list) {
      model.enisBySecurityGroup.set(
        group.GroupId,
        list.filter((id) => id !== eni.NetworkInterfaceId),
      );
    }
  }
}

export function privateIpsOf(eni: NetworkInterface): string[] {
  const ips = (eni.PrivateIpAddresses ?? []).map((p) => p.PrivateIpAddress);
  if (eni.PrivateIpAddress && !ips.includes(eni.PrivateIpAddress)) ips.unshift(eni.PrivateIpAddress);
  return ips;
}

export function publicIpOf(eni: NetworkInterface): string | null {
  if (eni.Association?.PublicIp) return eni.Association.PublicIp;
  for (const p of eni.PrivateIpAddresses ?? []) if (p.Association?.PublicIp) return p.Association.PublicIp;
  return null;
}
