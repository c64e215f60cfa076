// Who can reach a load balancer's nodes at all, before any security group is consulted.
import type { LoadBalancerModel } from '../model/types.ts';
import { isPrivateAddress } from '../net/cidr.ts';
import type { Caller } from '../net/paths/frontDoor.ts';
import type { EvaluatedHop } from '../net/paths/hops.ts';
import { albHop } from './albHops.ts';

export function callerText(caller: Caller): string {
  return caller.kind === 'endpoint'
    ? caller.endpoint.id
    : caller.kind === 'internet'
      ? 'internet'
      : caller.address;
}

/** ALB guide / ELB API Scheme: an internal ALB's nodes have private addresses only. */
export function schemeHop(lb: LoadBalancerModel, caller: Caller): EvaluatedHop | null {
  if (lb.scheme !== 'internal') return null;
  const fromInternet =
    caller.kind === 'internet' || (caller.kind === 'address' && !isPrivateAddress(caller.address));
  if (!fromInternet) return null;
  return albHop({
    component: lb.arn,
    kind: 'load-balancer',
    direction: 'inbound',
    verdict: 'deny',
    detail: `${lb.name} is internal: its nodes have private IP addresses only, so nothing on the internet reaches them, whatever its security groups allow`,
  });
}
