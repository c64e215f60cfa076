// Which services a finding affects: its own service, or — for a finding on an ALB, listener, rule, subnet,
// NACL or route table — every service whose traffic crosses that component (listener → rules → target
// groups → services). Fills `services` so verdicts, the API, the socket and the wall count the finding.
import type { Finding } from '@porthole/shared';
import type { EstateModel, ListenerModel, LoadBalancerModel } from '../model/types.ts';

/** "cluster/service" of every service registered in a target group the listener forwards to. */
export function servicesBehindListener(model: EstateModel, listener: ListenerModel): string[] {
  const keys = listener.rules
    .flatMap((r) => r.targetGroupArns)
    .flatMap((arn) => model.targetGroups.get(arn)?.services ?? [])
    .flatMap((id) => model.services.get(id)?.key ?? []);
  return [...new Set(keys)].sort();
}

export function servicesBehindLoadBalancer(model: EstateModel, lb: LoadBalancerModel): string[] {
  return [...new Set(lb.listeners.flatMap((l) => servicesBehindListener(model, l)))].sort();
}

interface Index {
  listeners: Map<string, ListenerModel>;
  /** Rule ARN → its listener. */
  rules: Map<string, ListenerModel>;
  /** ALB node subnet → the load balancers with a node there. */
  bySubnet: Map<string, LoadBalancerModel[]>;
}

function indexOf(model: EstateModel): Index {
  const index: Index = { listeners: new Map(), rules: new Map(), bySubnet: new Map() };
  for (const lb of model.loadBalancers.values()) {
    for (const l of lb.listeners) {
      index.listeners.set(l.arn, l);
      for (const r of l.rules) index.rules.set(r.arn, l);
    }
    for (const n of lb.nodes) index.bySubnet.set(n.subnetId, [...(index.bySubnet.get(n.subnetId) ?? []), lb]);
  }
  return index;
}

/** The services behind the components a service-less finding names, most specific first. */
function affectedBy(model: EstateModel, index: Index, f: Finding): string[] {
  const listeners = f.resources.flatMap((r) => index.listeners.get(r) ?? index.rules.get(r) ?? []);
  if (listeners.length > 0) return listeners.flatMap((l) => servicesBehindListener(model, l));
  const lbs = f.resources.flatMap((r) => model.loadBalancers.get(r) ?? []);
  if (lbs.length > 0) return lbs.flatMap((lb) => servicesBehindLoadBalancer(model, lb));
  // A subnet, or the NACL / route table of a subnet, that holds ALB nodes.
  const subnets = f.resources.flatMap((r) => {
    if (index.bySubnet.has(r)) return [r];
    const acl = model.networkAcls.get(f, r);
    if (acl) return (acl.Associations ?? []).flatMap((a) => a.SubnetId ?? []);
    const table = model.routeTables.get(f, r);
    return (table?.Associations ?? []).flatMap((a) => a.SubnetId ?? []);
  });
  return subnets
    .flatMap((s) => index.bySubnet.get(s) ?? [])
    .flatMap((lb) => servicesBehindLoadBalancer(model, lb));
}

/** Every finding with its affected services filled in (its own service first). */
export function withAffectedServices(model: EstateModel, findings: Finding[]): Finding[] {
  const index = indexOf(model);
  return findings.map((f) => {
    const found = f.service ? [] : affectedBy(model, index, f);
    const services = [...new Set([...(f.service ? [f.service] : []), ...f.services, ...found.sort()])];
    return { ...f, services };
  });
}
