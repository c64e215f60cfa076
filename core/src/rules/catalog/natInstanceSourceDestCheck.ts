// nat-instance-source-dest-check: a route (in a table that subnets use) sends traffic to an instance, or to an ENI
// of an instance, whose source/destination check is on: the instance drops every packet not addressed to itself.
// VPC guide, "NAT instances" (Disable source/destination checks); EC2 API ModifyInstanceAttribute SourceDestCheck.
import {
  scopeKey,
  type Evidence,
  type Finding,
  type Route,
  type RouteTable,
  pushAll,
  type SnapshotScope,
} from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel, Scoped, ServiceModel } from '../../model/types.ts';
import { describeRoute } from '../../net/routes.ts';
import { cachedRouteTable } from '../../net/paths/hops.ts';
import { servicePlacements } from '../../analysis/ecsPlacement.ts';
import { makeFinding, unknownFinding } from '../support/finding.ts';
import { sourceDestCheckFix } from '../fix/sourceDestCheckFix.ts';
import { PULL_ERROR, taskEvidence, taskMessages } from '../support/taskSignals.ts';
import type { Rule } from '../types.ts';

const RULE = 'nat-instance-source-dest-check';

interface BadRoute {
  table: RouteTable & Scoped;
  route: Route;
  instanceId: string;
  /** The ENI the route names, when it is not the instance's primary one (then the ENI attribute is the fix). */
  secondaryEniId: string | null;
  checkSource: string;
}

/** Tables that decide anything: associated with a subnet, or the VPC's main table. */
function matters(table: RouteTable): boolean {
  return (table.Associations ?? []).some((a) => a.Main === true || Boolean(a.SubnetId));
}

export const natInstanceSourceDestCheck: Rule = {
  id: RULE,
  summary:
    'A route points at a NAT instance (or its ENI) whose source/destination check is on, so it drops forwarded traffic',
  doc: 'VPC guide, "NAT instances" (Disable source/destination checks); EC2 API ModifyInstanceAttribute',
  evaluate(model) {
    const findings: Finding[] = [];
    const bad: BadRoute[] = [];
    for (const scope of model.scopes.values()) {
      const gaps = dataGaps(model, scope, ['RouteTables']);
      if (gaps.length > 0) findings.push(unknownFinding(RULE, scope, null, [scopeKey(scope)], gaps));
    }
    for (const table of model.routeTables.values()) {
      if (!matters(table)) continue;
      for (const route of table.Routes) {
        if (route.State === 'blackhole' || (!route.InstanceId && !route.NetworkInterfaceId)) continue;
        const checked = checkRoute(model, table, route);
        if ('gaps' in checked)
          findings.push(
            unknownFinding(RULE, table.scope, null, [checked.component, table.RouteTableId], checked.gaps),
          );
        else if (checked.bad) bad.push(checked.bad);
      }
    }
    const byInstance = new Map<string, BadRoute[]>();
    for (const b of bad) {
      const key = `${scopeKey(b.table.scope)}|${b.instanceId}`;
      byInstance.set(key, [...(byInstance.get(key) ?? []), b]);
    }
    for (const routes of byInstance.values()) pushAll(findings, findingsFor(model, routes));
    return findings;
  },
};

function checkRoute(
  model: EstateModel,
  table: RouteTable & Scoped,
  route: Route,
): { bad: BadRoute | null } | { gaps: string[]; component: string } {
  const eniId = route.NetworkInterfaceId ?? null;
  const eni = eniId ? model.networkInterfaces.get(table.scope, eniId) : undefined;
  const instanceId = route.InstanceId ?? eni?.Attachment?.InstanceId ?? null;
  if (!instanceId) {
    if (eni) return { bad: null }; // an ENI of no instance (e.g. an appliance): not a NAT instance
    const gaps = dataGaps(model, table.scope, ['NetworkInterfaces']);
    return {
      gaps: gaps.length > 0 ? gaps : [`network interface ${eniId} not in the snapshot`],
      component: eniId ?? table.RouteTableId,
    };
  }
  const instance = model.instances.get(table.scope, instanceId);
  const eniCheck = eni?.SourceDestCheck;
  const check = eniCheck ?? instance?.SourceDestCheck ?? null;
  if (check === null) {
    const gaps = dataGaps(model, table.scope, ['Reservations']);
    return {
      gaps: gaps.length > 0 ? gaps : [`SourceDestCheck of ${instanceId} unknown`],
      component: instanceId,
    };
  }
  if (!check) return { bad: null };
  const primary = eni
    ? eni.Attachment?.DeviceIndex === 0 || eni.PrivateIpAddress === instance?.PrivateIpAddress
    : true;
  return {
    bad: {
      table,
      route,
      instanceId,
      secondaryEniId: eniId && !primary ? eniId : null,
      checkSource:
        eniCheck !== undefined && eniCheck !== null && eniId
          ? `${eniId} (attached to ${instanceId}) SourceDestCheck true`
          : `${instanceId} SourceDestCheck true`,
    },
  };
}

/** Services whose tasks or container instances sit in subnets governed by one of the tables. */
function affectedServices(model: EstateModel, scope: SnapshotScope, tableIds: Set<string>) {
  const out: Array<{ svc: ServiceModel; subnets: string[] }> = [];
  for (const svc of model.services.values()) {
    if (scopeKey(svc.scope) !== scopeKey(scope)) continue;
    const subnets = servicePlacements(model, svc)
      .placements.filter(
        (p) =>
          p.vpcId &&
          tableIds.has(cachedRouteTable(model, svc.scope, p.subnetId, p.vpcId)?.table.RouteTableId ?? ''),
      )
      .map((p) => p.subnetId);
    if (subnets.length > 0) out.push({ svc, subnets: [...new Set(subnets)] });
  }
  return out;
}

function findingsFor(model: EstateModel, routes: BadRoute[]): Finding[] {
  const first = routes[0]!;
  const scope = first.table.scope;
  const tableIds = [...new Set(routes.map((r) => r.table.RouteTableId))];
  const destinations = [
    ...new Set(
      routes.map(
        (r) =>
          r.route.DestinationCidrBlock ??
          r.route.DestinationIpv6CidrBlock ??
          r.route.DestinationPrefixListId ??
          '?',
      ),
    ),
  ];
  const evidence: Evidence[] = [
    ...routes.map((r) => ({
      kind: 'route' as const,
      component: r.table.RouteTableId,
      detail: describeRoute(r.route, r.table.RouteTableId),
    })),
    { kind: 'config', component: first.instanceId, detail: first.checkSource },
  ];
  const eniIds = [...new Set(routes.flatMap((r) => (r.secondaryEniId ? [r.secondaryEniId] : [])))];
  const fix = sourceDestCheckFix(first.instanceId, eniIds, scope);
  const base = `${tableIds.join(', ')} send${tableIds.length > 1 ? '' : 's'} ${destinations.join(', ')} to ${first.instanceId}, but an EC2 instance drops packets that are not addressed to it unless its source/destination check is disabled — which a NAT instance needs (${first.checkSource}).`;
  const affected = affectedServices(model, scope, new Set(tableIds));
  if (affected.length === 0) {
    return [
      makeFinding({
        scope,
        rule: RULE,
        severity: 'warning',
        title: `NAT instance ${first.instanceId} drops routed traffic: its source/destination check is on`,
        explanation: `${base} No ECS task or container instance in this snapshot uses ${tableIds.join(', ')}, so no service is affected yet.`,
        resources: [first.instanceId, ...eniIds, ...tableIds],
        service: null,
        targets: [],
        evidence,
        fix,
      }),
    ];
  }
  return affected.map(({ svc, subnets }) => {
    const { key, arn } = svc;
    const pulls = taskMessages(svc.tasks, PULL_ERROR);
    return makeFinding({
      scope,
      rule: RULE,
      severity: 'critical',
      title: `${key}: cannot reach ${destinations.includes('0.0.0.0/0') ? 'the internet' : destinations.join(', ')}: NAT instance ${first.instanceId} drops traffic from ${subnets.join(', ')} (source/destination check on)`,
      explanation:
        `${base} ${key} runs in ${subnets.join(', ')}, which use ${tableIds.join(', ')}: its tasks cannot reach ` +
        `${destinations.includes('0.0.0.0/0') ? 'the internet (ECR image pulls, AWS APIs)' : destinations.join(', ')}.` +
        (pulls.length > 0 ? ` Tasks already fail: "${pulls[0]!.text}".` : ''),
      resources: [first.instanceId, ...eniIds, ...tableIds, ...subnets, arn],
      service: key,
      targets: [],
      evidence: [...evidence, ...taskEvidence(pulls)],
      fix,
    });
  });
}
