// A blocking hop that no catalog rule explains becomes a generic finding (sg-blocks-ingress, sg-blocks-egress,
// nacl-blocks, no-route) with the deciding entries as evidence and a fix built from what was asked.
import type { Finding, Fix } from '@porthole/shared';
import type { EstateModel } from '../model/types.ts';
import { formatPortRange } from '../net/cidr.ts';
import { componentIdsOf, type EvaluatedHop } from '../net/paths/hops.ts';
import { networkAclFix } from '../rules/fix/networkAclFix.ts';
import { CLIENT_CIDR, WORLD_CIDRS, safeCidr } from '../rules/fix/safeSource.ts';
import { securityGroupFix } from '../rules/fix/securityGroupFix.ts';

const GENERIC: Record<string, Finding['rule']> = {
  'sg-ingress': 'sg-blocks-ingress',
  'sg-egress': 'sg-blocks-egress',
  'nacl-inbound': 'nacl-blocks',
  'nacl-outbound': 'nacl-blocks',
  route: 'no-route',
};

function cidrOf(address: string): string {
  return address.includes('/') ? address : `${address}/32`;
}

function fixFor(model: EstateModel | null, h: EvaluatedHop): Fix {
  const q = h.query;
  const ports = h.ports;
  const protocol = q?.protocol === 'udp' ? 'udp' : 'tcp';
  if (q && ports && q.peer && (h.check === 'sg-ingress' || h.check === 'sg-egress')) {
    const groupId = h.component.split(',')[0]!;
    const direction = h.check === 'sg-ingress' ? 'ingress' : 'egress';
    // The asked source only — and never the whole internet unless the group already admits it there.
    const peer = q.peer.securityGroupIds[0]
      ? { groupId: q.peer.securityGroupIds[0] }
      : {
          cidr: safeCidr(
            q ? model?.securityGroups.get(q.scope, groupId) : undefined,
            direction,
            protocol,
            ports,
            cidrOf(q.peer.address),
          ),
        };
    return securityGroupFix(
      `Allow ${direction} ${protocol} ${formatPortRange(ports)} on ${groupId} ${direction === 'ingress' ? 'from' : 'to'} ${'groupId' in peer ? peer.groupId : peer.cidr}.`,
      {
        groupId,
        direction,
        protocol,
        from: ports.from,
        to: ports.to,
        peer,
        description: 'asked source, from porthole reach',
      },
      q.scope,
    );
  }
  const acl = q ? model?.networkAcls.get(q.scope, h.component) : undefined;
  if (q && ports && q.remote && acl) {
    const egress = h.check === 'nacl-outbound';
    const denying = h.naclEntries?.find((e) => e.RuleAction === 'deny' && e.RuleNumber !== 32767) ?? null;
    // The asked source, never the whole internet: the reader names the clients' range.
    const cidr = WORLD_CIDRS.has(cidrOf(q.remote)) ? CLIENT_CIDR : cidrOf(q.remote);
    return networkAclFix(
      `Allow ${egress ? 'outbound' : 'inbound'} ${protocol} ${formatPortRange(ports)} ${egress ? 'to' : 'from'} ${cidr} in ${acl.NetworkAclId}.`,
      { acl, egress, from: ports.from, to: ports.to, cidr, denyingEntry: denying },
      q.scope,
    );
  }
  return {
    summary: `Change ${h.component} so that it allows this traffic: ${h.detail}`,
    awsCli: [],
    terraform: '',
  };
}

export function genericFinding(model: EstateModel | null, h: EvaluatedHop): Finding | null {
  const rule = GENERIC[h.check];
  if (!rule) return null;
  const what = h.ports ? ` ${h.query?.protocol ?? 'tcp'} ${formatPortRange(h.ports)}` : '';
  return {
    id: `${rule}:${componentIdsOf(h).join('+')}:${h.leg}`,
    rule,
    severity: 'critical',
    title: `${h.kind} ${h.component} blocks the ${h.leg}${what}`,
    explanation:
      h.leg === 'reply'
        ? `The reply is dropped: ${h.detail}. Network ACLs are stateless, so the return direction needs its own allow entry.`
        : `The ${h.direction} ${h.kind} check denies the request: ${h.detail}.`,
    resources: componentIdsOf(h),
    service: null,
    services: [],
    confidence: h.gaps.length > 0 ? 'likely' : 'confirmed',
    missing: [...h.gaps],
    targets: [],
    evidence:
      h.evidence.length > 0 ? h.evidence : [{ kind: 'config', component: h.component, detail: h.detail }],
    fix: fixFor(model, h),
    account: h.query?.scope.account ?? null,
    region: h.query?.scope.region ?? null,
  };
}

/**
 * A request refused on a port the ALB does not listen on is part of that answer (no-listener-on-port lists
 * the ALB SGs and NACLs that refuse it as evidence), never a finding that proposes opening the port.
 */
export function foldsInto(f: Finding, h: EvaluatedHop): boolean {
  return (
    f.rule === 'no-listener-on-port' &&
    h.leg === 'request' &&
    h.component.split(',').every((c) => f.resources.includes(c))
  );
}
