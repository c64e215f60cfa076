// Fix for a world-open ECS security group rule: revoke it, and admit the service's load balancer SG on exactly
// the ports the ALB needs (the dynamic range for bridge hostPort 0, else the target port; plus a distinct
// health-check port). EC2 API RevokeSecurityGroupIngress / AuthorizeSecurityGroupIngress.
import type { Fix, SnapshotScope } from '@porthole/shared';
import type { EstateModel, ServiceModel } from '../../model/types.ts';
import type { PortRange } from '../../net/cidr.ts';
import { loadBalancedMapping, usesDynamicHostPorts } from '../../model/ecsPorts.ts';
import { regionFlag } from '../support/finding.ts';
import { securityGroupFix } from './securityGroupFix.ts';

export interface OpenRule {
  groupId: string;
  protocol: string;
  ports: PortRange;
  cidr: string;
  why: string;
  text: string;
}

export function openRuleLabel(o: OpenRule): string {
  if (o.protocol === 'all') return 'all traffic';
  return `${o.protocol} ${o.ports.from === o.ports.to ? o.ports.from : `${o.ports.from}-${o.ports.to}`}`;
}

function revokeCommand(o: OpenRule, scope: SnapshotScope): string {
  const proto = o.protocol === 'all' ? '-1' : o.protocol;
  const ports = o.protocol === 'all' ? '' : `,FromPort=${o.ports.from},ToPort=${o.ports.to}`;
  const source = o.cidr.includes(':') ? `Ipv6Ranges=[{CidrIpv6=${o.cidr}}]` : `IpRanges=[{CidrIp=${o.cidr}}]`;
  return `aws ec2 revoke-security-group-ingress --group-id ${o.groupId}${regionFlag(scope)} --ip-permissions 'IpProtocol=${proto}${ports},${source}'`;
}

export interface AlbNeed {
  albGroupId: string | null;
  lbName: string;
  ports: PortRange;
  why: string;
}

/** The ports each load balancer in front of the service must reach, and its SG (target group → LoadBalancerArns). */
export function albNeeds(model: EstateModel, svc: ServiceModel): AlbNeed[] {
  const needs: AlbNeed[] = [];
  for (const entry of svc.loadBalancers) {
    const tg = model.targetGroups.get(entry.targetGroupArn);
    const lbs = (tg?.loadBalancerArns ?? []).flatMap((arn) => model.loadBalancers.get(arn) ?? []);
    const lb = lbs[0];
    const albGroupId = lb?.securityGroupIds[0] ?? null;
    const lbName = lb?.name ?? tg?.name ?? entry.targetGroupArn;
    if (usesDynamicHostPorts(svc, entry.targetGroupArn)) {
      needs.push({ albGroupId, lbName, ports: { from: 32768, to: 65535 }, why: 'dynamic host ports' });
      continue;
    }
    const mapping = loadBalancedMapping(svc, entry.targetGroupArn);
    const port =
      svc.networkMode === 'bridge'
        ? (mapping?.hostPort ?? null)
        : (entry.containerPort ?? mapping?.containerPort ?? null);
    if (port) needs.push({ albGroupId, lbName, ports: { from: port, to: port }, why: 'target port' });
    const hc = Number(tg?.healthCheck.port);
    if (Number.isInteger(hc) && hc !== port) {
      needs.push({ albGroupId, lbName, ports: { from: hc, to: hc }, why: 'health-check port' });
    }
  }
  return needs;
}

export function openRuleFix(
  model: EstateModel,
  svc: ServiceModel | null,
  groupId: string,
  open: OpenRule[],
  scope: SnapshotScope,
): Fix {
  const needs = svc ? albNeeds(model, svc) : [];
  const revoke = open.map((o) => revokeCommand(o, scope));
  const removeTf = open.map((o) => `# remove from ${groupId}: ingress ${openRuleLabel(o)} from ${o.cidr}`);
  if (needs.length === 0) {
    return {
      summary: `Revoke the world-open rule${open.length > 1 ? 's' : ''} on ${groupId} and admit only the sources that need these ports.`,
      awsCli: revoke,
      terraform: removeTf.join('\n'),
    };
  }
  const parts = needs.map((n) =>
    securityGroupFix(
      '',
      {
        groupId,
        direction: 'ingress',
        protocol: 'tcp',
        from: n.ports.from,
        to: n.ports.to,
        peer: { groupId: n.albGroupId ?? 'LOAD_BALANCER_SECURITY_GROUP_ID' },
        description: `${n.lbName} ${n.why}`,
      },
      scope,
    ),
  );
  const sources = [...new Set(needs.map((n) => `${n.albGroupId ?? n.lbName}`))].join(', ');
  const ranges = needs.map(
    (n) => `tcp ${n.ports.from === n.ports.to ? n.ports.from : `${n.ports.from}-${n.ports.to}`} (${n.why})`,
  );
  return {
    summary: `Replace it with ${ranges.join(', ')} from the load balancer's security group ${sources}.`,
    awsCli: [...parts.flatMap((p) => p.awsCli), ...revoke],
    terraform: [...removeTf, '', ...parts.map((p) => p.terraform)].join('\n'),
  };
}
