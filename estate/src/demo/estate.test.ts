import { describe, expect, it } from 'vitest';
import { checkEstateConsistency } from './consistency.ts';
import { itemsOf, type EstateDocuments } from './documents.ts';
import { buildDemoEstate } from './estate.ts';
import { demoIds } from './ids.ts';

type Json = Record<string, unknown>;
const healthy = buildDemoEstate();
const items = (docs: EstateDocuments, key: string) => itemsOf<Json>(docs, key);

describe('buildDemoEstate', () => {
  it('is deterministic: two builds are identical', () => {
    expect(JSON.stringify(buildDemoEstate())).toBe(JSON.stringify(healthy));
  });

  it('writes one Batfish-layout file per CLI command under the default account and region', () => {
    const files = healthy.map((d) => d.file);
    expect(new Set(files).size).toBe(files.length);
    for (const file of files) {
      expect(file).toMatch(/^aws_configs\/accounts\/111122223333\/eu-west-1\/[a-z0-9-]+\.json$/);
    }
    const taskDefs = healthy.filter((d) => 'taskDefinition' in d.json);
    expect(taskDefs.map((d) => (d.json.taskDefinition as Json).family).sort()).toEqual([
      'admin',
      'api',
      'orders',
      'web',
      'worker',
    ]);
  });

  it('is internally consistent (ids, subnets, targets, ENIs, container instances)', () => {
    expect(checkEstateConsistency(healthy)).toEqual([]);
  });

  it('the consistency check catches a dangling reference and a target that is no task', () => {
    const broken = structuredClone(healthy);
    const sg = items(broken, 'SecurityGroups').find((g) => g.GroupName === 'ecs-instances-sg')!;
    (sg.IpPermissions as Json[])[0]!.UserIdGroupPairs = [{ GroupId: 'sg-0000000000000dead' }];
    const health = items(broken, 'LoadBalancerTargetHealth')[0]!;
    ((health.TargetHealthDescriptions as Json[])[0]!.Target as Json).Port = 40000;
    const problems = checkEstateConsistency(broken);
    expect(problems.some((p) => p.includes('sg-0000000000000dead'))).toBe(true);
    expect(problems.some((p) => p.includes(':40000') && p.includes('no running task'))).toBe(true);
  });

  it('every target is healthy and every service runs its desired count', () => {
    const states = items(healthy, 'LoadBalancerTargetHealth').flatMap((h) =>
      (h.TargetHealthDescriptions as Json[]).map((d) => (d.TargetHealth as Json).State),
    );
    expect(states.length).toBe(10); // web 4, admin 2, api 2, orders 2
    expect(new Set(states)).toEqual(new Set(['healthy']));
    for (const svc of items(healthy, 'services')) expect(svc.runningCount).toBe(svc.desiredCount);
  });

  it('web runs 4 bridge tasks on dynamic host ports registered by instance id + host port', () => {
    const ids = demoIds();
    const webDef = items(healthy, 'taskDefinition').find((t) => t.family === 'web')!;
    expect(webDef.networkMode).toBe('bridge');
    const mapping = ((webDef.containerDefinitions as Json[])[0]!.portMappings as Json[])[0]!;
    expect(mapping).toMatchObject({ containerPort: 8081, hostPort: 0 });
    const webTasks = items(healthy, 'tasks').filter((t) => t.group === 'service:web');
    const ports = webTasks.flatMap((t) =>
      ((t.containers as Json[])[0]!.networkBindings as Json[]).map((b) => b.hostPort as number),
    );
    expect(ports.sort()).toEqual([32768, 32769, 32772, 32775]);
    const targets = items(healthy, 'LoadBalancerTargetHealth').find(
      (h) => h.TargetGroupArn === ids.targetGroups.web,
    )!.TargetHealthDescriptions as Json[];
    expect(targets.map((d) => (d.Target as Json).Port).sort()).toEqual([32768, 32769, 32772, 32775]);
    expect(new Set(targets.map((d) => (d.Target as Json).Id))).toEqual(
      new Set([ids.instances.ecsA.id, ids.instances.ecsB.id]),
    );
  });

  it('the instance SG admits the dynamic range from the ALB SG; the ALB SG admits 80/443 from anywhere', () => {
    const ids = demoIds();
    const sgs = items(healthy, 'SecurityGroups');
    const instanceSg = sgs.find((g) => g.GroupId === ids.sgs.ecsInstances)!;
    expect(instanceSg.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 32768,
        ToPort: 65535,
        UserIdGroupPairs: [expect.objectContaining({ GroupId: ids.sgs.alb })],
      }),
    ]);
    const albSg = sgs.find((g) => g.GroupId === ids.sgs.alb)!;
    expect(
      (albSg.IpPermissions as Json[]).map((p) => [p.FromPort, (p.IpRanges as Json[])[0]?.CidrIp]),
    ).toEqual([
      [80, '0.0.0.0/0'],
      [443, '0.0.0.0/0'],
    ]);
    expect(albSg.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: '-1' })]);
  });

  it('api runs awsvpc tasks whose ENIs carry the api SG and no public IP', () => {
    const ids = demoIds();
    const apiEnis = items(healthy, 'NetworkInterfaces').filter((e) =>
      ((e.Groups as Json[]) ?? []).some((g) => g.GroupId === ids.sgs.apiTasks),
    );
    expect(apiEnis).toHaveLength(2);
    for (const eni of apiEnis) {
      expect(eni.Description).toMatch(/^arn:aws:ecs:eu-west-1:111122223333:attachment\/[0-9a-f-]{36}$/);
      expect(eni.Association).toBeUndefined();
      expect(eni.RequesterManaged).toBe(true);
    }
    const api = items(healthy, 'services').find((s) => s.serviceName === 'api')!;
    expect(api.networkConfiguration).toMatchObject({ awsvpcConfiguration: { assignPublicIp: 'DISABLED' } });
  });

  it('web-alb has one node ENI per public subnet with a public IP; the private route goes to the NAT gateway', () => {
    const ids = demoIds();
    const nodes = items(healthy, 'NetworkInterfaces').filter(
      (e) => e.Description === `ELB ${ids.loadBalancers.web.resourceId}`,
    );
    expect(nodes.map((e) => e.SubnetId).sort()).toEqual(
      [ids.subnets.publicA.id, ids.subnets.publicB.id].sort(),
    );
    expect(nodes.every((e) => e.RequesterId === 'amazon-elb' && (e.Association as Json).PublicIp)).toBe(true);
    const priv = items(healthy, 'RouteTables').find((t) => t.RouteTableId === ids.routeTables.private)!;
    expect(priv.Routes).toContainEqual(
      expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ids.natGateway.id }),
    );
  });

  it('NACLs show rule 100 allow and the * (32767) deny in both directions', () => {
    for (const acl of items(healthy, 'NetworkAcls')) {
      const entries = (acl.Entries as Json[]).map(
        (e) => `${String(e.Egress)}:${String(e.RuleNumber)}:${String(e.RuleAction)}`,
      );
      expect(entries).toEqual(['true:100:allow', 'true:32767:deny', 'false:100:allow', 'false:32767:deny']);
    }
  });

  it('another account and region give other ids, same shape', () => {
    const other = buildDemoEstate({ account: '444455556666', region: 'us-east-1' });
    expect(other).toHaveLength(healthy.length);
    expect(other[0]!.file).toBe('aws_configs/accounts/444455556666/us-east-1/ec2-describe-vpcs.json');
    const a = demoIds();
    const b = demoIds({ account: '444455556666', region: 'us-east-1' });
    expect(b.sgs.alb).not.toBe(a.sgs.alb);
    expect(b.targetGroups.web).toMatch(
      /^arn:aws:elasticloadbalancing:us-east-1:444455556666:targetgroup\/web-tg\//,
    );
    expect(checkEstateConsistency([...healthy, ...other])).toEqual([]);
  });
});
