import { describe, expect, it } from 'vitest';
import { natInstanceSourceDestCheck } from './natInstanceSourceDestCheck.ts';
import {
  find,
  healthy,
  ids,
  itemsOf,
  routeTable,
  run,
  scenario,
  unknownsFor,
  without,
  type EstateDocuments,
  type Json,
} from '../../../test-kit/ruleTestKit.ts';

const RULE = 'nat-instance-source-dest-check';
const NAT = ids.instances.nat;

function setSourceDestCheck(docs: EstateDocuments, value: boolean): void {
  const reservation = find(docs, 'Reservations', (r) => (r.Instances as Json[])[0]!.InstanceId === NAT.id);
  const instance = (reservation.Instances as Json[])[0]!;
  instance.SourceDestCheck = value;
  for (const eni of instance.NetworkInterfaces as Json[]) eni.SourceDestCheck = value;
  for (const eni of itemsOf(docs, 'NetworkInterfaces')) {
    if (eni.NetworkInterfaceId === NAT.eniId) eni.SourceDestCheck = value;
  }
}

describe('nat-instance-source-dest-check', () => {
  it('fires for every service behind the NAT instance, critical, instance first', () => {
    const findings = run(natInstanceSourceDestCheck, scenario('nat-instance-source-dest-check'));
    expect(findings.map((f) => f.service).sort()).toEqual([
      'ops/orders',
      'ops/worker',
      'prod/admin',
      'prod/api',
      'prod/web',
    ]);
    const api = findings.find((f) => f.service === 'prod/api')!;
    expect(api.rule).toBe(RULE);
    expect(api.severity).toBe('critical');
    expect(api.resources[0]).toBe(NAT.id);
    expect(api.resources).toContain(ids.routeTables.private);
    expect(api.id).toBe(`${RULE}:${NAT.id}:prod/api`);
    expect(api.evidence).toContainEqual({
      kind: 'route',
      component: ids.routeTables.private,
      detail: `${ids.routeTables.private} 0.0.0.0/0 → ${NAT.id} (active)`,
    });
    expect(api.evidence.some((e) => e.detail.includes('SourceDestCheck true'))).toBe(true);
    expect(api.fix.awsCli).toEqual([
      `aws ec2 modify-instance-attribute --instance-id ${NAT.id} --no-source-dest-check --region ${ids.region}`,
    ]);
    expect(api.fix.terraform).toContain('source_dest_check = false');
  });

  it('stays silent on the healthy estate', () => {
    expect(run(natInstanceSourceDestCheck, healthy())).toEqual([]);
  });

  it('stays silent once the source/destination check is off', () => {
    const docs = scenario('nat-instance-source-dest-check');
    setSourceDestCheck(docs, false);
    expect(run(natInstanceSourceDestCheck, docs)).toEqual([]);
  });

  it('answers unknown when route tables are missing', () => {
    const findings = run(
      natInstanceSourceDestCheck,
      without(scenario('nat-instance-source-dest-check'), 'RouteTables'),
    );
    expect(findings).toHaveLength(1);
    expect(unknownsFor(findings, RULE)).toHaveLength(1);
    expect(findings[0]!.evidence[0]!.detail).toContain('RouteTables missing (aws ec2 describe-route-tables)');
  });

  it('answers unknown when neither the instance nor its ENI is in the snapshot', () => {
    const docs = without(scenario('nat-instance-source-dest-check'), 'Reservations', 'NetworkInterfaces');
    const findings = run(natInstanceSourceDestCheck, docs);
    expect(findings.filter((f) => f.rule === RULE)).toEqual([]);
    const unknown = unknownsFor(findings, RULE);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0]!.resources).toContain(NAT.id);
  });

  it('is a warning, not tied to a service, when no ECS task uses the table', () => {
    const docs = scenario('nat-instance-source-dest-check');
    const privateTable = routeTable(docs, ids.routeTables.private);
    const natRoute = privateTable.Routes.find((r) => r.InstanceId === NAT.id)!;
    privateTable.Routes = privateTable.Routes.filter((r) => r !== natRoute);
    // Put it in the public table instead, for a peer network only the bastion talks to.
    routeTable(docs, ids.routeTables.public).Routes.push({
      ...natRoute,
      DestinationCidrBlock: '172.31.0.0/16',
    });
    const findings = run(natInstanceSourceDestCheck, docs);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe('warning');
    expect(findings[0]!.service).toBeNull();
    expect(findings[0]!.resources.slice(0, 2)).toEqual([NAT.id, ids.routeTables.public]);
  });

  it('ignores a route table no subnet uses', () => {
    const docs = scenario('nat-instance-source-dest-check');
    routeTable(docs, ids.routeTables.private).Associations = [];
    expect(run(natInstanceSourceDestCheck, docs)).toEqual([]);
  });
});
