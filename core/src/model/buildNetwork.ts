// EC2 network objects → indexed maps (VPCs, subnets, SGs, NACLs, routes, ENIs, instances, gateways),
// each keyed by the partition's account + region so identical ids in two partitions never collide.
import type { NetworkInterface, SnapshotPartition, SnapshotScope } from '@porthole/shared';
import type { EstateModel } from './types.ts';

export function addNetwork(model: EstateModel, part: SnapshotPartition): void {
  const scope: SnapshotScope = { account: part.account, region: part.region };
  const d = part.data;
  for (const vpc of d.Vpcs ?? []) model.vpcs.set(scope, vpc.VpcId, { ...vpc, scope });
  for (const subnet of d.Subnets ?? []) model.subnets.set(scope, subnet.SubnetId, { ...subnet, scope });
  for (const sg of d.SecurityGroups ?? []) model.securityGroups.set(scope, sg.GroupId, { ...sg, scope });
  for (const acl of d.NetworkAcls ?? []) {
    const scoped = { ...acl, scope };
    model.networkAcls.set(scope, acl.NetworkAclId, scoped);
    for (const assoc of acl.Associations ?? []) model.naclBySubnet.set(scope, assoc.SubnetId, scoped);
  }
  for (const table of d.RouteTables ?? [])
    model.routeTables.set(scope, table.RouteTableId, { ...table, scope });
  for (const igw of d.InternetGateways ?? [])
    model.internetGateways.set(scope, igw.InternetGatewayId, { ...igw, scope });
  for (const nat of d.NatGateways ?? []) model.natGateways.set(scope, nat.NatGatewayId, { ...nat, scope });
  for (const endpoint of d.VpcEndpoints ?? [])
    model.vpcEndpoints.set(scope, endpoint.VpcEndpointId, { ...endpoint, scope });
  for (const list of d.PrefixLists ?? []) {
    if (!model.prefixLists.has(scope, list.PrefixListId))
      model.prefixLists.set(scope, list.PrefixListId, list.Cidrs ?? null);
  }
  for (const entries of d.ManagedPrefixListEntries ?? []) {
    model.prefixLists.set(
      scope,
      entries.PrefixListId,
      entries.Entries.map((e) => e.Cidr),
    );
  }
  for (const reservation of d.Reservations ?? []) {
    for (const instance of reservation.Instances) {
      model.instances.set(scope, instance.InstanceId, { ...instance, scope });
      // describe-instances embeds each ENI; keep them when describe-network-interfaces is absent.
      for (const eni of instance.NetworkInterfaces ?? []) {
        if (model.networkInterfaces.has(scope, eni.NetworkInterfaceId)) continue;
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

function addInterface(model: EstateModel, eni: NetworkInterface, scope: SnapshotScope): void {
  const previous = model.networkInterfaces.get(scope, eni.NetworkInterfaceId);
  if (previous) unindexInterface(model, previous, scope);
  model.networkInterfaces.set(scope, eni.NetworkInterfaceId, { ...eni, scope });
  for (const ip of privateIpsOf(eni)) {
    const ids = model.eniByPrivateIp.get(scope, ip) ?? [];
    if (!ids.includes(eni.NetworkInterfaceId)) ids.push(eni.NetworkInterfaceId);
    model.eniByPrivateIp.set(scope, ip, ids);
  }
  for (const group of eni.Groups ?? []) {
    const list = model.enisBySecurityGroup.get(scope, group.GroupId) ?? [];
    list.push(eni.NetworkInterfaceId);
    model.enisBySecurityGroup.set(scope, group.GroupId, list);
  }
}

function unindexInterface(model: EstateModel, eni: NetworkInterface, scope: SnapshotScope): void {
  for (const group of eni.Groups ?? []) {
    const list = model.enisBySecurityGroup.get(scope, group.GroupId);
    if (list) {
      model.enisBySecurityGroup.set(
        scope,
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
