// alb-sg-blocks-listener fires when no ingress rule of the ALB's security groups admits its clients on a
// listener port. SGs are stateful (ALB guide, "Security groups for your Application Load Balancer"; VPC guide,
// "Security group rules"): allow rules only, and replies to admitted requests pass whatever egress says.
import { describe, expect, it } from 'vitest';
import { albSgBlocksListener } from './albSgBlocksListener.ts';
import { healthy, ids, run, unknownsFor, without } from '../../../test-kit/ruleTestKit.ts';
import { groupPermission, ipPermission, securityGroupJson } from '../../../test-kit/networkEdits.ts';

const RULE = 'alb-sg-blocks-listener';
const web = ids.loadBalancers.web;
const orders = ids.loadBalancers.orders;

describe(RULE, () => {
  it('fires when the internet-facing ALB SG admits 443 but not the listener port 80', () => {
    const docs = healthy();
    securityGroupJson(docs, ids.sgs.alb).IpPermissions = [ipPermission('tcp', [443, 443], ['0.0.0.0/0'])];
    const findings = run(albSgBlocksListener, docs);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.rule).toBe(RULE);
    expect(f!.severity).toBe('critical');
    expect(f!.resources.slice(0, 3)).toEqual([ids.sgs.alb, web.arn, web.listener80Arn]);
    expect(f!.title).toContain(':80');
    expect(f!.explanation).toContain('from the internet');
    expect(f!.evidence.map((e) => e.kind)).toEqual(['listener', 'security-group-rule']);
    // The fix opens exactly the listener port on the ALB's SG, for a client range the operator fills in.
    expect(f!.fix.awsCli).toHaveLength(1);
    expect(f!.fix.awsCli[0]).toContain(`authorize-security-group-ingress --group-id ${ids.sgs.alb}`);
    expect(f!.fix.awsCli[0]).toContain('IpProtocol=tcp,FromPort=80,ToPort=80');
  });

  it('fires when the SG has no ingress rule at all', () => {
    const docs = healthy();
    securityGroupJson(docs, ids.sgs.alb).IpPermissions = [];
    expect(run(albSgBlocksListener, docs).map((f) => f.resources[2])).toEqual([web.listener80Arn]);
  });

  it('fires for the internal ALB when its SG admits a range outside its VPC', () => {
    const docs = healthy();
    securityGroupJson(docs, ids.sgs.ordersAlb).IpPermissions = [
      ipPermission('tcp', [80, 80], ['192.168.0.0/16']),
    ];
    const findings = run(albSgBlocksListener, docs);
    expect(findings.map((f) => f.resources[1])).toEqual([orders.arn]);
    expect(findings[0]!.explanation).toContain(`the VPC (${ids.vpcCidr})`);
  });

  describe('near misses that must not fire', () => {
    it('a port range covering the listener port admits it', () => {
      const docs = healthy();
      securityGroupJson(docs, ids.sgs.alb).IpPermissions = [ipPermission('tcp', [0, 1023], ['0.0.0.0/0'])];
      expect(run(albSgBlocksListener, docs)).toEqual([]);
    });

    it('protocol -1 (all traffic) admits every port', () => {
      const docs = healthy();
      securityGroupJson(docs, ids.sgs.alb).IpPermissions = [ipPermission('-1', null, ['0.0.0.0/0'])];
      expect(run(albSgBlocksListener, docs)).toEqual([]);
    });

    it('an SG with no egress rule still answers clients: SGs are stateful', () => {
      const docs = healthy();
      securityGroupJson(docs, ids.sgs.alb).IpPermissionsEgress = [];
      expect(run(albSgBlocksListener, docs)).toEqual([]);
    });

    it('admitting only part of the clients (an office range) is a choice, not a block', () => {
      const docs = healthy();
      securityGroupJson(docs, ids.sgs.alb).IpPermissions = [
        ipPermission('tcp', [80, 80], ['203.0.113.0/24']),
        ipPermission('tcp', [443, 443], ['0.0.0.0/0']),
      ];
      expect(run(albSgBlocksListener, docs)).toEqual([]);
    });

    it('a rule admitting another SG on the port is left to sg-reference-public-ip', () => {
      const docs = healthy();
      securityGroupJson(docs, ids.sgs.alb).IpPermissions = [
        groupPermission([80, 80], ids.sgs.bastion, ids.account),
      ];
      expect(run(albSgBlocksListener, docs)).toEqual([]);
    });

    it('the internal ALB admitting a range that holds its VPC', () => {
      const docs = healthy();
      securityGroupJson(docs, ids.sgs.ordersAlb).IpPermissions = [
        ipPermission('tcp', [80, 80], ['10.0.0.0/8']),
      ];
      expect(run(albSgBlocksListener, docs)).toEqual([]);
    });
  });

  it('is unknown, not silent, when the security groups were not captured', () => {
    const findings = run(albSgBlocksListener, without(healthy(), 'SecurityGroups'));
    expect(unknownsFor(findings, RULE).length).toBeGreaterThan(0);
    expect(findings.every((f) => f.rule === 'data-missing')).toBe(true);
  });
});
