import { describe, expect, it } from 'vitest';
import { publicSubnetNoIgw } from './publicSubnetNoIgw.ts';
import {
  find,
  healthy,
  ids,
  routeTable,
  run,
  unknownsFor,
  without,
  type EstateDocuments,
} from '../../../test-kit/ruleTestKit.ts';

const RULE = 'public-subnet-no-igw';
const WEB_ALB = ids.loadBalancers.web;

function withoutIgwRoute(docs: EstateDocuments): EstateDocuments {
  const table = routeTable(docs, ids.routeTables.public);
  table.Routes = table.Routes.filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0');
  return docs;
}

describe('public-subnet-no-igw', () => {
  it("fires when the ALB subnets' table lost 0.0.0.0/0 → igw, proposing the VPC's IGW", () => {
    const [f, ...rest] = run(publicSubnetNoIgw, withoutIgwRoute(healthy()));
    expect(rest).toEqual([]);
    expect(f!.rule).toBe(RULE);
    expect(f!.severity).toBe('critical');
    expect(f!.resources.slice(0, 4)).toEqual([
      ids.routeTables.public,
      WEB_ALB.arn,
      ids.subnets.publicA.id,
      ids.subnets.publicB.id,
    ]);
    expect(f!.id).toBe(`${RULE}:${ids.routeTables.public}:${WEB_ALB.arn}`);
    expect(f!.explanation).toContain('has no 0.0.0.0/0 route');
    expect(f!.evidence[0]).toEqual({
      kind: 'route',
      component: ids.routeTables.public,
      detail: `${ids.routeTables.public} routes: ${ids.vpcCidr} → local (active)`,
    });
    expect(f!.fix.awsCli).toEqual([
      `aws ec2 create-route --route-table-id ${ids.routeTables.public} --destination-cidr-block 0.0.0.0/0 ` +
        `--gateway-id ${ids.igwId} --region ${ids.region}`,
    ]);
    expect(f!.fix.terraform).toContain(`gateway_id             = "${ids.igwId}"`);
  });

  it('replaces a blackholed internet route', () => {
    const docs = healthy();
    const route = routeTable(docs, ids.routeTables.public).Routes.find(
      (r) => r.DestinationCidrBlock === '0.0.0.0/0',
    )!;
    route.State = 'blackhole';
    const [f] = run(publicSubnetNoIgw, docs);
    expect(f!.explanation).toContain('as a blackhole');
    expect(f!.fix.awsCli[0]).toMatch(/^aws ec2 replace-route --route-table-id /);
  });

  it('re-associates a subnet that landed on the private (NAT) table with the public table', () => {
    const docs = healthy();
    const publicTable = routeTable(docs, ids.routeTables.public);
    const moved = publicTable.Associations.find((a) => a.SubnetId === ids.subnets.publicB.id)!;
    publicTable.Associations = publicTable.Associations.filter((a) => a !== moved);
    const privateTable = routeTable(docs, ids.routeTables.private);
    privateTable.Associations.push({ ...moved, RouteTableId: ids.routeTables.private });
    const [f, ...rest] = run(publicSubnetNoIgw, docs);
    expect(rest).toEqual([]);
    expect(f!.resources.slice(0, 3)).toEqual([ids.routeTables.private, WEB_ALB.arn, ids.subnets.publicB.id]);
    expect(f!.explanation).toContain(`sends 0.0.0.0/0 to nat-gateway ${ids.natGateway.id}`);
    expect(f!.fix.awsCli).toEqual([
      `aws ec2 replace-route-table-association --association-id ${String(moved.RouteTableAssociationId)} ` +
        `--route-table-id ${ids.routeTables.public} --region ${ids.region}`,
    ]);
  });

  it('stays silent on the healthy estate and ignores internal load balancers', () => {
    expect(run(publicSubnetNoIgw, healthy())).toEqual([]);
    const docs = withoutIgwRoute(healthy());
    find(docs, 'LoadBalancers', (lb) => lb.LoadBalancerArn === WEB_ALB.arn).Scheme = 'internal';
    expect(run(publicSubnetNoIgw, docs)).toEqual([]);
  });

  it('answers unknown when route tables are missing', () => {
    const findings = run(publicSubnetNoIgw, without(healthy(), 'RouteTables'));
    expect(findings).toHaveLength(1);
    expect(unknownsFor(findings, RULE)[0]!.resources).toEqual([WEB_ALB.arn]);
    expect(findings[0]!.evidence[0]!.detail).toContain('RouteTables missing');
  });
});
