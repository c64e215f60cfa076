// Two regions of one account and a second account, all holding identical EC2 ids (copied estates do this;
// AWS ids are unique only within an account and region). Each scope's verdicts and findings must stand alone.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '@porthole/shared';
import { buildDemoEstate, demoIds, type EstateDocuments } from '@porthole/estate/demo/index.js';
import { buildModel } from '../model/build.ts';
import type { EstateModel } from '../model/types.ts';
import { readSnapshotFolder, snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { analyzeModel } from './analyze.ts';
import { PathInputError } from './errors.ts';
import { reachPath } from './reach.ts';

const ids = demoIds();
const A = ids.account;
const B = '444455556666';
const HOME = ids.region; // eu-west-1
const OTHER = 'us-east-1';

/** The demo estate moved to another account/region: ARNs, owners, AZs and DNS names change, EC2 ids do not. */
function copyTo(account: string, region: string): EstateDocuments {
  return buildDemoEstate().map((doc) => ({
    file: doc.file.replace(`accounts/${A}/${HOME}/`, `accounts/${account}/${region}/`),
    json: JSON.parse(JSON.stringify(doc.json).replaceAll(A, account).replaceAll(HOME, region)) as Record<
      string,
      unknown
    >,
  }));
}

type Json = Record<string, unknown>;
function securityGroup(docs: EstateDocuments, groupId: string): Json {
  const groups = docs.flatMap((d) => (d.json.SecurityGroups as Json[] | undefined) ?? []);
  return groups.find((g) => g.GroupId === groupId)!;
}

let dir: string;
let model: EstateModel;
let result: ScanResult;

beforeAll(async () => {
  const home = copyTo(A, HOME);
  const otherRegion = copyTo(A, OTHER);
  const otherAccount = copyTo(B, HOME);
  // us-east-1: the container instances' SG no longer admits the ALB on the dynamic host ports.
  securityGroup(otherRegion, ids.sgs.ecsInstances).IpPermissions = [];
  // account B: the ALB's SG admits nobody on its listeners.
  securityGroup(otherAccount, ids.sgs.alb).IpPermissions = [];
  dir = await mkdtemp(path.join(tmpdir(), 'porthole-scopes-'));
  for (const doc of [...home, ...otherRegion, ...otherAccount]) {
    const file = path.join(dir, doc.file);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(doc.json, null, 2));
  }
  model = buildModel(await readSnapshotFolder(dir));
  result = analyzeModel(model);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inScope = (account: string, region: string) => (x: { account: string | null; region: string | null }) =>
  x.account === account && x.region === region;

describe('scope-keyed model: identical ids in two regions and two accounts', () => {
  it('keeps each partition’s security groups apart', () => {
    const scopes = model.securityGroups
      .lookupAll(ids.sgs.ecsInstances)
      .map((h) => `${h.scope.account}/${h.scope.region}`);
    expect(scopes.sort()).toEqual([`${A}/${HOME}`, `${A}/${OTHER}`, `${B}/${HOME}`].sort());
    expect(
      model.securityGroups.get({ account: A, region: OTHER }, ids.sgs.ecsInstances)!.IpPermissions,
    ).toEqual([]);
    expect(
      model.securityGroups.get({ account: A, region: HOME }, ids.sgs.ecsInstances)!.IpPermissions,
    ).not.toEqual([]);
  });

  it('the home scope stays healthy: no critical finding lands there', () => {
    const home = result.findings.filter(inScope(A, HOME)).filter((f) => f.severity === 'critical');
    expect(home).toEqual([]);
    const web = result.services.find((s) => s.name === 'prod/web' && s.account === A && s.region === HOME)!;
    expect(web.status).toBe('healthy');
  });

  it('the broken instance SG is reported in us-east-1 only, with that region in the id', () => {
    const dyn = result.findings.filter((f) => f.rule === 'sg-blocks-dynamic-ports');
    expect(dyn.length).toBeGreaterThan(0);
    for (const f of dyn) {
      expect([f.account, f.region]).toEqual([A, OTHER]);
      expect(f.resources[0]).toBe(ids.sgs.ecsInstances);
    }
    const web = (account: string, region: string) =>
      result.services.find((v) => v.name === 'prod/web' && v.account === account && v.region === region)!;
    expect(web(A, OTHER).status).not.toBe('healthy');
    expect(web(A, OTHER).findingIds.some((id) => id.startsWith('sg-blocks-dynamic-ports:'))).toBe(true);
    expect(web(B, HOME).findingIds.some((id) => id.startsWith('sg-blocks-dynamic-ports:'))).toBe(false);
  });

  it('the ALB SG without listeners’ ingress is reported in account B only', () => {
    const listener = result.findings.filter((f) => f.rule === 'alb-sg-blocks-listener');
    expect(listener.length).toBeGreaterThan(0);
    for (const f of listener) expect([f.account, f.region]).toEqual([B, HOME]);
  });

  it('finding ids stay unique across scopes', () => {
    const idsSeen = result.findings.map((f) => f.id);
    expect(new Set(idsSeen).size).toBe(idsSeen.length);
  });

  it('reach: a bare id held in three scopes is ambiguous; a qualified one resolves in its own scope', () => {
    const bastion = ids.instances.bastion.id;
    const web = ids.instances.ecsA.id;
    expect(() => reachPath(model, { from: bastion, to: web, port: 22, protocol: 'tcp' })).toThrow(
      PathInputError,
    );
    const req = (account: string, region: string) => ({
      from: `${account}/${region}/${bastion}`,
      to: `${account}/${region}/${web}`,
      port: 32768,
      protocol: 'tcp' as const,
    });
    // The bastion is not the ALB, so the instance SG blocks it in every scope; the blocker lands in each scope.
    for (const [account, region] of [
      [A, HOME],
      [A, OTHER],
      [B, HOME],
    ] as const) {
      const answer = reachPath(model, req(account, region));
      expect(answer.reachable).toBe(false);
      expect(answer.findings.some((f) => f.account === account && f.region === region)).toBe(true);
    }
  });
});

describe('the same problem in two accounts', () => {
  it('gives two findings, each id qualified by its scope', () => {
    const a = copyTo(A, HOME);
    const b = copyTo(B, HOME);
    securityGroup(a, ids.sgs.ecsInstances).IpPermissions = [];
    securityGroup(b, ids.sgs.ecsInstances).IpPermissions = [];
    const both = analyzeModel(buildModel(snapshotFromDocuments([...a, ...b])));
    const dyn = both.findings.filter((f) => f.rule === 'sg-blocks-dynamic-ports' && f.service === 'prod/web');
    const base = `sg-blocks-dynamic-ports:${ids.sgs.ecsInstances}:prod/web`;
    expect(dyn.map((f) => f.id).sort()).toEqual([`${base}@${A}/${HOME}`, `${base}@${B}/${HOME}`].sort());
    for (const f of dyn) expect(f.id.endsWith(`@${f.account}/${f.region}`)).toBe(true);
  });
});
