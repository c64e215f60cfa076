// Random poll-to-poll changes of a snapshot, in the AWS shapes the ECS and ELB APIs print, for the incremental
// engine's equivalence test. Like the daemon's snapshot reader, a step replaces only the items it touches (new
// objects); everything else keeps its reference. `clone` re-reads the whole snapshot (equal content, new objects).
import fc from 'fast-check';
import type { Snapshot, SnapshotData, SnapshotPartition } from '@porthole/shared';

export type Step =
  | { kind: 'scale'; at: number; by: number }
  | { kind: 'stopTask'; at: number }
  | { kind: 'startTask'; at: number }
  | { kind: 'moveTask'; at: number; to: number }
  | { kind: 'health'; at: number; target: number }
  | { kind: 'register'; at: number; to: number }
  | { kind: 'tdPort'; at: number }
  /** A bridge task definition pins host port 8080: its services compete for the cluster's instances. */
  | { kind: 'staticPort'; at: number }
  | { kind: 'ciInstance'; at: number; to: number }
  /** An awsvpc task replaced: it stops and its ENI goes, a new task with a new ENI and address registers. */
  | { kind: 'deploy'; at: number }
  | { kind: 'network'; at: number }
  /** A service deleted (its tasks still listed) or created as a copy of another under a new name. */
  | { kind: 'dropService'; at: number }
  | { kind: 'copyService'; at: number }
  | { kind: 'same' }
  | { kind: 'clone' };

/** Steps that only touch ECS items and target health: the incremental path covers them. */
export const ECS_STEPS = new Set<Step['kind']>([
  'scale',
  'stopTask',
  'startTask',
  'moveTask',
  'health',
  'register',
  'tdPort',
  'staticPort',
  'ciInstance',
  'deploy',
  'dropService',
  'copyService',
]);

const n = fc.nat(10_000);
export const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), at: n, by: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('stopTask' as const), at: n }),
  fc.record({ kind: fc.constant('startTask' as const), at: n }),
  fc.record({ kind: fc.constant('moveTask' as const), at: n, to: n }),
  fc.record({ kind: fc.constant('health' as const), at: n, target: n }),
  fc.record({ kind: fc.constant('register' as const), at: n, to: n }),
  fc.record({ kind: fc.constant('tdPort' as const), at: n }),
  fc.record({ kind: fc.constant('staticPort' as const), at: n }),
  fc.record({ kind: fc.constant('ciInstance' as const), at: n, to: n }),
  fc.record({ kind: fc.constant('network' as const), at: n }),
  fc.record({ kind: fc.constant('deploy' as const), at: n }),
  fc.record({ kind: fc.constant('dropService' as const), at: n }),
  fc.record({ kind: fc.constant('copyService' as const), at: n }),
  fc.constant({ kind: 'same' as const }),
  fc.constant({ kind: 'clone' as const }),
);

type Item = Record<string, unknown> & Record<'containerDefinitions' | 'containers', unknown>;
type Kind = keyof SnapshotData;

/** The snapshot with one item of `kind` (the at-th over all partitions) replaced by `edit` of a copy. */
function editItem(s: Snapshot, kind: Kind, at: number, edit: (item: Item, part: SnapshotPartition) => void) {
  const owners = s.partitions.flatMap((p, i) => (p.data[kind] ?? []).map((_, j) => [i, j] as const));
  if (owners.length === 0) return s;
  const [pi, ii] = owners[at % owners.length]!;
  const part = s.partitions[pi]!;
  const items = [...(part.data[kind] as unknown[])];
  const copy = structuredClone(items[ii]) as Item;
  edit(copy, part);
  items[ii] = copy;
  const partitions = [...s.partitions];
  partitions[pi] = { ...part, data: { ...part.data, [kind]: items } };
  return { ...s, partitions };
}

function withItems(s: Snapshot, part: SnapshotPartition, kind: Kind, items: unknown[]): Snapshot {
  return {
    ...s,
    partitions: s.partitions.map((p) => (p === part ? { ...p, data: { ...p.data, [kind]: items } } : p)),
  };
}

const pick = <T>(items: readonly T[] | undefined, at: number): T | undefined =>
  items && items.length > 0 ? items[at % items.length] : undefined;

export function applyStep(s: Snapshot, st: Step): Snapshot {
  switch (st.kind) {
    case 'same':
      return s;
    case 'clone':
      return JSON.parse(JSON.stringify(s)) as Snapshot;
    case 'scale':
      return editItem(s, 'services', st.at, (svc) => {
        svc.desiredCount = Math.max(0, (svc.desiredCount as number) + st.by);
        svc.runningCount = Math.max(0, (svc.runningCount as number) + st.by);
      });
    case 'stopTask':
      return editItem(s, 'tasks', st.at, (t) => {
        t.lastStatus = 'STOPPED';
        t.desiredStatus = 'STOPPED';
        t.stoppedReason = 'Task failed ELB health checks';
      });
    case 'startTask': {
      const owners = s.partitions.filter((p) => (p.data.tasks ?? []).length > 0);
      const part = pick(owners, st.at);
      if (!part) return s;
      const t = structuredClone(pick(part.data.tasks, st.at)!);
      t.taskArn = `${t.taskArn}0${st.at}`;
      return withItems(s, part, 'tasks', [...part.data.tasks!, t]);
    }
    case 'moveTask':
      return editItem(s, 'tasks', st.at, (t, part) => {
        const ci = pick(part.data.containerInstances, st.to);
        if (ci && t.containerInstanceArn) t.containerInstanceArn = ci.containerInstanceArn;
        else t.attachments = [];
      });
    case 'health':
      return editItem(s, 'LoadBalancerTargetHealth', st.at, (h) => {
        const target = pick(h.TargetHealthDescriptions as Item[], st.target);
        if (!target) return;
        const healthy = (target.TargetHealth as { State: string }).State === 'healthy';
        target.TargetHealth = healthy
          ? { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' }
          : { State: 'healthy' };
      });
    case 'register':
      return editItem(s, 'services', st.at, (svc, part) => {
        const tg = pick(part.data.TargetGroups, st.to);
        if (!tg) return;
        const lbs = (svc.loadBalancers as Item[] | undefined) ?? [];
        svc.loadBalancers =
          lbs.length > 0
            ? [{ ...lbs[0], targetGroupArn: tg.TargetGroupArn }, ...lbs.slice(1)]
            : [{ targetGroupArn: tg.TargetGroupArn, containerName: 'app', containerPort: 8080 }];
      });
    case 'tdPort':
      return editItem(s, 'taskDefinitions', st.at, (td) => {
        const mapping = (td.containerDefinitions as Item[])[0]?.portMappings as Item[] | undefined;
        const m = mapping?.[0];
        if (!m) return;
        m.containerPort = (m.containerPort as number) + 1;
        if (m.hostPort) m.hostPort = (m.hostPort as number) + 1;
      });
    case 'staticPort': {
      const bridge = (td: { networkMode?: string | null }) => (td.networkMode ?? 'bridge') === 'bridge';
      const all = s.partitions.flatMap((p) => (p.data.taskDefinitions ?? []).filter(bridge));
      const chosen = pick(all, st.at);
      if (!chosen) return s;
      const index = s.partitions.flatMap((p) => p.data.taskDefinitions ?? []).indexOf(chosen);
      return editItem(s, 'taskDefinitions', index, (td) => {
        const m = ((td.containerDefinitions as Item[])[0]?.portMappings as Item[] | undefined)?.[0];
        if (m) m.hostPort = 8080;
      });
    }
    case 'ciInstance':
      return editItem(s, 'containerInstances', st.at, (ci, part) => {
        const other = pick(part.data.containerInstances, st.to);
        ci.ec2InstanceId =
          other && other.ec2InstanceId !== ci.ec2InstanceId ? other.ec2InstanceId : 'i-0stopped';
      });
    case 'dropService':
    case 'copyService': {
      const owners = s.partitions.filter((p) => (p.data.services ?? []).length > 0);
      const part = pick(owners, st.at);
      if (!part) return s;
      const list = part.data.services!;
      const i = st.at % list.length;
      if (st.kind === 'dropService')
        return withItems(
          s,
          part,
          'services',
          list.filter((_, j) => j !== i),
        );
      const copy = structuredClone(list[i]!);
      // A name no service has yet (the same ARN twice is not nameable: the engine rebuilds in full).
      copy.serviceName = `${copy.serviceName}-copy${list.length}`;
      copy.serviceArn = `${copy.serviceArn}-copy${list.length}`;
      return withItems(s, part, 'services', [...list.slice(0, i), copy, ...list.slice(i)]);
    }
    case 'deploy':
      return deploy(s, st.at);
    case 'network':
      return editItem(s, 'SecurityGroups', st.at, (sg) => {
        sg.IpPermissions = ((sg.IpPermissions as unknown[] | undefined) ?? []).slice(1);
      });
  }
}

type Json = Record<string, unknown>;
const detail = (t: Json, name: string) =>
  ((t.attachments as Json[] | undefined)?.[0]?.details as Json[] | undefined)?.find((d) => d.name === name);

function deploy(s: Snapshot, at: number): Snapshot {
  const owners = s.partitions.flatMap((p, pi) =>
    (p.data.tasks ?? []).flatMap((t, ti) =>
      t.lastStatus === 'RUNNING' && detail(t, 'networkInterfaceId') ? [[pi, ti] as const] : [],
    ),
  );
  if (owners.length === 0) return s;
  const [pi, ti] = owners[at % owners.length]!;
  const part = s.partitions[pi]!;
  const data = { ...part.data } as Record<string, unknown[]>;
  const old = structuredClone(data.tasks![ti]) as Json;
  const eniId = detail(old, 'networkInterfaceId')!.value as string;
  const ip = detail(old, 'privateIPv4Address')!.value as string;
  const fresh = structuredClone(old);
  old.lastStatus = 'STOPPED';
  old.desiredStatus = 'STOPPED';
  old.stoppedReason = 'Scaling activity initiated by (deployment ecs-svc/1)';
  const newIp = ip.replace(/\.(\d+)$/, (_, x: string) => `.${(Number(x) + 100) % 250}`);
  fresh.taskArn = `${fresh.taskArn as string}1`;
  detail(fresh, 'networkInterfaceId')!.value = `${eniId}1`;
  detail(fresh, 'privateIPv4Address')!.value = newIp;
  data.tasks = [...data.tasks!];
  data.tasks[ti] = old;
  data.tasks.push(fresh);
  const enis = (data.NetworkInterfaces ?? []) as Json[];
  const eni = enis.find((e) => e.NetworkInterfaceId === eniId);
  data.NetworkInterfaces = enis.filter((e) => e !== eni);
  if (eni) {
    const copy = structuredClone(eni);
    copy.NetworkInterfaceId = `${eniId}1`;
    copy.PrivateIpAddress = newIp;
    copy.PrivateIpAddresses = [{ Primary: true, PrivateIpAddress: newIp }];
    data.NetworkInterfaces.push(copy);
  }
  data.LoadBalancerTargetHealth = ((data.LoadBalancerTargetHealth ?? []) as Json[]).map((h) => {
    const targets = h.TargetHealthDescriptions as Array<{ Target: Json; TargetHealth: Json }>;
    const i = targets.findIndex((t) => t.Target.Id === ip);
    if (i < 0) return h;
    const copy = structuredClone(h);
    const list = copy.TargetHealthDescriptions as typeof targets;
    list[i] = { ...list[i]!, TargetHealth: { State: 'draining', Reason: 'Target.DeregistrationInProgress' } };
    list.push({
      ...list[i]!,
      Target: { ...list[i]!.Target, Id: newIp },
      TargetHealth: { State: 'initial', Reason: 'Elb.RegistrationInProgress' },
    });
    return copy;
  });
  const partitions = [...s.partitions];
  partitions[pi] = { ...part, data: data as SnapshotData };
  return { ...s, partitions };
}
