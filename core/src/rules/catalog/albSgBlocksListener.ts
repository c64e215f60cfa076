// alb-sg-blocks-listener: the ALB's SGs admit no client on a listener port (0.0.0.0/0 for internet-facing,
// the VPC CIDR for internal). ALB guide, "Security groups for your Application Load Balancer".
import type { Finding, IpPermission } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel, LoadBalancerModel } from '../../model/types.ts';
import { evaluateSecurityGroups } from '../../net/securityGroups.ts';
import { prefixListResolver } from '../../net/paths/hops.ts';
import { CLIENT_CIDR, safeCidr } from '../fix/safeSource.ts';
import { securityGroupFix } from '../fix/securityGroupFix.ts';
import { makeFinding, unknownFinding } from '../support/finding.ts';
import type { Rule } from '../types.ts';

/** The clients an ALB is for: anyone (internet-facing) or its VPC (internal). */
export function clientRange(model: EstateModel, lb: LoadBalancerModel): string | null {
  if (lb.scheme === 'internet-facing') return '0.0.0.0/0';
  return (lb.vpcId ? model.vpcs.get(lb.scope, lb.vpcId)?.CidrBlock : undefined) ?? null;
}

/** Ingress rules of the ALB's SGs that reference another SG and cover this port. */
export function referenceRulesFor(model: EstateModel, lb: LoadBalancerModel, port: number) {
  return lb.securityGroupIds.flatMap((id) =>
    (model.securityGroups.get(lb.scope, id)?.IpPermissions ?? [])
      .filter((p) => coversPort(p, port) && (p.UserIdGroupPairs ?? []).length > 0)
      .map((permission) => ({ groupId: id, permission })),
  );
}

function coversPort(p: IpPermission, port: number): boolean {
  if (p.IpProtocol === '-1') return true;
  if (p.IpProtocol !== 'tcp' && p.IpProtocol !== '6') return false;
  return (p.FromPort ?? 0) <= port && port <= (p.ToPort ?? 65535);
}

export const albSgBlocksListener: Rule = {
  id: 'alb-sg-blocks-listener',
  summary: "The ALB's security groups admit no client on a listener port",
  doc: 'ALB guide, "Security groups for your Application Load Balancer"',
  evaluate(model) {
    const findings: Finding[] = [];
    for (const lb of model.loadBalancers.values()) {
      if (lb.type !== 'application') continue;
      if (lb.listeners.length === 0) continue;
      const gaps = dataGaps(
        model,
        lb.scope,
        lb.scheme === 'internal' ? ['SecurityGroups', 'Vpcs'] : ['SecurityGroups'],
      );
      const missing = lb.securityGroupIds.filter((id) => !model.securityGroups.has(lb.scope, id));
      if (gaps.length > 0 || missing.length > 0) {
        const why = gaps.length > 0 ? gaps : missing.map((id) => `security group ${id} not in the snapshot`);
        findings.push(unknownFinding('alb-sg-blocks-listener', lb.scope, null, [lb.arn], why));
        continue;
      }
      const clients = clientRange(model, lb);
      if (clients === null) {
        findings.push(
          unknownFinding(
            'alb-sg-blocks-listener',
            lb.scope,
            null,
            [lb.arn],
            [`VPC ${lb.vpcId} not in the snapshot`],
          ),
        );
        continue;
      }
      const groups = lb.securityGroupIds.map((id) => model.securityGroups.get(lb.scope, id)!);
      for (const listener of lb.listeners) {
        if (listener.port === null) continue;
        const port = listener.port;
        const peer = { address: clients, securityGroupIds: [] };
        const decision = evaluateSecurityGroups(
          groups,
          'ingress',
          peer,
          'tcp',
          { from: port, to: port },
          prefixListResolver(model, lb.scope),
        );
        // Only "nothing at all": a rule for part of the range (an office CIDR) is a choice, and SG-reference
        // rules are judged by sg-reference-public-ip.
        if (decision.verdict !== 'deny' || referenceRulesFor(model, lb, port).length > 0) continue;
        const sgId = lb.securityGroupIds[0] ?? lb.arn;
        const ports = { from: port, to: port };
        const source = safeCidr(model.securityGroups.get(lb.scope, sgId), 'ingress', 'tcp', ports, clients);
        findings.push(
          makeFinding({
            scope: lb.scope,
            rule: 'alb-sg-blocks-listener',
            severity: 'critical',
            title: `${lb.name}: no client can reach listener ${listener.protocol ?? ''} :${port}`,
            explanation:
              `${lb.name} (${lb.scheme}) listens on ${port}, but its security groups ${lb.securityGroupIds.join(', ')} ` +
              `have no ingress rule for tcp ${port} from ${clients === '0.0.0.0/0' ? 'the internet' : `the VPC (${clients})`}. ` +
              `Connections to ${lb.dnsName ?? lb.name}:${port} hang until the client times out. ${decision.reason}`,
            resources: [sgId, lb.arn, listener.arn],
            service: null,
            targets: [],
            evidence: [
              {
                kind: 'listener',
                component: listener.arn,
                detail: `listener ${listener.protocol ?? ''} :${port}`,
              },
              { kind: 'security-group-rule', component: sgId, detail: decision.reason },
            ],
            fix: securityGroupFix(
              `Allow tcp ${port} from ${source === CLIENT_CIDR ? `the clients that should reach ${lb.name} (replace ${CLIENT_CIDR} with their range)` : source} on ${sgId}.`,
              {
                groupId: sgId,
                direction: 'ingress',
                protocol: 'tcp',
                from: port,
                to: port,
                peer: { cidr: source },
                description: `clients to ${lb.name}:${port}`,
              },
              lb.scope,
            ),
          }),
        );
      }
    }
    return findings;
  },
};
