// public-subnet-no-igw: an internet-facing load balancer has a node in a subnet whose route table (explicit
// association, else the VPC's main table) has no active 0.0.0.0/0 → igw-… route: clients' packets arrive, replies
// cannot leave. ELB guide, "Create an Application Load Balancer" (internet-facing: public subnets); VPC guide,
// "Route tables" and "Internet gateways".
import type { Evidence, Finding, RouteTable } from '@porthole/shared';
import { dataGaps } from '../../model/scopes.ts';
import type { EstateModel, LoadBalancerModel } from '../../model/types.ts';
import { cachedRouteTable } from '../../net/paths/hops.ts';
import { attachedIgw } from '../fix/egressRouteFix.ts';
import { igwFix } from '../fix/igwRouteFix.ts';
import { groupBy, makeFinding, unknownFinding } from '../support/finding.ts';
import { igwProblem } from '../../analysis/internetEgress.ts';
import type { Rule } from '../types.ts';

const RULE = 'public-subnet-no-igw';

interface Broken {
  subnetId: string;
  table: RouteTable;
  explicit: boolean;
  problem: string;
  evidence: Evidence;
}

export const publicSubnetNoIgw: Rule = {
  id: RULE,
  summary:
    'An internet-facing load balancer sits in a subnet whose route table has no 0.0.0.0/0 route to an internet gateway',
  doc: 'ELB guide, "Application Load Balancers" (internet-facing: public subnets); VPC guide, "Route tables", "Internet gateways"',
  evaluate(model) {
    const findings: Finding[] = [];
    for (const lb of model.loadBalancers.values()) {
      if (lb.scheme !== 'internet-facing' || lb.type === 'gateway' || lb.nodes.length === 0) continue;
      const gaps = dataGaps(model, lb.scope, ['RouteTables']);
      if (gaps.length > 0) {
        findings.push(unknownFinding(RULE, lb.scope, null, [lb.arn], gaps));
        continue;
      }
      const broken: Broken[] = [];
      const missing: string[] = [];
      for (const node of lb.nodes) {
        const vpcId = lb.vpcId ?? model.subnets.get(lb.scope, node.subnetId)?.VpcId ?? '';
        const found = cachedRouteTable(model, lb.scope, node.subnetId, vpcId);
        if (!found) {
          missing.push(
            `no route table found for ${node.subnetId} (no explicit association, no main table of ${vpcId || 'its VPC'})`,
          );
          continue;
        }
        const bad = igwProblem(found.table);
        if (bad)
          broken.push({ subnetId: node.subnetId, table: found.table, explicit: found.explicit, ...bad });
      }
      for (const items of groupBy(broken, (b) => b.table.RouteTableId).values())
        findings.push(finding(model, lb, items));
      if (broken.length === 0 && missing.length > 0)
        findings.push(unknownFinding(RULE, lb.scope, null, [lb.arn], missing));
    }
    return findings;
  },
};

function finding(model: EstateModel, lb: LoadBalancerModel, items: Broken[]): Finding {
  const { table, explicit, problem, evidence } = items[0]!;
  const tableId = table.RouteTableId;
  const subnets = items.map((b) => b.subnetId);
  const igw = attachedIgw(model, lb.scope, lb.vpcId);
  const fix = igwFix(model, lb, table, subnets, igw);
  const services = [...model.targetGroups.values()]
    .filter((tg) => tg.loadBalancerArns.includes(lb.arn))
    .flatMap((tg) => tg.services);
  return makeFinding({
    scope: lb.scope,
    rule: RULE,
    severity: 'critical',
    title: `${lb.name} is unreachable from the internet: ${subnets.join(', ')} route${subnets.length > 1 ? '' : 's'} no traffic to an internet gateway (${tableId})`,
    explanation:
      `An internet-facing load balancer must sit in public subnets: their route table needs 0.0.0.0/0 → igw-…. ` +
      `${subnets.join(', ')} use${subnets.length > 1 ? '' : 's'} ${tableId}${explicit ? '' : ' (the VPC main table: no explicit association)'}, which ${problem}. ` +
      `Clients resolving ${lb.dnsName ?? lb.name} to the node${subnets.length > 1 ? 's' : ''} there time out: their replies cannot leave the VPC` +
      `${services.length > 0 ? ` (serving ${[...new Set(services)].join(', ')})` : ''}.`,
    resources: [tableId, lb.arn, ...subnets, ...(igw ? [igw] : [])],
    service: null,
    targets: [],
    evidence: [
      evidence,
      {
        kind: 'config',
        component: lb.arn,
        detail: `${lb.name} scheme internet-facing, subnets ${lb.nodes.map((n) => n.subnetId).join(', ')}`,
      },
    ],
    fix,
  });
}
