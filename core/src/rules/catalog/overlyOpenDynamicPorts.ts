// overly-open-dynamic-ports: a container-instance or task security group opens ≥ 1,000 ports, the dynamic host-port
// range, or all traffic to 0.0.0.0/0 or ::/0 — instead of admitting the load balancer's SG. ECS guide, "Use an
// Application Load Balancer" (instance SG admits the dynamic range from the ALB SG); VPC guide, "Security group rules".
import {
  pushAll,
  type Evidence,
  type Finding,
  type IpPermission,
  type SecurityGroup,
  type SnapshotScope,
} from '@porthole/shared';
import { endpointForInstance, scopeOfArn } from '../../model/endpoints.ts';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel, Scoped, ServiceModel } from '../../model/types.ts';
import { normaliseProtocol } from '../../net/protocol.ts';
import { grantsOf, permissionPorts } from '../../net/sgRules.ts';
import { servicePlacements } from '../../analysis/ecsPlacement.ts';
import { makeFinding, unknownFinding } from '../support/finding.ts';
import { openRuleFix, openRuleLabel, type OpenRule } from '../fix/openRuleFix.ts';
import type { Rule } from '../types.ts';

const RULE = 'overly-open-dynamic-ports';
const WORLD = new Set(['0.0.0.0/0', '::/0']);
/** Linux default 32768–60999 and Docker's fallback 49153–65535 (aws-notes, "ECS dynamic host ports"). */
const EPHEMERAL = { from: 32768, to: 65535 };

/** The world-open grants of a permission that are too broad, with why. */
export function tooOpen(groupId: string, permission: IpPermission): OpenRule[] {
  const protocol = normaliseProtocol(permission.IpProtocol);
  if (protocol !== 'all' && protocol !== 'tcp' && protocol !== 'udp') return [];
  const ports = permissionPorts(permission);
  const why =
    protocol === 'all'
      ? 'all traffic'
      : ports.to - ports.from + 1 >= 1000
        ? `${ports.to - ports.from + 1} ports`
        : ports.from <= EPHEMERAL.to && EPHEMERAL.from <= ports.to
          ? 'ports in the dynamic host-port range'
          : null;
  if (!why) return [];
  return grantsOf(groupId, 'ingress', permission)
    .filter((g) => g.kind === 'cidr' && WORLD.has(g.source))
    .map((g) => ({ groupId, protocol, ports, cidr: g.source, why, text: g.text }));
}

interface Owner {
  svc: ServiceModel | null;
  scope: Scoped['scope'];
  /** Task ENIs / instances carrying the group, and whether any has a public IP. */
  holders: string[];
  publicIp: string | null;
}

export const overlyOpenDynamicPorts: Rule = {
  id: RULE,
  summary:
    'A container-instance or task security group opens ≥ 1,000 ports, the dynamic range or all traffic to the world instead of the ALB',
  doc: 'ECS developer guide, "Use an Application Load Balancer" (dynamic port mapping); VPC guide, "Security group rules"',
  evaluate(model) {
    const { owners: byGroup, unresolved } = ownersByGroup(model);
    const findings: Finding[] = unresolved.map(({ svc, gaps }) =>
      unknownFinding(RULE, svc.scope, svc.key, [svc.arn], gaps),
    );
    for (const [groupId, owners] of byGroup) {
      for (const owner of owners) {
        const gaps = dataGaps(model, owner.scope, ['SecurityGroups']);
        const group = model.securityGroups.get(owner.scope, groupId);
        if (gaps.length > 0 || !group) {
          const why = gaps.length > 0 ? gaps : [`security group ${groupId} not in the snapshot`];
          findings.push(unknownFinding(RULE, owner.scope, owner.svc?.key ?? null, [groupId], why));
          continue;
        }
        const open = (group.IpPermissions ?? []).flatMap((p) => tooOpen(groupId, p));
        if (open.length > 0) findings.push(finding(model, group, owner, open));
      }
    }
    return findings;
  },
};

/**
 * Each ECS security group with the services (or bare container instances) it protects; `unresolved`: services
 * whose groups cannot be known (e.g. their container instances are not in the snapshot).
 */
function ownersByGroup(model: EstateModel): {
  owners: Map<string, Owner[]>;
  unresolved: Array<{ svc: ServiceModel; gaps: string[] }>;
} {
  const unresolved: Array<{ svc: ServiceModel; gaps: string[] }> = [];
  const owners = new Map<string, Owner[]>();
  const add = (groupId: string, owner: Owner) => {
    const list = owners.get(groupId) ?? [];
    const same = list.find((o) => o.svc === owner.svc && sameScope(o.scope, owner.scope));
    if (same) {
      pushAll(
        same.holders,
        owner.holders.filter((h) => !same.holders.includes(h)),
      );
      same.publicIp ??= owner.publicIp;
    } else list.push({ ...owner, holders: [...owner.holders] });
    owners.set(groupId, list);
  };
  const covered = new Set<string>();
  for (const svc of model.services.values()) {
    const { placements, gaps } = servicePlacements(model, svc);
    for (const p of placements) {
      if (p.kind === 'instance') covered.add(p.id);
      const publicIp = p.publicIp ?? (p.publicIpAssigned ? 'assigned at launch' : null);
      for (const g of p.securityGroupIds) add(g, { svc, scope: svc.scope, holders: [p.id], publicIp });
    }
    // awsvpc: the configured groups apply to every task, even when no subnet or ENI could be resolved.
    const seen = new Set(placements.flatMap((p) => p.securityGroupIds));
    const configured = (svc.awsvpc?.securityGroups ?? []).filter((g) => !seen.has(g));
    const publicIp = svc.awsvpc?.assignPublicIp === 'ENABLED' ? 'assigned at launch' : null;
    for (const g of configured) add(g, { svc, scope: svc.scope, holders: svc.awsvpc!.subnets, publicIp });
    if (seen.size === 0 && configured.length === 0 && gaps.length > 0) unresolved.push({ svc, gaps });
  }
  for (const [arn, instanceId] of model.containerInstances) {
    if (!instanceId || covered.has(instanceId)) continue;
    const scope = scopeOfArn(model, arn);
    const endpoint = scope ? endpointForInstance(model, scope, instanceId) : null;
    if (!endpoint) continue;
    for (const g of endpoint.securityGroupIds) {
      add(g, { svc: null, scope: endpoint.scope, holders: [instanceId], publicIp: endpoint.publicIp });
    }
  }
  return { owners, unresolved };
}

/** scopeKey equality without building two strings per comparison (this runs for every placement). */
const sameScope = (a: SnapshotScope, b: SnapshotScope) =>
  (a.account ?? '?') === (b.account ?? '?') && (a.region ?? '?') === (b.region ?? '?');

function finding(model: EstateModel, group: SecurityGroup, owner: Owner, open: OpenRule[]): Finding {
  const { svc } = owner;
  const who = svc?.awsvpc ? 'task security group' : 'container instance security group';
  const exposure = owner.publicIp
    ? `${owner.holders[0]} has a public IP (${owner.publicIp}), so the ports are reachable from the internet`
    : 'the holders have no public IP today, but anything that can route to the VPC reaches every container port directly';
  const fix = openRuleFix(model, svc, group.GroupId, open, owner.scope);
  const evidence: Evidence[] = open.map((o) => ({
    kind: 'security-group-rule',
    component: group.GroupId,
    detail: `${o.text} (${o.why})`,
  }));
  evidence.push({
    kind: 'config',
    component: group.GroupId,
    detail: `${group.GroupId} is on ${owner.holders.slice(0, 5).join(', ')}`,
  });
  return makeFinding({
    scope: owner.scope,
    rule: RULE,
    severity: 'warning',
    title: `${svc?.key ?? group.GroupId}: ${who} ${group.GroupId} opens ${open.map(openRuleLabel).join(', ')} to the world`,
    explanation:
      `${group.GroupId} (${group.GroupName ?? 'unnamed'}) admits ${open.map((o) => `${openRuleLabel(o)} from ${o.cidr}`).join('; ')}. ` +
      `Dynamic host ports only need to be open to the load balancer: ${exposure}, bypassing the ALB (its listeners, TLS, rules). ` +
      `${fix.summary}`,
    resources: [group.GroupId, ...owner.holders, ...(svc ? [svc.arn] : [])],
    service: svc?.key ?? null,
    targets: [],
    evidence,
    fix,
  });
}
