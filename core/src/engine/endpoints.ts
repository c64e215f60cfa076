// Resolve the user's words for sources and destinations: instance id, ENI id, IPv4, "internet", or an ALB.
// Ids are unique only within an account and region: an id held in several is ambiguous unless qualified
// as "<region>/<id>" or "<account>/<region>/<id>".
import { scopeKey, type SnapshotScope } from '@porthole/shared';
import { endpointForEni, endpointForInstance, endpointForIp } from '../model/endpoints.ts';
import type { EndpointModel, EstateModel, LoadBalancerModel } from '../model/types.ts';
import type { Caller } from '../net/paths/frontDoor.ts';
import { PathInputError } from './errors.ts';

export const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

interface Qualified {
  id: string;
  account: string | null;
  region: string | null;
}

function qualified(ref: string): Qualified {
  const parts = ref.split('/');
  const id = parts.pop()!;
  const region = parts.pop() ?? null;
  const account = parts.pop() ?? null;
  return { id, account, region };
}

function inScope(q: Qualified, scope: SnapshotScope): boolean {
  return (
    (q.region === null || q.region === scope.region) && (q.account === null || q.account === scope.account)
  );
}

/** Scopes holding an instance or ENI by id (an instance may be known only through its ENI's attachment). */
function scopesHolding(model: EstateModel, id: string): SnapshotScope[] {
  const found = id.startsWith('i-')
    ? [
        ...model.instances.lookupAll(id).map((h) => h.scope),
        ...[...model.networkInterfaces.values()]
          .filter((e) => e.Attachment?.InstanceId === id)
          .map((e) => e.scope),
      ]
    : model.networkInterfaces.lookupAll(id).map((h) => h.scope);
  const unique = new Map(found.map((s) => [scopeKey(s), s]));
  return [...unique.values()];
}

/**
 * An instance or ENI named by the user, in the one account/region holding it. Null when none holds it;
 * a usage error when several do and the reference does not say which.
 */
export function endpointForRef(model: EstateModel, ref: string, flag: string): EndpointModel | null {
  const q = qualified(ref);
  const scopes = scopesHolding(model, q.id).filter((s) => inScope(q, s));
  if (scopes.length === 0) return null;
  if (scopes.length > 1)
    throw new PathInputError(
      `${flag} ${ref}: held in ${scopes.map(scopeKey).join(', ')}; write <account>/<region>/${q.id}`,
    );
  const scope = scopes[0]!;
  return q.id.startsWith('i-') ? endpointForInstance(model, scope, q.id) : endpointForEni(model, scope, q.id);
}

/** Does the reference name an instance or ENI (optionally qualified by region or account/region)? */
export function isEndpointRef(ref: string): boolean {
  const id = qualified(ref).id;
  return id.startsWith('i-') || id.startsWith('eni-');
}

export function resolveCaller(model: EstateModel, source: string | undefined): Caller {
  const s = (source ?? 'internet').trim();
  if (s === 'internet') return { kind: 'internet', address: '0.0.0.0/0' };
  if (isEndpointRef(s)) {
    const endpoint = endpointForRef(model, s, '--from');
    const what = qualified(s).id.startsWith('i-') ? 'instance' : 'network interface';
    if (!endpoint) throw new PathInputError(`--from ${s}: no such ${what} in the snapshot`);
    return { kind: 'endpoint', endpoint };
  }
  if (IPV4.test(s)) {
    const endpoint = endpointForIp(model, null, s);
    return endpoint ? { kind: 'endpoint', endpoint } : { kind: 'address', address: s };
  }
  throw new PathInputError(
    `--from "${s}": expected "internet", an instance id (i-…), an ENI id (eni-…) or an IPv4 address`,
  );
}

export function findLoadBalancer(model: EstateModel, ref: string): LoadBalancerModel | null {
  const needle = ref
    .trim()
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^dualstack\./, '');
  const found = [...model.loadBalancers.values()].filter(
    (lb) => lb.arn.toLowerCase() === needle || lb.name.toLowerCase() === needle || lb.dnsName === needle,
  );
  // Names repeat across accounts and regions; ARNs and DNS names do not.
  if (found.length > 1)
    throw new PathInputError(
      `"${ref}" names ${found.length} load balancers (${found.map((lb) => scopeKey(lb.scope)).join(', ')}): use its ARN or DNS name`,
    );
  return found[0] ?? null;
}
