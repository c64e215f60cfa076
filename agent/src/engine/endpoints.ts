// Resolve the user's words for sources and destinations: instance id, ENI id, IPv4, "internet", or an ALB.
import { endpointForEni, endpointForInstance, endpointForIp } from '../model/endpoints.ts';
import type { EstateModel, LoadBalancerModel } from '../model/types.ts';
import type { Caller } from '../net/paths/frontDoor.ts';
import { PathInputError } from './errors.ts';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function resolveCaller(model: EstateModel, source: string | undefined): Caller {
  const s = (source ?? 'internet').trim();
  if (s === 'internet') return { kind: 'internet', address: '0.0.0.0/0' };
  if (s.startsWith('i-')) {
    const endpoint = endpointForInstance(model, s);
    if (!endpoint) throw new PathInputError(`--from ${s}: no such instance in the snapshot`);
    return { kind: 'endpoint', endpoint };
  }
  if (s.startsWith('eni-')) {
    const endpoint = endpointForEni(model, s);
    if (!endpoint) throw new PathInputError(`--from ${s}: no such network interface in the snapshot`);
    return { kind: 'endpoint', endpoint };
  }
  if (IPV4.test(s)) {
    const endpoint = endpointForIp(model, s);
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
  for (const lb of model.loadBalancers.values()) {
    if (lb.arn.toLowerCase() === needle || lb.name.toLowerCase() === needle || lb.dnsName === needle)
      return lb;
  }
  return null;
}
