// nacl-blocks-target-traffic fires when a NACL drops the ALB's requests to its targets: outbound in the ALB
// node subnets or inbound in the target subnet, on the traffic port or the health-check port. NACLs are
// stateless, evaluated in ascending rule number, first match wins, `*` (32767) denies the rest (VPC guide,
// "Network ACLs"; ALB guide, "Network ACLs for your load balancer"). The reply leg is another rule's.
import { describe, expect, it } from 'vitest';
import { naclBlocksTargetTraffic } from './naclBlocksTargetTraffic.ts';
import { healthy, ids, run, unknownsFor, without } from '../../../test-kit/ruleTestKit.ts';
import { addNaclEntries, naclEntry } from '../../../test-kit/networkEdits.ts';

const RULE = 'nacl-blocks-target-traffic';
const privateAcl = ids.nacls.private;
const publicAcl = ids.nacls.default;
/** Bridge-mode tasks are registered on the instance's dynamic host ports (ECS: 32768–65535). */
const DYNAMIC: [number, number] = [32768, 65535];

describe(RULE, () => {
  it('fires when the target subnet denies the dynamic host ports from the ALB subnets before allowing all', () => {
    const docs = healthy();
    addNaclEntries(
      docs,
      privateAcl,
      naclEntry({ rule: 90, direction: 'inbound', action: 'deny', cidr: ids.publicRange, ports: DYNAMIC }),
    );
    const findings = run(naclBlocksTargetTraffic, docs);
    // web and admin run in bridge mode on host ports; api (awsvpc, 8080) and orders are untouched.
    expect(findings.map((f) => f.service).sort()).toEqual(['prod/admin', 'prod/web']);
    for (const f of findings) {
      expect(f.resources[0]).toBe(privateAcl);
      expect(f.title).toContain(`target subnet NACL ${privateAcl} inbound denies them`);
      expect(f.targets.length).toBeGreaterThan(0);
      expect(f.targets.every((t) => (t.port ?? 0) >= 32768)).toBe(true);
      expect(f.evidence.map((e) => e.detail).join(' ')).toContain('90');
      // Replace the deny entry, keeping its own (narrower) CIDR.
      const cli = f.fix.awsCli.join('\n');
      expect(cli).toContain(`--network-acl-id ${privateAcl}`);
      expect(cli).toContain('--rule-number 90');
      expect(cli).toContain(ids.publicRange);
    }
  });

  it('fires when the ALB subnets deny outbound the awsvpc targets’ port', () => {
    const docs = healthy();
    addNaclEntries(
      docs,
      publicAcl,
      naclEntry({ rule: 50, direction: 'outbound', action: 'deny', cidr: ids.vpcCidr, ports: [8080, 8080] }),
    );
    const findings = run(naclBlocksTargetTraffic, docs);
    // api (behind web-alb in the public subnets) listens on 8080; orders' internal ALB sits elsewhere.
    expect(findings.map((f) => f.service)).toContain('prod/api');
    const api = findings.find((f) => f.service === 'prod/api')!;
    expect(api.title).toContain(`ALB subnet NACL ${publicAcl} outbound denies them`);
  });

  it('fires on the health-check port alone: health checks are requests too', () => {
    const docs = healthy();
    const tg = docs
      .flatMap((d) => (d.json.TargetGroups as Array<Record<string, unknown>> | undefined) ?? [])
      .find((t) => t.TargetGroupArn === ids.targetGroups.api)!;
    tg.HealthCheckPort = '8081';
    addNaclEntries(
      docs,
      privateAcl,
      naclEntry({
        rule: 90,
        direction: 'inbound',
        action: 'deny',
        cidr: ids.publicRange,
        ports: [8081, 8081],
      }),
    );
    const findings = run(naclBlocksTargetTraffic, docs);
    expect(findings.map((f) => f.service)).toEqual(['prod/api']);
    expect(findings[0]!.explanation).toContain('8081');
  });

  describe('near misses that must not fire', () => {
    it('the same deny numbered after the allow-all (100): the first match already allowed it', () => {
      const docs = healthy();
      addNaclEntries(
        docs,
        privateAcl,
        naclEntry({ rule: 110, direction: 'inbound', action: 'deny', cidr: ids.publicRange, ports: DYNAMIC }),
      );
      expect(run(naclBlocksTargetTraffic, docs)).toEqual([]);
    });

    it('a deny of a source outside the ALB subnets', () => {
      const docs = healthy();
      addNaclEntries(
        docs,
        privateAcl,
        naclEntry({ rule: 90, direction: 'inbound', action: 'deny', cidr: '192.168.0.0/16', ports: DYNAMIC }),
      );
      expect(run(naclBlocksTargetTraffic, docs)).toEqual([]);
    });

    it('an outbound deny of the ALB ephemeral ports in the target subnet cuts replies, not requests', () => {
      // Stateless: the replies leave the target subnet for the ALB's ports 1024-65535 and are the reply
      // rule's (nacl-blocks-return-traffic, the nacl-return-blocked scenario); the requests still get in.
      const docs = healthy();
      addNaclEntries(
        docs,
        privateAcl,
        naclEntry({
          rule: 90,
          direction: 'outbound',
          action: 'deny',
          cidr: ids.publicRange,
          ports: [1024, 65535],
        }),
      );
      expect(run(naclBlocksTargetTraffic, docs)).toEqual([]);
    });
  });

  it('is unknown, not silent, when the NACLs were not captured', () => {
    const findings = run(naclBlocksTargetTraffic, without(healthy(), 'NetworkAcls'));
    expect(unknownsFor(findings, RULE).length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule === 'data-missing')).toBe(true);
  });
});
