// reach beyond the snapshot, on the demo estate as AWS CLI prints it (public subnets → IGW, private subnets →
// NAT gateway in a public subnet; NACLs open). Expectations from the VPC user guide: "Route tables",
// "Internet gateways", "NAT gateways", "NAT instances", "Network ACLs" (ephemeral ports).
import { describe, expect, it } from 'vitest';
import { PathResultSchema, type PathResult } from '@porthole/shared';
import {
  applyScenario,
  buildDemoEstate,
  demoIds,
  type EstateDocuments,
} from '@porthole/estate/demo/index.js';
import { buildModel } from '../model/build.ts';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { reachPath, type ReachRequest } from './reach.ts';

const ids = demoIds();
type Json = Record<string, unknown>;
const BASTION = ids.instances.bastion.id;
const ECS_A = ids.instances.ecsA.id;
const NAT_INSTANCE = ids.instances.nat.id;

function items(docs: EstateDocuments, key: string): Json[] {
  return docs.flatMap((d) => (d.json[key] as Json[] | undefined) ?? []);
}
const table = (docs: EstateDocuments, id: string) =>
  items(docs, 'RouteTables').find((t) => t.RouteTableId === id) as Json & { Routes: Json[] };
const acl = (docs: EstateDocuments, id: string) =>
  items(docs, 'NetworkAcls').find((a) => a.NetworkAclId === id) as Json & { Entries: Json[] };

function reach(docs: EstateDocuments, req: Partial<ReachRequest> & { from: string; to: string }): PathResult {
  const model = buildModel(snapshotFromDocuments(docs));
  const result = reachPath(model, { port: 443, protocol: 'tcp', ...req });
  return PathResultSchema.parse(result);
}

const blocking = (r: PathResult) => r.hops.filter((h) => h.verdict === 'deny').map((h) => h.component);
const unknownAt = (r: PathResult) => r.hops.filter((h) => h.verdict === 'unknown').map((h) => h.component);

function withoutPublicIp(docs: EstateDocuments, instanceId: string): EstateDocuments {
  for (const r of items(docs, 'Reservations'))
    for (const i of r.Instances as Json[]) if (i.InstanceId === instanceId) delete i.PublicIpAddress;
  for (const e of [
    ...items(docs, 'NetworkInterfaces'),
    ...items(docs, 'Reservations').flatMap((r) =>
      (r.Instances as Json[]).flatMap((i) => (i.NetworkInterfaces as Json[]) ?? []),
    ),
  ]) {
    if (
      (e.Attachment as Json | undefined)?.InstanceId === instanceId ||
      e.NetworkInterfaceId === ids.instances.bastion.eniId
    ) {
      delete e.Association;
      for (const p of (e.PrivateIpAddresses as Json[]) ?? []) delete p.Association;
    }
  }
  return docs;
}

describe('reach --to internet / an outside address', () => {
  it('through an internet gateway with a public IP: reachable', () => {
    const r = reach(buildDemoEstate(), { from: BASTION, to: 'internet' });
    expect(r.reachable).toBe(true);
    expect(r.hops.map((h) => h.component)).toContain(ids.igwId);
    expect(
      reach(buildDemoEstate(), { from: BASTION, to: '8.8.8.8', port: 53, protocol: 'udp' }).reachable,
    ).toBe(true);
  });

  it('through an internet gateway without a public IP: blocked at the instance, not a usage error', () => {
    const r = reach(withoutPublicIp(buildDemoEstate(), BASTION), { from: BASTION, to: '8.8.8.8' });
    expect(r.reachable).toBe(false);
    expect(r.verdict).toBe('blocked');
    expect(blocking(r)).toEqual([BASTION]);
  });

  it('through a NAT gateway whose subnet reaches the IGW: reachable, leaving as the Elastic IP', () => {
    const r = reach(buildDemoEstate(), { from: ECS_A, to: 'internet' });
    expect(r.reachable).toBe(true);
    const components = r.hops.map((h) => h.component);
    expect(components).toContain(ids.natGateway.id);
    expect(components).toContain(ids.igwId);
    expect(r.hops.find((h) => h.component === ids.natGateway.id)!.detail).toContain(ids.natGateway.publicIp);
  });

  it('through a NAT gateway whose own subnet lost its IGW route: blocked at the NAT subnet’s table', () => {
    const docs = buildDemoEstate();
    const pub = table(docs, ids.routeTables.public);
    pub.Routes = pub.Routes.filter((r) => r.DestinationCidrBlock !== '0.0.0.0/0');
    const r = reach(docs, { from: ECS_A, to: '8.8.8.8' });
    expect(r.reachable).toBe(false);
    expect(blocking(r)).toEqual([ids.routeTables.public]);
  });

  it('NAT subnet NACL denying replies on 1024-65535 blocks (NAT gateways use that whole range)', () => {
    const docs = buildDemoEstate();
    acl(docs, ids.nacls.default).Entries.unshift({
      CidrBlock: '0.0.0.0/0',
      Egress: false,
      Protocol: '6',
      PortRange: { From: 1024, To: 65535 },
      RuleAction: 'deny',
      RuleNumber: 1,
    });
    const r = reach(docs, { from: ECS_A, to: 'internet' });
    expect(r.verdict).toBe('blocked');
    expect(blocking(r)).toContain(ids.nacls.default);
  });

  it('through a NAT instance with source/destination check on: blocked at the instance', () => {
    const r = reach(applyScenario(buildDemoEstate(), 'nat-instance-source-dest-check'), {
      from: ECS_A,
      to: 'internet',
    });
    expect(r.reachable).toBe(false);
    expect(blocking(r)).toEqual([NAT_INSTANCE]);
  });

  it('through a NAT instance with the check off: reachable, via its SG and public IP', () => {
    const docs = applyScenario(buildDemoEstate(), 'nat-instance-source-dest-check');
    for (const r of items(docs, 'Reservations'))
      for (const i of r.Instances as Json[]) if (i.InstanceId === NAT_INSTANCE) i.SourceDestCheck = false;
    for (const e of items(docs, 'NetworkInterfaces'))
      if (e.NetworkInterfaceId === ids.instances.nat.eniId) e.SourceDestCheck = false;
    const r = reach(docs, { from: ECS_A, to: 'internet' });
    expect(r.reachable).toBe(true);
    expect(r.hops.filter((h) => h.kind === 'security-group').map((h) => h.component)).toContain(
      ids.sgs.natInstance,
    );
  });

  it('a blackhole route: blocked at the route table', () => {
    const docs = buildDemoEstate();
    for (const r of table(docs, ids.routeTables.private).Routes)
      if (r.DestinationCidrBlock === '0.0.0.0/0') r.State = 'blackhole';
    const r = reach(docs, { from: ECS_A, to: 'internet' });
    expect(r.reachable).toBe(false);
    expect(blocking(r)).toEqual([ids.routeTables.private]);
  });

  it('a transit gateway route: leaves the modelled estate, unknown beyond that hop', () => {
    const docs = buildDemoEstate();
    table(docs, ids.routeTables.private).Routes.push({
      DestinationCidrBlock: '192.168.0.0/16',
      TransitGatewayId: 'tgw-0a1b2c3d4e5f60789',
      Origin: 'CreateRoute',
      State: 'active',
    });
    const r = reach(docs, { from: ECS_A, to: '192.168.4.4', port: 5432 });
    expect(r.verdict).toBe('unknown');
    expect(r.reachable).toBe(false);
    expect(unknownAt(r)).toEqual(['tgw-0a1b2c3d4e5f60789']);
  });
});

describe('reach from outside into the estate', () => {
  it('--from internet to an instance without a public address: a path answer, not reachable', () => {
    const r = reach(buildDemoEstate(), { from: 'internet', to: ECS_A, port: 22 });
    expect(r.reachable).toBe(false);
    expect(r.verdict).toBe('blocked');
    expect(blocking(r)).toEqual([ECS_A]);
  });

  it('unsolicited inbound to a NAT gateway’s Elastic IP: not reachable, whatever the NACLs say', () => {
    const r = reach(buildDemoEstate(), { from: 'internet', to: ids.natGateway.publicIp });
    expect(r.reachable).toBe(false);
    expect(blocking(r)).toEqual([ids.natGateway.id]);
  });
});

describe('client ephemeral ports on the reply leg', () => {
  /** The bastion subnet's NACL admits replies only on 32768-65535. */
  function narrowReplies(from = '0.0.0.0/0'): EstateDocuments {
    const docs = buildDemoEstate();
    acl(docs, ids.nacls.default).Entries.unshift({
      CidrBlock: from,
      Egress: false,
      Protocol: '6',
      PortRange: { From: 1024, To: 32767 },
      RuleAction: 'deny',
      RuleNumber: 1,
    });
    return docs;
  }

  it('unknown range: unknown, naming the ports that would be dropped and the range assumed', () => {
    const r = reach(narrowReplies(), { from: BASTION, to: 'internet' });
    expect(r.verdict).toBe('unknown');
    expect(unknownAt(r)).toEqual([ids.nacls.default]);
    expect(r.hops.find((h) => h.verdict === 'unknown')!.detail).toContain('1024-32767');
    expect(r.assumptions?.[0]).toContain('1024-65535');
  });

  it('to an ALB: the caller’s reply leg is unknown too, never blocked', () => {
    const open = reach(buildDemoEstate(), { from: BASTION, to: ids.loadBalancers.web.name, port: 80 });
    expect(open.reachable).toBe(true);
    // Replies from the internet (where the internet-facing ALB answers from) on 1024-32767 only are dropped.
    const r = reach(narrowReplies('198.51.100.0/24'), {
      from: BASTION,
      to: ids.loadBalancers.web.name,
      port: 80,
    });
    expect(r.verdict).toBe('unknown');
    expect(unknownAt(r)).toContain(ids.nacls.default);
  });

  it('--client-ports 32768-60999 (Linux): reachable; a range the NACL drops: blocked', () => {
    const linux = reach(narrowReplies(), {
      from: BASTION,
      to: 'internet',
      clientPorts: { from: 32768, to: 60999 },
    });
    expect(linux.reachable).toBe(true);
    expect(linux.assumptions?.[0]).toContain('32768-60999');
    const low = reach(narrowReplies(), {
      from: BASTION,
      to: 'internet',
      clientPorts: { from: 1024, to: 5000 },
    });
    expect(low.verdict).toBe('blocked');
    expect(blocking(low)).toEqual([ids.nacls.default]);
  });
});
