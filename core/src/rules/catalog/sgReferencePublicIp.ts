// sg-reference-public-ip: an internet-facing ALB's SG admits another SG, but that SG's members reach the ALB
// from a public/Elastic IP, and an SG reference matches private IPs only (VPC guide, "Security group rules").
import type { Finding } from '@porthole/shared';
import { endpointForEni } from '../../model/endpoints.ts';
import { dataGaps } from '../../model/scopes.ts';
import { internetSourceAddress } from '../../net/paths/egressAddress.ts';
import { prefixListResolver } from '../../net/paths/hops.ts';
import { evaluateSecurityGroups } from '../../net/securityGroups.ts';
import { securityGroupFix } from '../fix/securityGroupFix.ts';
import { referenceRulesFor } from './albSgBlocksListener.ts';
import { makeFinding, unknownFinding } from '../support/finding.ts';
import type { Rule } from '../types.ts';

export const sgReferencePublicIp: Rule = {
  id: 'sg-reference-public-ip',
  summary:
    "An internet-facing ALB's SG admits another SG whose members arrive from public IPs, so the rule never matches",
  doc: 'VPC guide, "Security group rules" (source security group: private IP addresses only)',
  evaluate(model) {
    const findings: Finding[] = [];
    for (const lb of model.loadBalancers.values()) {
      if (lb.type !== 'application') continue;
      if (lb.scheme !== 'internet-facing') continue;
      for (const listener of lb.listeners) {
        if (listener.port === null) continue;
        const port = listener.port;
        for (const { groupId: albSg, permission } of referenceRulesFor(model, lb, port)) {
          for (const pair of permission.UserIdGroupPairs ?? []) {
            if (!pair.GroupId || lb.securityGroupIds.includes(pair.GroupId)) continue;
            const gaps = dataGaps(model, lb.scope, ['NetworkInterfaces', 'RouteTables']);
            if (gaps.length > 0) {
              findings.push(
                unknownFinding('sg-reference-public-ip', lb.scope, null, [albSg, lb.arn, pair.GroupId], gaps),
              );
              continue;
            }
            const members = (model.enisBySecurityGroup.get(lb.scope, pair.GroupId) ?? [])
              .map((id) => endpointForEni(model, lb.scope, id))
              .filter((e) => e !== null);
            if (members.length === 0) continue;
            const arrivals = members.map((m) => ({ member: m, egress: internetSourceAddress(model, m) }));
            const groups = lb.securityGroupIds.flatMap((id) => model.securityGroups.get(lb.scope, id) ?? []);
            const blocked = arrivals.filter(
              (a) =>
                a.egress.address !== null &&
                evaluateSecurityGroups(
                  groups,
                  'ingress',
                  { address: a.egress.address, securityGroupIds: [] },
                  'tcp',
                  { from: port, to: port },
                  prefixListResolver(model, lb.scope),
                ).verdict === 'deny',
            );
            const severity = blocked.length > 0 ? 'critical' : 'warning';
            const shown = (blocked.length > 0 ? blocked : arrivals).slice(0, 5);
            const first = shown[0]!;
            const publicIp = first.egress.address;
            findings.push(
              makeFinding({
                scope: lb.scope,
                rule: 'sg-reference-public-ip',
                severity,
                title: `${lb.name}: rule "tcp ${port} from ${pair.GroupId}" never matches — its members arrive from public IPs`,
                explanation:
                  `${albSg} admits tcp ${port} from security group ${pair.GroupId}, but an SG reference matches only the private IPs ` +
                  `of ENIs in that group. ${lb.name} is internet-facing: its DNS name resolves to public addresses, so ` +
                  `${first.member.instanceId ?? first.member.id} reaches it via ${first.egress.via}` +
                  `${publicIp ? ` and arrives with source ${publicIp}` : ''}, which the rule does not match. ` +
                  (severity === 'critical'
                    ? `No other rule admits that address on ${port}: the request times out.`
                    : 'Another rule admits it, so this rule is dead weight and misleading.'),
                resources: [
                  albSg,
                  lb.arn,
                  pair.GroupId,
                  ...shown.map((a) => a.member.instanceId ?? a.member.id),
                  listener.arn,
                ],
                service: null,
                targets: [],
                evidence: [
                  {
                    kind: 'security-group-rule',
                    component: albSg,
                    detail: `${albSg} ingress tcp ${port} from ${pair.GroupId}`,
                  },
                  ...shown.map((a) => ({
                    kind: 'route' as const,
                    component: a.member.instanceId ?? a.member.id,
                    detail: `${a.member.instanceId ?? a.member.id} (private ${a.member.privateIps[0] ?? '?'}) leaves via ${a.egress.via}`,
                  })),
                ],
                fix: publicIp
                  ? securityGroupFix(
                      `Admit tcp ${port} from the address the callers really use (${publicIp}/32) on ${albSg}, or call an internal ALB so the private IP (and the SG reference) applies.`,
                      {
                        groupId: albSg,
                        direction: 'ingress',
                        protocol: 'tcp',
                        from: port,
                        to: port,
                        peer: { cidr: `${publicIp}/32` },
                        description: `${pair.GroupId} members via public IP`,
                      },
                      lb.scope,
                    )
                  : {
                      summary: `The members of ${pair.GroupId} have no way to the internet (${first.egress.via}); call the service through an internal ALB, where the SG reference applies.`,
                      awsCli: [],
                      terraform: '',
                    },
              }),
            );
          }
        }
      }
    }
    return findings;
  },
};
