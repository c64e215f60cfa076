// Task ENIs in a patched model (model/patch.ts): awsvpc tasks come and go with an ENI each (ECS guide, "Amazon
// ECS task networking options for the Fargate launch type"), so a hot poll changes describe-network-interfaces
// too. Only ENIs attached to no instance are patched (an instance's ENIs also come embedded in
// describe-instances, whose merge the build alone reproduces); the ENI index and its two derived indexes get
// a copy of the partition's scope, every other scope shared.
import { scopeKey, type NetworkInterface, type SnapshotPartition } from '@porthole/shared';
import { privateIpsOf } from './buildNetwork.ts';
import type { PatchSeeds } from './patchTypes.ts';
import type { EstateModel } from './types.ts';

export function patchInterfaces(
  old: EstateModel,
  model: EstateModel,
  part: SnapshotPartition,
  ids: ReadonlySet<string>,
  seeds: PatchSeeds,
): boolean {
  const scope = { account: part.account, region: part.region };
  const sk = scopeKey(scope);
  const list = part.data.NetworkInterfaces ?? [];
  const position = new Map(list.map((e, i) => [e.NetworkInterfaceId, i]));
  const next = new Map<string, NetworkInterface>();
  for (const id of ids) {
    const e = list[position.get(id) ?? -1];
    if (e) next.set(id, e);
  }
  const embedded = new Set(
    old.instances.inScope(scope).flatMap((i) => (i.NetworkInterfaces ?? []).map((e) => e.NetworkInterfaceId)),
  );
  const ips = new Set<string>();
  const groups = new Set<string>();
  for (const id of ids) {
    const was = old.networkInterfaces.get(scope, id);
    const now = next.get(id);
    for (const e of [was, now]) {
      if (!e) continue;
      if (e.Attachment?.InstanceId || embedded.has(id)) return false;
      for (const ip of privateIpsOf(e)) ips.add(ip);
      for (const g of e.Groups ?? []) groups.add(g.GroupId);
    }
    seeds.keys.add(`${sk}|${id}`);
  }
  model.networkInterfaces = old.networkInterfaces.withScope(scope, (items) => {
    for (const id of ids) {
      const now = next.get(id);
      if (now) items.set(id, { ...now, scope });
      else items.delete(id);
    }
  });
  // Each list as the build orders it: ENIs embedded in describe-instances first, then the
  // describe-network-interfaces items in their order.
  // (An address list keeps an embedded ENI where it was first added; a group list re-adds a listed one.)
  const order = (all: string[], first: (id: string) => boolean) => {
    const ahead = all.filter(first);
    const listed = all.filter((id) => !first(id)).sort((a, b) => position.get(a)! - position.get(b)!);
    return [...ahead, ...listed];
  };
  model.eniByPrivateIp = old.eniByPrivateIp.withScope(scope, (items) => {
    for (const ip of ips) {
      const kept = (items.get(ip) ?? []).filter((id) => !ids.has(id));
      const added = [...next.values()]
        .filter((e) => privateIpsOf(e).includes(ip))
        .map((e) => e.NetworkInterfaceId);
      const all = order([...new Set([...kept, ...added])], (id) => embedded.has(id) || !position.has(id));
      if (all.length > 0) items.set(ip, all);
      else items.delete(ip);
      seeds.keys.add(`${sk}|${ip}`);
    }
  });
  model.enisBySecurityGroup = old.enisBySecurityGroup.withScope(scope, (items) => {
    for (const g of groups) {
      const kept = (items.get(g) ?? []).filter((id) => !ids.has(id));
      const added = [...next.values()].flatMap((e) =>
        (e.Groups ?? []).filter((x) => x.GroupId === g).map(() => e.NetworkInterfaceId),
      );
      const all = order([...kept, ...added], (id) => !position.has(id));
      if (all.length > 0) items.set(g, all);
      else items.delete(g);
    }
  });
  seedFromInterfaces(model, sk, ids, ips, groups, seeds);
  return true;
}

/** The targets at a changed address (any partition), and the ALBs whose SG rules name a changed ENI's group. */
function seedFromInterfaces(
  model: EstateModel,
  sk: string,
  ids: ReadonlySet<string>,
  ips: ReadonlySet<string>,
  groups: ReadonlySet<string>,
  seeds: PatchSeeds,
): void {
  // In any partition: an ALB reaches ip targets in peered VPCs of other accounts (net/paths/peeredTarget.ts).
  for (const tg of model.targetGroups.values())
    if ((tg.targets ?? []).some((t) => ips.has(t.id))) seeds.targetGroups.add(tg.arn);
  for (const lb of model.loadBalancers.values()) {
    if (scopeKey(lb.scope) !== sk) continue;
    const named = lb.securityGroupIds.some((id) =>
      [
        ...(model.securityGroups.get(lb.scope, id)?.IpPermissions ?? []),
        ...(model.securityGroups.get(lb.scope, id)?.IpPermissionsEgress ?? []),
      ].some((p) => (p.UserIdGroupPairs ?? []).some((pair) => pair.GroupId && groups.has(pair.GroupId))),
    );
    if (named) seeds.loadBalancers.add(lb.arn);
  }
}

/** The services of the tasks that had or have one of the ENIs (a task's own item may be unchanged). */
export function seedInterfaceTasks(
  models: EstateModel[],
  keys: ReadonlySet<string>,
  seeds: PatchSeeds,
): void {
  const ids = new Set([...keys].map((k) => k.slice(k.indexOf('|') + 1)));
  for (const m of models)
    for (const t of m.tasks.values())
      if (t.eniId && ids.has(t.eniId) && t.serviceKey && keys.has(`${scopeKey(t.scope)}|${t.eniId}`))
        seeds.services.add(t.serviceKey);
}
