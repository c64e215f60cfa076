import { describe, expect, it } from 'vitest';
import { checkEstateConsistency } from './consistency.ts';
import { itemsOf, type EstateDocuments } from './documents.ts';
import { buildDemoEstate } from './estate.ts';
import { demoIds, type TgKey } from './ids.ts';
import { SCENARIOS, applyScenario, applyScenarios, removeKind, type ScenarioName } from './scenarios.ts';

type Json = Record<string, unknown>;
const ids = demoIds();
const healthy = buildDemoEstate();
const after = (name: ScenarioName) => applyScenario(healthy, name);
const items = (docs: EstateDocuments, key: string) => itemsOf<Json>(docs, key);
const sg = (docs: EstateDocuments, id: string) =>
  items(docs, 'SecurityGroups').find((g) => g.GroupId === id)!;
const health = (docs: EstateDocuments, tg: TgKey) =>
  (
    items(docs, 'LoadBalancerTargetHealth').find((h) => h.TargetGroupArn === ids.targetGroups[tg])!
      .TargetHealthDescriptions as Json[]
  ).map((d) => d.TargetHealth as Json);
const reasons = (docs: EstateDocuments, tg: TgKey) => [
  ...new Set(health(docs, tg).map((h) => h.Reason ?? 'healthy')),
];
const events = (docs: EstateDocuments, name: string) =>
  (items(docs, 'services').find((s) => s.serviceName === name)!.events as Json[]).map((e) =>
    String(e.message),
  );

describe('applyScenario', () => {
  it('leaves its input untouched and stays internally consistent, for every scenario', () => {
    const before = JSON.stringify(healthy);
    for (const { name } of SCENARIOS) {
      const docs = after(name);
      expect(JSON.stringify(docs), name).not.toBe(before);
      expect(checkEstateConsistency(docs), name).toEqual([]);
    }
    expect(JSON.stringify(healthy)).toBe(before);
  });

  it('rejects an unknown scenario', () => {
    expect(() => applyScenario(healthy, 'nope' as ScenarioName)).toThrow(/unknown demo scenario/);
  });

  it('dynamic-ports-blocked: instance SG only tcp 8081 from the ALB SG; web and admin time out', () => {
    const docs = after('dynamic-ports-blocked');
    expect(sg(docs, ids.sgs.ecsInstances).IpPermissions).toEqual([
      expect.objectContaining({
        FromPort: 8081,
        ToPort: 8081,
        UserIdGroupPairs: [expect.objectContaining({ GroupId: ids.sgs.alb })],
      }),
    ]);
    for (const tg of ['web', 'admin'] as TgKey[]) {
      expect(
        health(docs, tg).every((h) => h.State === 'unhealthy' && h.Description === 'Request timed out'),
      ).toBe(true);
    }
    expect(reasons(docs, 'api')).toEqual(['healthy']);
    expect(events(docs, 'web')[0]).toMatch(
      /^\(service web\) \(instance i-0[0-9a-f]{16}\) \(port 327\d\d\) is unhealthy in \(target-group arn:.*\) due to \(reason Request timed out\)\.$/,
    );
  });

  it('alb-sg-reference-bastion: port 80 only from the bastion SG; targets stay healthy', () => {
    const docs = after('alb-sg-reference-bastion');
    const port80 = (sg(docs, ids.sgs.alb).IpPermissions as Json[]).find((p) => p.FromPort === 80)!;
    expect(port80.IpRanges).toEqual([]);
    expect(port80.UserIdGroupPairs).toEqual([expect.objectContaining({ GroupId: ids.sgs.bastion })]);
    for (const tg of ['web', 'admin', 'api', 'orders'] as TgKey[])
      expect(reasons(docs, tg)).toEqual(['healthy']);
  });

  it('nacl-return-blocked: private NACL egress #90 denies tcp 1024-65535 to the public range', () => {
    const docs = after('nacl-return-blocked');
    const acl = items(docs, 'NetworkAcls').find((a) => a.NetworkAclId === ids.nacls.private)!;
    expect((acl.Entries as Json[])[0]).toEqual({
      CidrBlock: '10.0.0.0/22',
      Egress: true,
      PortRange: { From: 1024, To: 65535 },
      Protocol: '6',
      RuleAction: 'deny',
      RuleNumber: 90,
    });
    for (const tg of ['web', 'admin', 'api'] as TgKey[])
      expect(reasons(docs, tg)).toEqual(['Target.Timeout']);
    expect(reasons(docs, 'orders')).toEqual(['healthy']);
  });

  it('nat-route-removed: no default route; api has failed tasks with CannotPullContainerError', () => {
    const docs = after('nat-route-removed');
    const table = items(docs, 'RouteTables').find((t) => t.RouteTableId === ids.routeTables.private)!;
    expect((table.Routes as Json[]).map((r) => r.DestinationCidrBlock)).toEqual(['10.0.0.0/16']);
    const stopped = items(docs, 'tasks').filter((t) => t.lastStatus === 'STOPPED');
    expect(stopped).toHaveLength(2);
    for (const t of stopped) {
      expect(t.group).toBe('service:api');
      expect(t.stopCode).toBe('TaskFailedToStart');
      expect(t.stoppedReason).toMatch(
        /^CannotPullContainerError: .*111122223333\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/api:1\.4\.2.*i\/o timeout$/,
      );
    }
    const api = items(docs, 'services').find((s) => s.serviceName === 'api')!;
    expect(api.runningCount).toBeLessThan(api.desiredCount as number);
    expect(events(docs, 'api')[0]).toMatch(
      /unable to consistently start tasks successfully: tasks failed to start/,
    );
    expect(items(docs, 'containerInstances').every((c) => c.agentConnected === false)).toBe(true);
  });

  it('nat-instance-source-dest-check: default route to a NAT instance whose SourceDestCheck is true', () => {
    const docs = after('nat-instance-source-dest-check');
    const table = items(docs, 'RouteTables').find((t) => t.RouteTableId === ids.routeTables.private)!;
    const route = (table.Routes as Json[]).find((r) => r.DestinationCidrBlock === '0.0.0.0/0')!;
    expect(route).toMatchObject({
      InstanceId: ids.instances.nat.id,
      NetworkInterfaceId: ids.instances.nat.eniId,
    });
    const nat = items(docs, 'Reservations')
      .flatMap((r) => r.Instances as Json[])
      .find((i) => i.InstanceId === ids.instances.nat.id)!;
    expect(nat.SourceDestCheck).toBe(true);
    const eni = items(docs, 'NetworkInterfaces').find(
      (e) => e.NetworkInterfaceId === ids.instances.nat.eniId,
    )!;
    expect(eni.SourceDestCheck).toBe(true);
    expect(items(docs, 'NatGateways')).toEqual([]);
  });

  it('health-check-404: web-tg checks /healthz and web targets report [404]', () => {
    const docs = after('health-check-404');
    const tg = items(docs, 'TargetGroups').find((t) => t.TargetGroupArn === ids.targetGroups.web)!;
    expect(tg.HealthCheckPath).toBe('/healthz');
    expect(health(docs, 'web')).toEqual(
      Array(4).fill({
        State: 'unhealthy',
        Reason: 'Target.ResponseCodeMismatch',
        Description: 'Health checks failed with these codes: [404]',
      }),
    );
  });

  it('az-disabled: web-alb loses the 1b subnet and node; 1b targets are unused', () => {
    const docs = after('az-disabled');
    const lb = items(docs, 'LoadBalancers').find((l) => l.LoadBalancerArn === ids.loadBalancers.web.arn)!;
    expect((lb.AvailabilityZones as Json[]).map((a) => a.ZoneName)).toEqual(['eu-west-1a']);
    const nodes = items(docs, 'NetworkInterfaces').filter(
      (e) => e.Description === `ELB ${ids.loadBalancers.web.resourceId}`,
    );
    expect(nodes.map((e) => e.AvailabilityZone)).toEqual(['eu-west-1a']);
    for (const tg of ['web', 'admin', 'api'] as TgKey[]) {
      const states = health(docs, tg);
      expect(states.filter((h) => h.State === 'healthy').length).toBe(states.length / 2);
      expect(states.filter((h) => h.State === 'unused')).toEqual(
        Array(states.length / 2).fill({
          State: 'unused',
          Reason: 'Target.NotInUse',
          Description: 'Target is in an Availability Zone that is not enabled for the load balancer',
        }),
      );
    }
  });

  it('alb-egress-restricted: ALB SG egress only tcp 443; its targets time out', () => {
    const docs = after('alb-egress-restricted');
    expect(sg(docs, ids.sgs.alb).IpPermissionsEgress).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
    ]);
    for (const tg of ['web', 'admin', 'api'] as TgKey[])
      expect(reasons(docs, tg)).toEqual(['Target.Timeout']);
  });

  it('api-task-sg-wrong-port: api SG allows 80, api targets time out, web unaffected', () => {
    const docs = after('api-task-sg-wrong-port');
    expect((sg(docs, ids.sgs.apiTasks).IpPermissions as Json[]).map((p) => p.FromPort)).toEqual([80]);
    expect(reasons(docs, 'api')).toEqual(['Target.Timeout']);
    expect(reasons(docs, 'web')).toEqual(['healthy']);
  });

  it('app-not-listening: configuration unchanged, web targets time out', () => {
    const docs = after('app-not-listening');
    expect(JSON.stringify(items(docs, 'SecurityGroups'))).toBe(
      JSON.stringify(items(healthy, 'SecurityGroups')),
    );
    expect(reasons(docs, 'web')).toEqual(['Target.Timeout']);
  });

  it('target-group-orphaned: the /admin/* rule is gone and admin-tg targets are unused', () => {
    const docs = after('target-group-orphaned');
    expect(items(docs, 'Rules').map((r) => r.RuleArn)).not.toContain(ids.rules.adminPath);
    const tg = items(docs, 'TargetGroups').find((t) => t.TargetGroupArn === ids.targetGroups.admin)!;
    expect(tg.LoadBalancerArns).toEqual([]);
    expect(
      health(docs, 'admin').every(
        (h) => h.Description === 'Target group is not configured to receive traffic from the load balancer',
      ),
    ).toBe(true);
  });

  it('overly-open-instance-sg: instance SG admits tcp 0-65535 from anywhere; still healthy', () => {
    const docs = after('overly-open-instance-sg');
    expect(sg(docs, ids.sgs.ecsInstances).IpPermissions).toEqual([
      expect.objectContaining({
        FromPort: 0,
        ToPort: 65535,
        IpRanges: [expect.objectContaining({ CidrIp: '0.0.0.0/0' })],
      }),
    ]);
    expect(reasons(docs, 'web')).toEqual(['healthy']);
  });

  it('grace-too-short: grace 0, tasks stopped by ELB health checks, replacements failing', () => {
    const docs = after('grace-too-short');
    const web = items(docs, 'services').find((s) => s.serviceName === 'web')!;
    expect(web.healthCheckGracePeriodSeconds).toBe(0);
    const stopped = items(docs, 'tasks').filter((t) => t.lastStatus === 'STOPPED');
    expect(stopped.map((t) => t.stoppedReason)).toEqual(
      Array(2).fill(`Task failed ELB health checks in (target-group ${ids.targetGroups.web})`),
    );
    expect(events(docs, 'web').some((m) => /has stopped 2 running tasks/.test(m))).toBe(true);
    expect(health(docs, 'web').filter((h) => h.Reason === 'Target.Timeout')).toHaveLength(2);
  });

  it('scenarios compose, and removeKind drops a kind without touching the input', () => {
    const both = applyScenarios(healthy, ['overly-open-instance-sg', 'health-check-404']);
    expect(reasons(both, 'web')).toEqual(['Target.ResponseCodeMismatch']);
    expect((sg(both, ids.sgs.ecsInstances).IpPermissions as Json[])[0]!.FromPort).toBe(0);
    const without = removeKind(healthy, 'LoadBalancerTargetHealth');
    expect(items(without, 'LoadBalancerTargetHealth')).toEqual([]);
    expect(without).toHaveLength(healthy.length - 1);
    expect(items(healthy, 'LoadBalancerTargetHealth')).toHaveLength(4);
    const noServices = removeKind(healthy, 'services');
    expect(noServices.some((d) => d.file.includes('ecs-describe-services'))).toBe(false); // files left empty
    expect(noServices.some((d) => d.file.includes('ecs-describe-tasks'))).toBe(true);
  });

  it('applies to every partition of a multi-region estate', () => {
    const other = buildDemoEstate({ account: '444455556666', region: 'us-east-1' });
    const docs = applyScenario([...healthy, ...other], 'health-check-404');
    const paths = items(docs, 'TargetGroups')
      .filter((t) => t.TargetGroupName === 'web-tg')
      .map((t) => t.HealthCheckPath);
    expect(paths).toEqual(['/healthz', '/healthz']);
  });
});
