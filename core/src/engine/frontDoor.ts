// Which ALB listeners no client can reach at all, from the front-door findings: the ALB's SGs admit nobody
// on the port, or every node's subnet drops clients (NACL) or has no route back to the internet. A service
// whose every listener is closed is `down` even when its targets are healthy.
import type { Finding } from '@porthole/shared';
import type { EstateModel, LoadBalancerModel } from '../model/types.ts';
import { prefixListResolver } from '../net/paths/hops.ts';
import { evaluateSecurityGroups } from '../net/securityGroups.ts';

/** Node subnets blocked per listener; 'all' = every node. */
type Blocked = Map<string, { nodes: Set<string> | 'all'; finding: Finding }>;

function lbOf(model: EstateModel, f: Finding): LoadBalancerModel | null {
  for (const r of f.resources) {
    const lb = model.loadBalancers.get(r);
    if (lb) return lb;
  }
  return null;
}

/** An internet-facing ALB whose SGs admit no CIDR at all on the port: SG references never match its clients. */
function admitsNoCidr(model: EstateModel, lb: LoadBalancerModel, port: number | null): boolean {
  if (port === null || lb.scheme !== 'internet-facing') return false;
  const groups = lb.securityGroupIds.flatMap((id) => model.securityGroups.get(lb.scope, id) ?? []);
  if (groups.length !== lb.securityGroupIds.length) return false;
  const peer = { address: '0.0.0.0/0', securityGroupIds: [] };
  const ports = { from: port, to: port };
  return (
    evaluateSecurityGroups(groups, 'ingress', peer, 'tcp', ports, prefixListResolver(model, lb.scope))
      .verdict === 'deny'
  );
}

function block(blocked: Blocked, listenerArn: string, nodes: string[] | 'all', finding: Finding): void {
  const seen = blocked.get(listenerArn);
  if (nodes === 'all' || seen?.nodes === 'all') {
    blocked.set(listenerArn, { nodes: 'all', finding: nodes === 'all' ? finding : seen!.finding });
    return;
  }
  const set = seen?.nodes ?? new Set<string>();
  for (const n of nodes) set.add(n);
  blocked.set(listenerArn, { nodes: set, finding: seen?.finding ?? finding });
}

/** Listener ARN → the finding that closes it for every client. */
export function closedListeners(model: EstateModel, findings: Finding[]): Map<string, Finding> {
  const blocked: Blocked = new Map();
  const lbs = new Map<string, LoadBalancerModel>();
  for (const f of findings) {
    if (f.severity !== 'critical' || f.rule === 'data-missing') continue;
    const lb = lbOf(model, f);
    if (!lb) continue;
    lbs.set(lb.arn, lb);
    const named = lb.listeners.filter((l) => f.resources.includes(l.arn));
    const listeners = named.length > 0 ? named : lb.listeners;
    const nodeSubnets = lb.nodes.map((n) => n.subnetId).filter((s) => f.resources.includes(s));
    for (const l of listeners) {
      if (f.rule === 'alb-sg-blocks-listener') block(blocked, l.arn, 'all', f);
      else if (f.rule === 'sg-reference-public-ip' && admitsNoCidr(model, lb, l.port))
        block(blocked, l.arn, 'all', f);
      else if (f.rule === 'nacl-blocks-listener' || f.rule === 'public-subnet-no-igw')
        block(blocked, l.arn, nodeSubnets, f);
    }
  }
  const closed = new Map<string, Finding>();
  for (const lb of lbs.values()) {
    for (const l of lb.listeners) {
      const b = blocked.get(l.arn);
      if (!b) continue;
      const nodes = b.nodes;
      const all = nodes === 'all' || (lb.nodes.length > 0 && lb.nodes.every((n) => nodes.has(n.subnetId)));
      if (all) closed.set(l.arn, b.finding);
    }
  }
  return closed;
}

/** The listener ARNs that forward to any of these target groups. */
export function listenersFor(model: EstateModel, targetGroupArns: string[]): string[] {
  const out: string[] = [];
  for (const arn of targetGroupArns) {
    for (const lbArn of model.targetGroups.get(arn)?.loadBalancerArns ?? []) {
      for (const l of model.loadBalancers.get(lbArn)?.listeners ?? []) {
        if (l.rules.some((r) => r.targetGroupArns.includes(arn))) out.push(l.arn);
      }
    }
  }
  return [...new Set(out)];
}
