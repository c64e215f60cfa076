// An ip target in a peered VPC of another account (AvailabilityZone "all"): resolved across partitions,
// its path read on both sides, a missing route a finding with a scoped fix, stale or absent data unknown.
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_KINDS, type Snapshot } from '@porthole/shared';
import { buildModel } from '../../model/build.ts';
import { snapshotFromDocuments } from '../../../../agent/src/sources/snapshot/index.ts';
import { createRuleContext } from '../../rules/support/context.ts';
import { peerRouteMissing } from '../../rules/catalog/peerRouteMissing.ts';
import { analyzeModel } from '../../engine/analyze.ts';
import {
  PEER,
  peerAccountDocs,
  peeredAlbDocs,
  peeredEstate,
  type PeeredOptions,
} from '../../../test-kit/peeredEstate.ts';
import { ids } from '../../../test-kit/ruleTestKit.ts';
import { evaluateAlbToTarget } from './albToTarget.ts';

const web = ids.loadBalancers.web;

function pathOf(snapshot: Snapshot) {
  const model = buildModel(snapshot);
  const lb = model.loadBalancers.get(web.arn)!;
  return { model, path: evaluateAlbToTarget(model, lb, PEER.ip, PEER.port) };
}
const estate = (opts: PeeredOptions = {}) => snapshotFromDocuments(peeredEstate(opts).docs);
const verdicts = (hops: Array<{ verdict: string }>) => new Set(hops.map((h) => h.verdict));

describe('ip target in a peered VPC of another account', () => {
  it('is unknown, never allowed, when no partition holds its address (one account polled)', () => {
    const { path } = pathOf(snapshotFromDocuments(peeredAlbDocs().docs));
    expect(path.endpoint).toBeNull();
    expect(path.hops.map((h) => h.verdict)).toEqual(['unknown']);
    expect(path.hops[0]!.gaps.join(' ')).toMatch(/no ENI of the 0 other .* holds it/);
    const model = buildModel(snapshotFromDocuments(peeredAlbDocs().docs));
    const findings = peerRouteMissing.evaluate(model, createRuleContext(model));
    expect(findings.map((f) => f.rule)).toEqual(['data-missing']);
    expect(findings[0]!.targets.map((t) => t.id)).toEqual([PEER.ip]);
  });

  it('resolves to the ENI in account B and allows every hop when routes, NACLs and SGs agree', () => {
    const { path } = pathOf(estate());
    expect(path.endpoint).toMatchObject({ eniId: PEER.eniId, scope: { account: PEER.account } });
    expect(verdicts(path.hops)).toEqual(new Set(['allow']));
    const routes = path.hops.filter((h) => h.check === 'route');
    expect(routes.map((h) => [h.leg, h.route?.target?.id])).toEqual([
      ['request', PEER.pcx],
      ['reply', PEER.pcx],
    ]);
    const result = analyzeModel(buildModel(estate()));
    expect(result.findings.filter((f) => f.targets.some((t) => t.id === PEER.ip))).toEqual([]);
  });

  it('blocks on a missing ALB-side route, with a fix scoped to the peer CIDR', () => {
    const { model, path } = pathOf(estate({ noAlbRoute: true }));
    const route = path.hops.find((h) => h.check === 'route' && h.leg === 'request')!;
    // The public table's default route goes to the internet gateway: not into the peering.
    expect(route.verdict).toBe('deny');
    expect(route.detail).toMatch(/igw-.*not a VPC peering connection/);
    const findings = peerRouteMissing.evaluate(model, createRuleContext(model));
    expect(findings.map((f) => f.rule)).toEqual(['peer-route-missing']);
    const fix = findings[0]!.fix;
    expect(fix.awsCli).toEqual([
      `aws ec2 create-route --route-table-id ${ids.routeTables.public} --region ${ids.region} --destination-cidr-block ${PEER.vpcCidr} --vpc-peering-connection-id ${PEER.pcx}`,
    ]);
    expect(`${fix.summary}${fix.terraform}`).not.toContain('0.0.0.0/0');
    expect(findings[0]!.evidence.map((e) => e.component)).toContain(ids.routeTables.public);
  });

  it('blocks on a blackhole route back from account B, fixed in account B', () => {
    const docs = peeredEstate().docs;
    const tables = docs.find((d) => d.json.RouteTables && d.file.includes(PEER.account))!;
    const table = (tables.json.RouteTables as Array<{ Routes: Array<Record<string, unknown>> }>)[0]!;
    table.Routes[1]!.State = 'blackhole';
    const model = buildModel(snapshotFromDocuments(docs));
    const findings = peerRouteMissing.evaluate(model, createRuleContext(model));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.account).toBe(ids.account); // owned by the ALB's partition
    expect(findings[0]!.fix.awsCli[0]).toBe(
      `aws ec2 replace-route --route-table-id ${PEER.tableId} --region ${ids.region} --destination-cidr-block ${ids.vpcCidr} --vpc-peering-connection-id ${PEER.pcx}`,
    );
    expect(findings[0]!.fix.summary).toContain(`in account ${PEER.account}`);
  });

  it('does not honour a reference to the ALB security group across an inter-region peering', () => {
    const { path } = pathOf(estate({ region: 'us-east-1' }));
    const ingress = path.hops.find((h) => h.check === 'sg-ingress')!;
    expect(ingress.verdict).toBe('deny');
    expect(path.hops.filter((h) => h.check === 'route').every((h) => h.verdict === 'allow')).toBe(true);
  });

  it('is unknown, never allowed, while account B’s partition is stale', () => {
    const snapshot = estate();
    const b = snapshot.partitions.find((p) => p.account === PEER.account)!;
    const mark = { error: 'shard 444455556666/eu-west-1: owner has not committed', fetchedAt: null };
    b.stale = Object.fromEntries(SNAPSHOT_KINDS.map((k) => [k, mark]));
    const { path } = pathOf(snapshot);
    // Every hop read in account B's partition (its NACL both ways, its SG, its route back) answers unknown.
    const unknown = path.hops.filter((h) => h.verdict === 'unknown');
    expect(unknown.map((h) => `${h.leg} ${h.check}`).sort()).toEqual([
      'reply nacl-outbound',
      'reply route',
      'request nacl-inbound',
      'request sg-ingress',
    ]);
    expect(unknown.every((h) => h.gaps.some((g) => g.includes('stale')))).toBe(true);
    expect(path.hops.some((h) => h.verdict === 'deny')).toBe(false);
  });

  it('is ambiguous when two other VPCs hold the address and none pairs routes with the ALB', () => {
    const docs = [
      ...peeredAlbDocs({ noAlbRoute: true }).docs,
      ...peerAccountDocs(ids.region),
      ...peerAccountDocs('eu-central-1'),
    ];
    const { path } = pathOf(snapshotFromDocuments(docs));
    expect(path.endpoint).toBeNull();
    expect(path.hops[0]!.gaps[0]).toMatch(/held by 2 ENIs .* ambiguous/);
  });

  it('picks the one holder whose VPC the ALB reaches through the same peering both ways', () => {
    const docs = [...peeredEstate().docs, ...peerAccountDocs('eu-central-1')];
    const central = docs.find((d) => d.file.includes('eu-central-1') && d.json.RouteTables)!;
    (central.json.RouteTables as Array<{ Routes: unknown[] }>)[0]!.Routes.splice(1, 1);
    const { path } = pathOf(snapshotFromDocuments(docs));
    expect(path.endpoint?.scope).toEqual({ account: PEER.account, region: ids.region });
  });

  it('never looks for an address inside the ALB VPC in other accounts (AWS delivers it locally)', () => {
    const docs = peeredEstate().docs;
    const enis = docs.find((d) => d.json.NetworkInterfaces && d.file.includes(PEER.account))!;
    const eni = (enis.json.NetworkInterfaces as Array<Record<string, unknown>>)[0]!;
    Object.assign(eni, {
      PrivateIpAddress: '10.0.10.99',
      PrivateIpAddresses: [{ PrivateIpAddress: '10.0.10.99' }],
    });
    const model = buildModel(snapshotFromDocuments(docs));
    const path = evaluateAlbToTarget(model, model.loadBalancers.get(web.arn)!, '10.0.10.99', PEER.port);
    expect(path.endpoint).toBeNull();
    expect(path.hops.map((h) => [h.kind, h.verdict])).toEqual([['target', 'unknown']]);
  });
});
