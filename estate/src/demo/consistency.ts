// Cross-document checks a real account always satisfies (every referenced id exists, targets are running
// tasks, ENIs match attachments). Returns problems in words; an empty list means consistent.
import { pushAll } from '@porthole/shared';
import { byPartition, itemsOf, type EstateDocuments } from './documents.ts';
import type { Json } from './shapes.ts';

type Get = (key: string) => Json[];

export function checkEstateConsistency(docs: EstateDocuments): string[] {
  return [...byPartition(docs)].flatMap(([folder, part]) =>
    checkPartition((key) => itemsOf<Json>(part, key)).map((p) => `${folder}: ${p}`),
  );
}

const arr = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const strs = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

function checkPartition(get: Get): string[] {
  const problems: string[] = [];
  const need = (set: Set<unknown>, id: unknown, what: string) => {
    if (!set.has(id)) problems.push(`${what} references missing ${String(id)}`);
  };
  const sgIds = new Set(get('SecurityGroups').map((g) => g.GroupId));
  const subnetIds = new Set(get('Subnets').map((s) => s.SubnetId));
  const enis = get('NetworkInterfaces');
  const eniById = new Map(enis.map((e) => [e.NetworkInterfaceId, e]));
  const instances = get('Reservations').flatMap((r) => arr(r.Instances));
  const instanceIds = new Set(instances.map((i) => i.InstanceId));
  const groupsOf = (list: unknown) => arr(list).map((g) => g.GroupId);

  for (const sg of get('SecurityGroups')) {
    for (const perm of [...arr(sg.IpPermissions), ...arr(sg.IpPermissionsEgress)]) {
      for (const pair of arr(perm.UserIdGroupPairs)) need(sgIds, pair.GroupId, `SG ${sg.GroupId}`);
    }
  }
  for (const eni of enis) {
    need(subnetIds, eni.SubnetId, `ENI ${eni.NetworkInterfaceId}`);
    for (const g of groupsOf(eni.Groups)) need(sgIds, g, `ENI ${eni.NetworkInterfaceId}`);
  }
  for (const inst of instances) {
    need(subnetIds, inst.SubnetId, `instance ${inst.InstanceId}`);
    for (const g of groupsOf(inst.SecurityGroups)) need(sgIds, g, `instance ${inst.InstanceId}`);
  }
  const naclCount = new Map<unknown, number>();
  for (const acl of get('NetworkAcls')) {
    for (const a of arr(acl.Associations)) naclCount.set(a.SubnetId, (naclCount.get(a.SubnetId) ?? 0) + 1);
  }
  for (const id of subnetIds) {
    if (naclCount.get(id) !== 1) problems.push(`subnet ${String(id)} has ${naclCount.get(id) ?? 0} NACLs`);
  }
  const igws = new Set(get('InternetGateways').map((g) => g.InternetGatewayId));
  const nats = new Set(get('NatGateways').map((n) => n.NatGatewayId));
  for (const table of get('RouteTables')) {
    for (const a of arr(table.Associations))
      if (a.SubnetId) need(subnetIds, a.SubnetId, `route table ${table.RouteTableId}`);
    for (const r of arr(table.Routes)) {
      const where = `route ${String(r.DestinationCidrBlock)} of ${table.RouteTableId}`;
      if (r.GatewayId && r.GatewayId !== 'local') need(igws, r.GatewayId, where);
      if (r.NatGatewayId) need(nats, r.NatGatewayId, where);
      if (r.InstanceId) need(instanceIds, r.InstanceId, where);
      if (r.NetworkInterfaceId) need(new Set(eniById.keys()), r.NetworkInterfaceId, where);
    }
  }
  for (const nat of get('NatGateways')) {
    need(subnetIds, nat.SubnetId, `NAT ${nat.NatGatewayId}`);
    for (const a of arr(nat.NatGatewayAddresses))
      need(new Set(eniById.keys()), a.NetworkInterfaceId, `NAT ${nat.NatGatewayId}`);
  }
  pushAll(problems, [...checkElb(get, need, eniById), ...checkEcs(get, need, eniById, instances)]);
  return problems;
}

type Need = (set: Set<unknown>, id: unknown, what: string) => void;

function checkElb(get: Get, need: Need, eniById: Map<unknown, Json>): string[] {
  const problems: string[] = [];
  const sgIds = new Set(get('SecurityGroups').map((g) => g.GroupId));
  const subnetIds = new Set(get('Subnets').map((s) => s.SubnetId));
  const tgArns = new Set(get('TargetGroups').map((t) => t.TargetGroupArn));
  const lbArns = new Set(get('LoadBalancers').map((l) => l.LoadBalancerArn));
  const forwards = (actions: unknown) =>
    arr(actions).flatMap((a) => (a.TargetGroupArn ? [a.TargetGroupArn] : []));
  const routedBy = new Map<unknown, Set<unknown>>(); // TG → load balancers whose listeners forward to it
  const listenerLb = new Map(get('Listeners').map((l) => [l.ListenerArn, l.LoadBalancerArn]));
  const route = (tg: unknown, lb: unknown) => routedBy.set(tg, (routedBy.get(tg) ?? new Set()).add(lb));
  for (const lb of get('LoadBalancers')) {
    for (const g of strs(lb.SecurityGroups)) need(sgIds, g, `LB ${lb.LoadBalancerName}`);
    const lbId = String(lb.LoadBalancerArn).split(':loadbalancer/')[1];
    for (const az of arr(lb.AvailabilityZones)) {
      need(subnetIds, az.SubnetId, `LB ${lb.LoadBalancerName}`);
      const node = [...eniById.values()].some(
        (e) => e.Description === `ELB ${lbId}` && e.SubnetId === az.SubnetId,
      );
      if (!node) problems.push(`LB ${lb.LoadBalancerName} has no node ENI in ${String(az.SubnetId)}`);
    }
  }
  for (const l of get('Listeners')) {
    need(lbArns, l.LoadBalancerArn, `listener ${l.ListenerArn}`);
    for (const tg of forwards(l.DefaultActions)) {
      need(tgArns, tg, `listener ${l.ListenerArn}`);
      route(tg, l.LoadBalancerArn);
    }
  }
  for (const r of get('Rules')) {
    const listener = String(r.RuleArn)
      .replace(':listener-rule/', ':listener/')
      .replace(/\/[^/]+$/, '');
    if (!listenerLb.has(listener)) problems.push(`rule ${r.RuleArn} belongs to no listener`);
    for (const tg of forwards(r.Actions)) {
      need(tgArns, tg, `rule ${r.RuleArn}`);
      route(tg, listenerLb.get(listener));
    }
  }
  for (const tg of get('TargetGroups')) {
    const declared = strs(tg.LoadBalancerArns).sort().join(',');
    const actual = [...(routedBy.get(tg.TargetGroupArn) ?? [])].map(String).sort().join(',');
    if (declared !== actual)
      problems.push(`TG ${tg.TargetGroupName} LoadBalancerArns [${declared}] but routed by [${actual}]`);
  }
  return problems;
}

function checkEcs(get: Get, need: Need, eniById: Map<unknown, Json>, instances: Json[]): string[] {
  const problems: string[] = [];
  const cis = new Map(get('containerInstances').map((c) => [c.containerInstanceArn, c]));
  const taskDefs = new Set(get('taskDefinition').map((t) => t.taskDefinitionArn));
  const tgArns = new Set(get('TargetGroups').map((t) => t.TargetGroupArn));
  const tasks = get('tasks');
  const running = tasks.filter((t) => t.lastStatus === 'RUNNING');
  for (const ci of cis.values())
    need(
      new Set(instances.map((i) => i.InstanceId)),
      ci.ec2InstanceId,
      `container instance ${ci.containerInstanceArn}`,
    );
  for (const t of tasks) {
    need(taskDefs, t.taskDefinitionArn, `task ${t.taskArn}`);
    if (t.launchType === 'EC2') need(new Set(cis.keys()), t.containerInstanceArn, `task ${t.taskArn}`);
  }
  for (const t of running) {
    for (const a of arr(t.attachments).filter((x) => x.type === 'ElasticNetworkInterface')) {
      const d = Object.fromEntries(arr(a.details).map((kv) => [kv.name, kv.value]));
      const eni = eniById.get(d.networkInterfaceId);
      if (!eni) problems.push(`task ${t.taskArn} ENI ${String(d.networkInterfaceId)} missing`);
      else if (
        eni.PrivateIpAddress !== d.privateIPv4Address ||
        eni.SubnetId !== d.subnetId ||
        eni.MacAddress !== d.macAddress
      )
        problems.push(`task ${t.taskArn} ENI ${String(d.networkInterfaceId)} differs from its attachment`);
    }
  }
  for (const svc of get('services')) {
    need(taskDefs, svc.taskDefinition, `service ${svc.serviceName}`);
    for (const lb of arr(svc.loadBalancers)) need(tgArns, lb.targetGroupArn, `service ${svc.serviceName}`);
    const mine = running.filter(
      (t) => t.group === `service:${svc.serviceName}` && t.clusterArn === svc.clusterArn,
    );
    if (mine.length !== svc.runningCount)
      problems.push(
        `service ${svc.serviceName} runningCount ${String(svc.runningCount)} but ${mine.length} RUNNING tasks`,
      );
  }
  const endpoints = new Set(
    running.flatMap((t) => {
      const ci = cis.get(t.containerInstanceArn);
      const ports = arr(t.containers).flatMap((c) =>
        arr(c.networkBindings).map((b) => `${String(ci?.ec2InstanceId)}:${String(b.hostPort)}`),
      );
      const ips = arr(t.attachments).flatMap((a) =>
        arr(a.details)
          .filter((kv) => kv.name === 'privateIPv4Address')
          .map((kv) => String(kv.value)),
      );
      return [...ports, ...ips];
    }),
  );
  for (const h of get('LoadBalancerTargetHealth')) {
    need(tgArns, h.TargetGroupArn, 'target health');
    for (const d of arr(h.TargetHealthDescriptions)) {
      const target = d.Target as Json;
      const key = String(target.Id).startsWith('i-')
        ? `${String(target.Id)}:${String(target.Port)}`
        : String(target.Id);
      if (!endpoints.has(key))
        problems.push(`target ${key} of ${String(h.TargetGroupArn)} is no running task`);
    }
  }
  return problems;
}
