// sg-blocks-health-check-port fires when a target group checks health on a port other than the traffic port
// and the ALB cannot reach that port. Health checks go to HealthCheckPort; `traffic-port` (the default) means
// the port each target receives traffic on, i.e. the target's registered port (ELB API reference, TargetGroup
// HealthCheckPort; ALB guide, "Health checks for your target groups" and "Target security groups").
import { describe, expect, it } from 'vitest';
import { sgBlocksHealthCheckPort } from './sgBlocksHealthCheckPort.ts';
import { find, healthy, ids, run, type EstateDocuments } from '../../../test-kit/ruleTestKit.ts';
import { groupPermission, securityGroupJson } from '../../../test-kit/networkEdits.ts';

const RULE = 'sg-blocks-health-check-port';

/** Sets HealthCheckPort as describe-target-groups prints it, and what describe-target-health then reports. */
function checkHealthOn(docs: EstateDocuments, tgArn: string, port: string, failing: boolean): void {
  find(docs, 'TargetGroups', (t) => t.TargetGroupArn === tgArn).HealthCheckPort = port;
  // The snapshot folder keeps describe-target-health per group under LoadBalancerTargetHealth.
  const group = find(docs, 'LoadBalancerTargetHealth', (g) => g.TargetGroupArn === tgArn);
  for (const d of group.TargetHealthDescriptions as Array<Record<string, unknown>>) {
    const target = d.Target as { Port: number };
    d.HealthCheckPort = port === 'traffic-port' ? String(target.Port) : port;
    if (failing)
      d.TargetHealth = { State: 'unhealthy', Reason: 'Target.Timeout', Description: 'Request timed out' };
  }
}

describe(RULE, () => {
  it('fires when api-tg checks 8081 and the task SG admits only the traffic port 8080', () => {
    const docs = healthy();
    checkHealthOn(docs, ids.targetGroups.api, '8081', true);
    const findings = run(sgBlocksHealthCheckPort, docs);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.rule).toBe(RULE);
    expect(f!.service).toBe('prod/api');
    expect(f!.resources[0]).toBe(ids.sgs.apiTasks);
    expect(f!.resources).toEqual(expect.arrayContaining([ids.targetGroups.api, ids.loadBalancers.web.arn]));
    expect(f!.title).toContain('health checks cannot reach port 8081');
    expect(f!.explanation).toContain('not on the traffic port 8080');
    expect(f!.targets.every((t) => t.targetGroupArn === ids.targetGroups.api && t.port === 8080)).toBe(true);
    expect(f!.explanation).toContain('Target.Timeout');
    expect(f!.evidence[0]).toMatchObject({
      kind: 'config',
      detail: 'HealthCheckPort 8081, traffic port 8080',
    });
    // Allow the health-check port from the ALB's security group (the AWS guidance), on the task SG.
    const cli = f!.fix.awsCli.join('\n');
    expect(cli).toContain(`authorize-security-group-ingress --group-id ${ids.sgs.apiTasks}`);
    expect(cli).toContain('FromPort=8081,ToPort=8081');
    expect(cli).toContain(ids.sgs.alb);
  });

  it('fires when a bridge target group checks a fixed port outside the dynamic range the instance SG admits', () => {
    const docs = healthy();
    // web-tg's port is 80, but its bridge targets are registered on host ports 32768+; a fixed 80 is not open.
    checkHealthOn(docs, ids.targetGroups.web, '80', true);
    const findings = run(sgBlocksHealthCheckPort, docs);
    expect(findings.map((f) => [f.service, f.resources[0]])).toEqual([['prod/web', ids.sgs.ecsInstances]]);
    expect(findings[0]!.title).toContain('port 80');
  });

  it("fires on the ALB's own egress when it allows the traffic port but not the health-check port", () => {
    const docs = healthy();
    checkHealthOn(docs, ids.targetGroups.api, '8081', true);
    securityGroupJson(docs, ids.sgs.apiTasks).IpPermissions = [
      groupPermission([8080, 8081], ids.sgs.alb, ids.account),
    ];
    // SGs are stateful, so egress matters only for connections the ALB opens: to the targets.
    securityGroupJson(docs, ids.sgs.alb).IpPermissionsEgress = [
      groupPermission([1, 8080], ids.sgs.apiTasks, ids.account),
      groupPermission([32768, 65535], ids.sgs.ecsInstances, ids.account),
    ];
    const findings = run(sgBlocksHealthCheckPort, docs);
    expect(findings.map((f) => f.resources[0])).toEqual([ids.sgs.alb]);
    expect(findings[0]!.fix.awsCli.join('\n')).toContain(
      `authorize-security-group-egress --group-id ${ids.sgs.alb}`,
    );
  });

  describe('near misses that must not fire', () => {
    it('traffic-port on a bridge target group checks each target’s host port, not the group port 80', () => {
      const docs = healthy();
      checkHealthOn(docs, ids.targetGroups.web, 'traffic-port', false);
      expect(securityGroupJson(docs, ids.sgs.ecsInstances).IpPermissions).toEqual([
        expect.objectContaining({ FromPort: 32768, ToPort: 65535 }),
      ]);
      expect(run(sgBlocksHealthCheckPort, docs)).toEqual([]);
    });

    it('a separate health-check port that the task SG admits', () => {
      const docs = healthy();
      checkHealthOn(docs, ids.targetGroups.api, '8081', false);
      securityGroupJson(docs, ids.sgs.apiTasks).IpPermissions = [
        groupPermission([8080, 8081], ids.sgs.alb, ids.account),
      ];
      expect(run(sgBlocksHealthCheckPort, docs)).toEqual([]);
    });

    it('an explicit HealthCheckPort equal to a blocked traffic port is the traffic rule’s finding', () => {
      const docs = healthy();
      checkHealthOn(docs, ids.targetGroups.api, '8080', true);
      securityGroupJson(docs, ids.sgs.apiTasks).IpPermissions = [
        groupPermission([80, 80], ids.sgs.alb, ids.account),
      ];
      expect(run(sgBlocksHealthCheckPort, docs)).toEqual([]);
    });
  });
});
