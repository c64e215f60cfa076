// nacl-blocks-listener: the ALB subnets' NACL denies clients on a listener port, or the replies to 1024–65535.
// VPC guide, "Network ACLs" (stateless) and "Ephemeral ports"; ALB guide, "Network ACLs for your load balancer".
import type { Finding } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import { formatPortRange } from '../../net/cidr.ts';
import { ELB_EPHEMERAL } from '../../net/paths/albToTarget.ts';
import { INTERNET_PROBE_ADDRESS } from '../../net/paths/egressAddress.ts';
import { renderHop } from '../../net/paths/decided.ts';
import { decideNetworkAclHop } from '../../net/paths/hopDecisions.ts';
import { networkAclFix } from '../fix/networkAclFix.ts';
import { makeFinding, unknownFinding } from '../support/finding.ts';
import type { Rule } from '../types.ts';

export const naclBlocksListener: Rule = {
  id: 'nacl-blocks-listener',
  summary: "The ALB subnets' NACL denies clients on a listener port, or the replies on 1024–65535",
  doc: 'VPC guide, "Network ACLs" and "Ephemeral ports"; ALB guide, "Network ACLs for your load balancer"',
  evaluate(model) {
    const findings: Finding[] = [];
    for (const lb of model.loadBalancers.values()) {
      if (lb.type !== 'application') continue;
      if (lb.listeners.length === 0) continue;
      const gaps = dataGaps(model, lb.scope, ['NetworkAcls']);
      if (gaps.length > 0) {
        findings.push(unknownFinding('nacl-blocks-listener', lb.scope, null, [lb.arn], gaps));
        continue;
      }
      // A public address stands for "the internet"; the VPC range for internal clients (a partial match is a choice).
      const client =
        lb.scheme === 'internet-facing'
          ? INTERNET_PROBE_ADDRESS
          : ((lb.vpcId ? model.vpcs.get(lb.scope, lb.vpcId)?.CidrBlock : null) ?? null);
      if (!client) continue;
      for (const listener of lb.listeners) {
        if (listener.port === null) continue;
        const ports = { from: listener.port, to: listener.port };
        for (const node of lb.nodes) {
          const at = { scope: lb.scope, subnetId: node.subnetId, remote: client, protocol: 'tcp' as const };
          const checks = [
            decideNetworkAclHop(model, { ...at, direction: 'inbound', ports, leg: 'request' }),
            decideNetworkAclHop(model, { ...at, direction: 'outbound', ports: ELB_EPHEMERAL, leg: 'reply' }),
          ];
          // Sentences only for the hops that end in a finding (every ALB node asks twice per listener).
          for (const decided of checks.filter((h) => h.facts.verdict === 'deny')) {
            const hop = renderHop(decided, client);
            const acl = model.networkAcls.get(lb.scope, hop.component);
            const egress = hop.direction === 'outbound';
            const range = hop.ports ?? ports;
            const cidr = lb.scheme === 'internet-facing' ? '0.0.0.0/0' : client;
            const denying =
              hop.naclEntries?.find((e) => e.RuleAction === 'deny' && e.RuleNumber !== 32767) ?? null;
            const finding = makeFinding({
              scope: lb.scope,
              rule: 'nacl-blocks-listener',
              severity: 'critical',
              title: `${lb.name}: ${egress ? 'replies cannot reach clients' : `clients cannot reach :${listener.port}`}: NACL ${hop.component} ${egress ? 'outbound' : 'inbound'} blocks them`,
              explanation:
                `Network ACLs are stateless: ${lb.name}'s subnet ${node.subnetId} (${node.availabilityZone ?? '?'}) must allow clients in on ` +
                `${listener.port} and the replies out to their ephemeral ports ${formatPortRange(ELB_EPHEMERAL)}. ${hop.detail}. ` +
                `Clients resolving to this node's address time out.`,
              resources: [hop.component, lb.arn, node.subnetId, listener.arn],
              service: null,
              targets: [],
              evidence: hop.evidence,
              fix: acl
                ? networkAclFix(
                    `Allow ${egress ? 'outbound' : 'inbound'} tcp ${formatPortRange(range)} ${egress ? 'to' : 'from'} ${cidr} in ${acl.NetworkAclId}`,
                    { acl, egress, from: range.from, to: range.to, cidr, denyingEntry: denying },
                    lb.scope,
                  )
                : { summary: `Allow the traffic in ${hop.component}.`, awsCli: [], terraform: '' },
            });
            // One NACL on several ALB subnets is one finding naming every node subnet it cuts off.
            const seen = findings.find((f) => f.id === finding.id);
            if (!seen) findings.push(finding);
            else if (!seen.resources.includes(node.subnetId)) seen.resources.push(node.subnetId);
          }
        }
      }
    }
    return findings;
  },
};
