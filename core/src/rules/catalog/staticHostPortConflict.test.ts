import { describe, expect, it } from 'vitest';
import { staticHostPortConflict } from './staticHostPortConflict.ts';
import {
  find,
  healthy,
  ids,
  run,
  serviceJson,
  unknownsFor,
  without,
  type EstateDocuments,
  type Json,
} from '../../../test-kit/ruleTestKit.ts';

const RULE = 'static-host-port-conflict';
const WEB_TD = `arn:aws:ecs:${ids.region}:${ids.account}:task-definition/web:12`;
const PORT_EVENT =
  'service web was unable to place a task because no container instance met all of its requirements. ' +
  'The closest matching container-instance 5d1e2a is already using a port required by your task.';

/** Pins a service's host port (bridge mode): the task definition now says hostPort = `port`. */
function pinHostPort(docs: EstateDocuments, family: string, port: number): void {
  const doc = docs.find((d) => (d.json.taskDefinition as Json | undefined)?.family === family)!;
  const td = doc.json.taskDefinition as { containerDefinitions: Array<{ portMappings: Json[] }> };
  for (const mapping of td.containerDefinitions[0]!.portMappings) mapping.hostPort = port;
}

describe('static-host-port-conflict', () => {
  it('fires when a fixed host port needs more tasks than there are container instances', () => {
    const docs = healthy();
    pinHostPort(docs, 'web', 8081); // web wants 4 tasks, the prod cluster has 2 instances
    const [f, ...rest] = run(staticHostPortConflict, docs);
    expect(rest).toEqual([]);
    expect(f!.rule).toBe(RULE);
    expect(f!.severity).toBe('warning');
    expect(f!.service).toBe('prod/web');
    expect(f!.resources[0]).toBe(WEB_TD);
    expect(f!.title).toContain('4 tasks wanted, room for 2');
    expect(f!.evidence).toContainEqual({
      kind: 'port',
      component: WEB_TD,
      detail: 'web: containerPort 8081 → hostPort 8081/tcp (bridge mode)',
    });
    expect(f!.evidence.some((e) => e.detail.includes('desiredCount 4') && e.detail.includes(': 2'))).toBe(
      true,
    );
    expect(f!.fix.awsCli).toContain(
      `aws ecs update-service --cluster prod --service web --task-definition web --region ${ids.region}`,
    );
    expect(f!.fix.terraform).toContain('{ containerPort = 8081, hostPort = 0, protocol = "tcp" }');
    // The instance SG already admits 32768-65535 from the ALB SG: no SG change proposed.
    expect(f!.fix.awsCli.join('\n')).not.toContain('authorize-security-group-ingress');
  });

  it('proposes the dynamic range from the ALB SG when the instance SG lacks it', () => {
    const docs = healthy();
    pinHostPort(docs, 'web', 8081);
    find(docs, 'SecurityGroups', (g) => g.GroupId === ids.sgs.ecsInstances).IpPermissions = [
      { IpProtocol: 'tcp', FromPort: 8081, ToPort: 8081, UserIdGroupPairs: [{ GroupId: ids.sgs.alb }] },
    ];
    const [f] = run(staticHostPortConflict, docs);
    expect(f!.fix.awsCli.join('\n')).toContain(
      `authorize-security-group-ingress --group-id ${ids.sgs.ecsInstances} --region ${ids.region} --ip-permissions ` +
        `'IpProtocol=tcp,FromPort=32768,ToPort=65535,UserIdGroupPairs=[{GroupId=${ids.sgs.alb}`,
    );
  });

  it('counts other services of the cluster that pin the same host port', () => {
    const docs = healthy();
    pinHostPort(docs, 'web', 8081);
    pinHostPort(docs, 'admin', 8081);
    serviceJson(docs, 'web').desiredCount = 1;
    const findings = run(staticHostPortConflict, docs);
    const web = findings.find((f) => f.service === 'prod/web')!;
    expect(web.title).toContain('3 tasks wanted, room for 2');
    expect(web.resources).toContain(`arn:aws:ecs:${ids.region}:${ids.account}:service/prod/admin`);
  });

  it('fires on the ECS placement event even when the counts fit', () => {
    const docs = healthy();
    pinHostPort(docs, 'web', 8081);
    const web = serviceJson(docs, 'web');
    web.desiredCount = 2;
    web.events = [
      { id: 'e1', createdAt: '2025-03-14T09:12:00.000000+00:00', message: PORT_EVENT },
      ...(web.events as Json[]),
    ];
    const [f] = run(staticHostPortConflict, docs);
    expect(f!.title).toContain('host port 8081 is already in use');
    expect(f!.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'service-event',
        detail: expect.stringContaining('already using a port'),
      }),
    );
  });

  it('stays silent on the healthy estate (hostPort 0) and when instances suffice', () => {
    expect(run(staticHostPortConflict, healthy())).toEqual([]);
    const docs = healthy();
    pinHostPort(docs, 'web', 8081);
    serviceJson(docs, 'web').desiredCount = 2;
    expect(run(staticHostPortConflict, docs)).toEqual([]);
  });

  it('answers unknown when task definitions are missing', () => {
    const findings = run(staticHostPortConflict, without(healthy(), 'taskDefinition'));
    const unknown = unknownsFor(findings, RULE);
    expect(unknown.map((f) => f.service).sort()).toEqual(['prod/admin', 'prod/web']);
    expect(unknown[0]!.evidence[0]!.detail).toContain('taskDefinitions missing');
  });

  it('answers unknown when container instances are missing', () => {
    const docs = healthy();
    pinHostPort(docs, 'web', 8081);
    // Tasks also name their container instances: drop both to leave the cluster's size unknown.
    const findings = run(staticHostPortConflict, without(docs, 'containerInstances', 'tasks'));
    expect(unknownsFor(findings, RULE).map((f) => f.service)).toEqual(['prod/web']);
  });
});
