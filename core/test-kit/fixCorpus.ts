// Test corpus for fix checks: every finding Porthole emits on every demo story, the front-door breakages
// (ALB SG admitting nobody, ALB subnet NACL dropping clients), the wrong-port explain and generic reach blockers.
import type { Finding } from '@porthole/shared';
import { SCENARIOS } from '@porthole/estate/demo/scenarioNames.js';
import { runRules } from '../src/engine/runRules.ts';
import { explainUrl } from '../src/engine/explain.ts';
import { reachPath } from '../src/engine/reach.ts';
import { createRuleContext } from '../src/rules/support/context.ts';
import {
  find,
  healthy,
  ids,
  modelOf,
  routeTable,
  scenario,
  without,
  type EstateDocuments,
  type Json,
} from './ruleTestKit.ts';
import type { ScenarioName } from '@porthole/estate/demo/index.js';
import { KIND_COMMAND } from '../src/model/scopes.ts';
import { peeredEstate } from './peeredEstate.ts';

/** The web ALB's SG admits no client on its listener (only 443, where it has no listener). */
export function albSgAdmitsNobody(): EstateDocuments {
  const docs = healthy();
  const sg = find(docs, 'SecurityGroups', (g) => g.GroupId === ids.sgs.alb);
  sg.IpPermissions = (sg.IpPermissions as Json[]).filter((p) => p.FromPort !== 80);
  return docs;
}

/** The public subnets' NACL denies inbound tcp 80 from anywhere before its allow-all entry. */
export function albNaclDropsClients(): EstateDocuments {
  const docs = healthy();
  const acl = find(docs, 'NetworkAcls', (a) => a.NetworkAclId === ids.nacls.default);
  (acl.Entries as Json[]).unshift({
    RuleNumber: 50,
    Protocol: '6',
    RuleAction: 'deny',
    Egress: false,
    CidrBlock: '0.0.0.0/0',
    PortRange: { From: 80, To: 80 },
  });
  return docs;
}

/** Stories no demo scenario tells, so that every rule's fix is checked. */
function moreStories(): Array<[string, EstateDocuments]> {
  const noIgw = healthy();
  const table = routeTable(noIgw, ids.routeTables.public);
  table.Routes = table.Routes.filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0');

  const pinned = healthy();
  const td = pinned.find((d) => (d.json.taskDefinition as Json | undefined)?.family === 'web')!;
  for (const m of (td.json.taskDefinition as { containerDefinitions: Array<{ portMappings: Json[] }> })
    .containerDefinitions[0]!.portMappings)
    m.hostPort = 8081;
  find(pinned, 'SecurityGroups', (g) => g.GroupId === ids.sgs.ecsInstances).IpPermissions = [
    { IpProtocol: 'tcp', FromPort: 8081, ToPort: 8081, UserIdGroupPairs: [{ GroupId: ids.sgs.alb }] },
  ];

  const hc = healthy();
  find(hc, 'TargetGroups', (t) => t.TargetGroupArn === ids.targetGroups.web).HealthCheckPort = '9090';

  const naclIn = healthy();
  const acl = find(naclIn, 'NetworkAcls', (a) => a.NetworkAclId === ids.nacls.private);
  (acl.Entries as Json[]).unshift({
    RuleNumber: 80,
    Protocol: '6',
    RuleAction: 'deny',
    Egress: false,
    CidrBlock: ids.publicRange,
    PortRange: { From: 32768, To: 65535 },
  });
  return [
    ['public subnet without IGW route', noIgw],
    ['pinned host port', pinned],
    ['health-check port 9090', hc],
    ['private NACL denies ALB requests', naclIn],
    ['no route to a peered VPC', peeredEstate({ noAlbRoute: true }).docs],
  ];
}

export interface CorpusCase {
  name: string;
  findings: Finding[];
}

function scanOf(name: string, docs: EstateDocuments): CorpusCase {
  const model = modelOf(docs);
  return { name, findings: runRules(model, createRuleContext(model)) };
}

export function fixCorpus(): CorpusCase[] {
  const gaps = Object.keys(KIND_COMMAND).map((kind) => scanOf(`without ${kind}`, without(healthy(), kind)));
  const web = ids.loadBalancers.web;
  const cases: CorpusCase[] = SCENARIOS.map((s) => scanOf(s.name, scenario(s.name as ScenarioName)));
  cases.push(scanOf('alb-sg-admits-nobody', albSgAdmitsNobody()));
  cases.push(scanOf('alb-nacl-drops-clients', albNaclDropsClients()));
  for (const [name, docs] of moreStories()) cases.push(scanOf(name, docs));
  const model = modelOf(healthy());
  cases.push({
    name: 'explain wrong port',
    findings: explainUrl(model, `http://${web.dnsName}:8081/`, undefined).findings,
  });
  const exposed = [...model.instances.values()].find((i) => i.PublicIpAddress)!.InstanceId;
  for (const from of ['203.0.113.7', 'internet'])
    cases.push({
      name: `reach ${from} → ${exposed}:5432`,
      findings: reachPath(model, { from, to: exposed, port: 5432, protocol: 'tcp' }).findings,
    });
  return [...cases, ...gaps];
}
