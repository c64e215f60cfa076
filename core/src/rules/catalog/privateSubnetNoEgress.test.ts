import { describe, expect, it } from 'vitest';
import { privateSubnetNoEgress } from './privateSubnetNoEgress.ts';
import {
  find,
  healthy,
  ids,
  arrayOf,
  routeTable,
  run,
  scenario,
  serviceJson,
  unknownsFor,
  without,
  type EstateDocuments,
  type Json,
} from '../../../test-kit/ruleTestKit.ts';

const RULE = 'private-subnet-no-egress';
const ENDPOINT_SG = 'sg-0e0d0e0d0e0d0e0d0';

/** The VPC endpoints an image pull needs, optionally broken one way. */
function addEndpoints(docs: EstateDocuments, opts: { sgAdmits?: boolean; s3Tables?: string[] } = {}): void {
  const admits = opts.sgAdmits ?? true;
  arrayOf(docs, 'SecurityGroups').push({
    GroupId: ENDPOINT_SG,
    GroupName: 'vpce-ecr',
    VpcId: ids.vpcId,
    OwnerId: ids.account,
    IpPermissions: [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: admits ? ids.vpcCidr : '192.168.0.0/16' }],
      },
    ],
    IpPermissionsEgress: [],
  });
  const iface = (service: string, n: number): Json => ({
    VpcEndpointId: `vpce-0${n}aaaaaaaaaaaaaaa`,
    VpcEndpointType: 'Interface',
    VpcId: ids.vpcId,
    ServiceName: `com.amazonaws.${ids.region}.${service}`,
    State: 'available',
    SubnetIds: [ids.subnets.privateA.id, ids.subnets.privateB.id],
    Groups: [{ GroupId: ENDPOINT_SG, GroupName: 'vpce-ecr' }],
    PrivateDnsEnabled: true,
    RouteTableIds: [],
  });
  arrayOf(docs, 'VpcEndpoints').push(iface('ecr.api', 1), iface('ecr.dkr', 2), {
    VpcEndpointId: 'vpce-03aaaaaaaaaaaaaaa',
    VpcEndpointType: 'Gateway',
    VpcId: ids.vpcId,
    ServiceName: `com.amazonaws.${ids.region}.s3`,
    State: 'available',
    RouteTableIds: opts.s3Tables ?? [ids.routeTables.private],
    SubnetIds: [],
    Groups: [],
  });
}

describe('private-subnet-no-egress', () => {
  it('fires on nat-route-removed: critical for api (CannotPullContainerError), warning for the others', () => {
    const findings = run(privateSubnetNoEgress, scenario('nat-route-removed'));
    const bySvc = new Map(findings.map((f) => [f.service, f]));
    expect([...bySvc.keys()].sort()).toEqual([
      'ops/orders',
      'ops/worker',
      'prod/admin',
      'prod/api',
      'prod/web',
    ]);
    const api = bySvc.get('prod/api')!;
    expect(api.rule).toBe(RULE);
    expect(api.severity).toBe('critical');
    expect(api.resources[0]).toBe(ids.routeTables.private);
    expect(api.id).toBe(`${RULE}:${ids.routeTables.private}:prod/api`);
    expect(
      api.evidence.some((e) => e.kind === 'task' && /CannotPullContainerError.*i\/o timeout/.test(e.detail)),
    ).toBe(true);
    expect(api.evidence.some((e) => e.kind === 'route' && e.detail.includes('10.0.0.0/16 → local'))).toBe(
      true,
    );
    expect(api.fix.awsCli[0]).toBe(
      `aws ec2 create-route --route-table-id ${ids.routeTables.private} --region ${ids.region} ` +
        `--destination-cidr-block 0.0.0.0/0 --nat-gateway-id ${ids.natGateway.id}`,
    );
    expect(api.fix.awsCli.join('\n')).toContain(`--service-name com.amazonaws.${ids.region}.ecr.dkr`);
    expect(api.fix.terraform).toContain(`nat_gateway_id         = "${ids.natGateway.id}"`);
    expect(bySvc.get('prod/web')!.severity).toBe('warning');
    expect(bySvc.get('prod/web')!.resources).toContain(ids.instances.ecsA.id);
  });

  it('stays silent on the healthy estate', () => {
    expect(run(privateSubnetNoEgress, healthy())).toEqual([]);
  });

  it('answers unknown when route tables are missing', () => {
    const findings = run(privateSubnetNoEgress, without(scenario('nat-route-removed'), 'RouteTables'));
    expect(findings.every((f) => f.rule === 'data-missing')).toBe(true);
    const unknown = unknownsFor(findings, RULE);
    expect(unknown.map((f) => f.service)).toContain('prod/api');
    expect(unknown[0]!.evidence[0]!.detail).toContain('RouteTables missing');
  });

  it('route gone, VPC endpoints not captured: the pull timeouts confirm the cause; only endpoints could change it', () => {
    const findings = run(privateSubnetNoEgress, without(scenario('nat-route-removed'), 'VpcEndpoints'));
    // prod/api's tasks stopped with "CannotPullContainerError … dial tcp …:443: i/o timeout": a real finding.
    const api = findings.filter((f) => f.rule === RULE);
    expect(api.map((f) => [f.service, f.severity, f.confidence])).toEqual([
      ['prod/api', 'critical', 'confirmed'],
    ]);
    expect(api[0]!.missing).toHaveLength(1);
    expect(api[0]!.missing[0]).toMatch(/^VpcEndpoints not captured/);
    expect(api[0]!.missing[0]).toMatch(/ECR interface endpoints/);
    expect(api[0]!.resources[0]).toBe(ids.routeTables.private);
    expect(api[0]!.evidence.some((e) => e.kind === 'task' && /i\/o timeout/.test(e.detail))).toBe(true);
    // The fix restores the route; it does not create endpoints that may already exist.
    expect(api[0]!.fix.awsCli.every((c) => !c.includes('create-vpc-endpoint'))).toBe(true);
    expect(api[0]!.fix.awsCli.some((c) => c.includes('create-route') || c.includes('replace-route'))).toBe(
      true,
    );
    // The services without an observed symptom stay unknown.
    const unknown = unknownsFor(findings, RULE);
    expect(unknown.map((f) => f.service).sort()).toEqual([
      'ops/orders',
      'ops/worker',
      'prod/admin',
      'prod/web',
    ]);
    expect(unknown.every((f) => f.confidence === 'unknown')).toBe(true);
  });

  it('without a network symptom (an auth failure), missing VPC endpoint data stays unknown', () => {
    const docs = without(scenario('nat-route-removed'), 'VpcEndpoints');
    for (const task of arrayOf(docs, 'tasks')) {
      if (typeof task.stoppedReason === 'string')
        task.stoppedReason = 'CannotPullContainerError: no basic auth credentials';
      for (const c of (task.containers as Json[] | undefined) ?? [])
        if (typeof c.reason === 'string') c.reason = 'CannotPullContainerError: no basic auth credentials';
    }
    const findings = run(privateSubnetNoEgress, docs);
    expect(findings.filter((f) => f.rule === RULE)).toEqual([]);
    expect(unknownsFor(findings, RULE).length).toBe(5);
  });

  it('stays silent when ECR and S3 endpoints serve the private subnets', () => {
    const docs = scenario('nat-route-removed');
    addEndpoints(docs);
    expect(run(privateSubnetNoEgress, docs)).toEqual([]);
  });

  it('accepts an S3 interface endpoint with private DNS instead of the gateway endpoint', () => {
    const docs = scenario('nat-route-removed');
    addEndpoints(docs, { s3Tables: [] });
    const s3 = find(docs, 'VpcEndpoints', (e) => String(e.ServiceName).endsWith('.s3'));
    Object.assign(s3, {
      VpcEndpointType: 'Interface',
      SubnetIds: [ids.subnets.privateA.id],
      Groups: [{ GroupId: ENDPOINT_SG }],
      PrivateDnsEnabled: true,
    });
    expect(run(privateSubnetNoEgress, docs)).toEqual([]);
  });

  it("names the endpoint SG that does not admit 443 and the S3 endpoint missing the subnet's table", () => {
    const docs = scenario('nat-route-removed');
    addEndpoints(docs, { sgAdmits: false, s3Tables: [ids.routeTables.public] });
    const api = run(privateSubnetNoEgress, docs).find((f) => f.service === 'prod/api')!;
    expect(api.explanation).toContain('do not admit tcp 443');
    const cli = api.fix.awsCli.join('\n');
    expect(cli).toContain(`authorize-security-group-ingress --group-id ${ENDPOINT_SG}`);
    expect(cli).toContain(
      `modify-vpc-endpoint --vpc-endpoint-id vpce-03aaaaaaaaaaaaaaa --add-route-table-ids ${ids.routeTables.private}`,
    );
  });

  it('reports a NAT gateway that is not available, proposing a new one in a public subnet', () => {
    const docs = healthy();
    find(docs, 'NatGateways', (n) => n.NatGatewayId === ids.natGateway.id).State = 'failed';
    const api = run(privateSubnetNoEgress, docs).find((f) => f.service === 'prod/api')!;
    expect(api.title).toContain('the NAT gateway is not available');
    expect(api.resources).toContain(ids.natGateway.id);
    expect(api.fix.awsCli).toContain(
      `aws ec2 create-nat-gateway --subnet-id ${ids.subnets.publicA.id} --allocation-id EIPALLOC_ID --region ${ids.region}`,
    );
    expect(
      api.fix.awsCli.some((c) =>
        c.startsWith(`aws ec2 replace-route --route-table-id ${ids.routeTables.private}`),
      ),
    ).toBe(true);
  });

  it('reports an internet gateway route without public IPs, and accepts assignPublicIp ENABLED', () => {
    const docs = healthy();
    const table = routeTable(docs, ids.routeTables.private);
    table.Routes = [
      ...table.Routes.filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0'),
      { DestinationCidrBlock: '0.0.0.0/0', GatewayId: ids.igwId, Origin: 'CreateRoute', State: 'active' },
    ];
    const findings = run(privateSubnetNoEgress, docs);
    const api = findings.find((f) => f.service === 'prod/api')!;
    expect(api.title).toContain('an internet gateway route but no public IP');
    expect(api.fix.awsCli[0]).toContain('aws ecs update-service --cluster prod --service api');
    expect(api.fix.awsCli[0]).toContain('assignPublicIp=ENABLED');
    const web = findings.find((f) => f.service === 'prod/web')!;
    expect(web.fix.awsCli[0]).toContain('modify-subnet-attribute');

    const cfg = (serviceJson(docs, 'api').networkConfiguration as Json).awsvpcConfiguration as Json;
    cfg.assignPublicIp = 'ENABLED';
    expect(run(privateSubnetNoEgress, docs).map((f) => f.service)).not.toContain('prod/api');
  });

  it('leaves a NAT instance with its source/destination check on to nat-instance-source-dest-check', () => {
    expect(run(privateSubnetNoEgress, scenario('nat-instance-source-dest-check'))).toEqual([]);
  });
});
