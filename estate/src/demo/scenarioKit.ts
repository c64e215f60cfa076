// What scenarios edit: one partition's documents (already deep-cloned) with finders by demo name, and the
// consequences AWS would report (target health, ECS service events) written consistently.
import { pushAll } from '@porthole/shared';
import { itemsOf, type EstateDocuments } from './documents.ts';
import { serviceEvent } from './ecsServices.ts';
import type { DemoIds, SgKey, TgKey } from './ids.ts';
import { SERVICE_PLANS, taskPlans, type ClusterName, type ServiceName } from './plan.ts';
import type { Json } from './shapes.ts';
import { incidentTime } from './time.ts';

export interface ScenarioKit {
  ids: DemoIds;
  docs: EstateDocuments;
}

function find<T extends Json>(list: T[], what: string, match: (item: T) => boolean): T {
  const found = list.find(match);
  if (!found) throw new Error(`demo scenario: ${what} not found in the estate`);
  return found;
}

export const items = (kit: ScenarioKit, key: string): Json[] => itemsOf<Json>(kit.docs, key);

/** The live array under `key` in the partition's (first) document holding it: push or splice it. */
export function arrayOf(kit: ScenarioKit, key: string): Json[] {
  const doc = kit.docs.find((d) => Array.isArray(d.json[key]));
  if (!doc) throw new Error(`demo scenario: no document holds ${key}`);
  return doc.json[key] as Json[];
}

/** Removes the items of `key` that `drop` selects, in place. */
export function removeItems(kit: ScenarioKit, key: string, drop: (item: Json) => boolean): void {
  const list = arrayOf(kit, key);
  const kept = list.filter((item) => !drop(item));
  list.length = 0;
  pushAll(list, kept);
}

export function securityGroup(kit: ScenarioKit, key: SgKey): Json {
  return find(items(kit, 'SecurityGroups'), `security group ${key}`, (sg) => sg.GroupId === kit.ids.sgs[key]);
}

export function routeTable(kit: ScenarioKit, id: string): Json {
  return find(items(kit, 'RouteTables'), `route table ${id}`, (t) => t.RouteTableId === id);
}

export function targetGroup(kit: ScenarioKit, key: TgKey): Json {
  const arn = kit.ids.targetGroups[key];
  return find(items(kit, 'TargetGroups'), `target group ${key}`, (tg) => tg.TargetGroupArn === arn);
}

export function targetHealthOf(kit: ScenarioKit, key: TgKey): Json[] {
  const arn = kit.ids.targetGroups[key];
  const entry = find(
    items(kit, 'LoadBalancerTargetHealth'),
    `target health of ${key}`,
    (h) => h.TargetGroupArn === arn,
  );
  return entry.TargetHealthDescriptions as Json[];
}

export function service(kit: ScenarioKit, name: ServiceName): Json {
  return find(items(kit, 'services'), `service ${name}`, (s) => s.serviceName === name);
}

/** The `tasks` array of a cluster's describe-tasks output (push to add tasks). */
export function tasksArray(kit: ScenarioKit, cluster: ClusterName): Json[] {
  const doc = find(
    kit.docs.map((d) => d.json),
    `describe-tasks of ${cluster}`,
    (json) =>
      Array.isArray(json.tasks) &&
      (json.tasks as Json[]).some((t) => t.clusterArn === kit.ids.clusters[cluster]),
  );
  return doc.tasks as Json[];
}

/** Adds events to a service, keeping describe-services' order: newest first. */
export function addServiceEvents(kit: ScenarioKit, name: ServiceName, events: Array<[number, string]>): void {
  const svc = service(kit, name);
  const added = events.map(([seconds, message]) => serviceEvent(kit.ids, incidentTime(seconds), message));
  const all = [...added, ...((svc.events as Json[]) ?? [])];
  svc.events = all.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
}

export interface HealthChange {
  State: string;
  Reason: string;
  Description: string;
}

export const TIMED_OUT: HealthChange = {
  State: 'unhealthy',
  Reason: 'Target.Timeout',
  Description: 'Request timed out',
};

/** The AZ a target sits in: printed for ip targets, the instance's subnet AZ for instance targets. */
export function targetAz(kit: ScenarioKit, desc: Json): string | null {
  const target = desc.Target as Json;
  if (typeof target.AvailabilityZone === 'string') return target.AvailabilityZone;
  const inst = Object.values(kit.ids.instances).find((i) => i.id === target.Id);
  return inst ? kit.ids.subnets[inst.subnet].az : null;
}

/**
 * Sets the health of a target group's targets (all, or those `only` selects). Unhealthy targets also get
 * the event ECS writes for them: "(service web) (instance i-…) (port 32768) is unhealthy in (target-group …)
 * due to (reason Request timed out)."
 */
export function setTargetHealth(
  kit: ScenarioKit,
  key: TgKey,
  change: HealthChange,
  at: number,
  only: (desc: Json) => boolean = () => true,
): void {
  const owner = SERVICE_PLANS.find((p) => p.targetGroup === key);
  const events: Array<[number, string]> = [];
  for (const desc of targetHealthOf(kit, key).filter(only)) {
    desc.TargetHealth = { ...change };
    if (change.State !== 'unhealthy' || !owner) continue;
    const target = desc.Target as { Id: string; Port: number };
    const task = taskPlans(kit.ids).find((t) => t.awsvpc?.privateIp === target.Id);
    const who = task ? `(task ${task.taskId})` : `(instance ${target.Id})`;
    events.push([
      at,
      `(service ${owner.name}) ${who} (port ${target.Port}) is unhealthy in (target-group ${kit.ids.targetGroups[key]}) due to (reason ${change.Description}).`,
    ]);
  }
  if (owner && events.length > 0) addServiceEvents(kit, owner.name, events);
}
