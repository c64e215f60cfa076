// Verdicts include every finding on the path: an ALB nobody can reach takes its services down with it, and the
// ALB-level finding lists the services behind it.
import { describe, expect, it } from 'vitest';
import { ScanResultSchema, type ScanResult } from '@porthole/shared';
import { albNaclDropsClients, albSgAdmitsNobody } from '../../test-kit/fixCorpus.ts';
import { find, healthy, ids, modelOf, type EstateDocuments, type Json } from '../../test-kit/ruleTestKit.ts';
import { analyzeModel, filterByService } from './analyze.ts';

const BEHIND_WEB_ALB = ['prod/admin', 'prod/api', 'prod/web'];

function scan(docs: EstateDocuments): ScanResult {
  return ScanResultSchema.parse(analyzeModel(modelOf(docs)));
}

const statuses = (r: ScanResult) => Object.fromEntries(r.services.map((s) => [s.name, s.status]));

describe('ALB-level findings in service verdicts', () => {
  it('the healthy estate stays healthy', () => {
    expect(new Set(Object.values(statuses(scan(healthy()))))).toEqual(new Set(['healthy']));
  });

  it("the ALB's SG admitting no client on its listener takes every service behind it down", () => {
    const result = scan(albSgAdmitsNobody());
    const finding = result.findings.find((f) => f.rule === 'alb-sg-blocks-listener')!;
    expect(finding.service).toBeNull();
    expect(finding.services).toEqual(BEHIND_WEB_ALB);
    expect(finding.confidence).toBe('confirmed');
    expect(statuses(result)).toEqual({
      'ops/orders': 'healthy',
      'ops/worker': 'healthy',
      'prod/admin': 'down',
      'prod/api': 'down',
      'prod/web': 'down',
    });
    for (const name of BEHIND_WEB_ALB) {
      const svc = result.services.find((s) => s.name === name)!;
      expect(svc.findingIds).toContain(finding.id);
      expect(svc.topFinding?.id).toBe(finding.id);
      expect(svc.why).toBe(finding.title);
    }
    // --service keeps the ALB finding for each service behind it.
    expect(filterByService(result, 'prod/api').findings.map((f) => f.id)).toContain(finding.id);
  });

  it('a NACL on the ALB subnets dropping clients takes the services down too', () => {
    const result = scan(albNaclDropsClients());
    const findings = result.findings.filter((f) => f.rule === 'nacl-blocks-listener');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(f.services).toEqual(BEHIND_WEB_ALB);
    for (const name of BEHIND_WEB_ALB) expect(statuses(result)[name]).toBe('down');
  });

  it('when only one ALB subnet drops clients, the services are degraded, not down', () => {
    const docs = albNaclDropsClients();
    // A second NACL for the other public subnet, without the deny: one node still answers.
    const acl = find(docs, 'NetworkAcls', (a) => a.NetworkAclId === ids.nacls.default);
    const other = ids.subnets.publicB.id;
    const copy = structuredClone(acl) as Json & { Entries: Json[]; Associations: Json[] };
    copy.NetworkAclId = 'acl-0fffffffffffffff1';
    copy.IsDefault = false;
    copy.Entries = copy.Entries.filter((e) => e.RuleNumber !== 50);
    copy.Associations = (acl.Associations as Json[])
      .filter((a) => a.SubnetId === other)
      .map((a) => ({ ...a, NetworkAclId: copy.NetworkAclId }));
    acl.Associations = (acl.Associations as Json[]).filter((a) => a.SubnetId !== other);
    find(docs, 'NetworkAcls', () => true);
    (docs.find((d) => Array.isArray(d.json.NetworkAcls))!.json.NetworkAcls as Json[]).push(copy);
    const result = scan(docs);
    expect(result.findings.some((f) => f.rule === 'nacl-blocks-listener')).toBe(true);
    for (const name of BEHIND_WEB_ALB) expect(statuses(result)[name]).toBe('degraded');
  });

  it('an SG-reference rule that never matches an internet-facing ALB leaves no client: down', () => {
    const docs = healthy();
    const sg = find(docs, 'SecurityGroups', (g) => g.GroupId === ids.sgs.alb);
    sg.IpPermissions = [
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        UserIdGroupPairs: [{ GroupId: ids.sgs.bastion, UserId: ids.account }],
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ];
    const result = scan(docs);
    expect(result.findings.find((f) => f.rule === 'sg-reference-public-ip')?.services).toEqual(
      BEHIND_WEB_ALB,
    );
    for (const name of BEHIND_WEB_ALB) expect(statuses(result)[name]).toBe('down');
  });

  it('a data kind that could not be read makes the services that need it unknown, never healthy', () => {
    const docs = healthy();
    const sgDoc = docs.find((d) => Array.isArray(d.json.SecurityGroups))!;
    docs.splice(docs.indexOf(sgDoc), 1);
    const result = scan(docs);
    for (const name of [...BEHIND_WEB_ALB, 'ops/orders']) {
      const svc = result.services.find((s) => s.name === name)!;
      expect(svc.status).toBe('unknown');
      expect(svc.why).toMatch(/SecurityGroups missing/);
    }
    const gaps = result.findings.filter((f) => f.rule === 'data-missing');
    expect(gaps.length).toBeGreaterThan(0);
    for (const f of gaps) {
      expect(f.confidence).toBe('unknown');
      expect(f.missing.join(' ')).toMatch(/SecurityGroups missing/);
    }
  });
});
