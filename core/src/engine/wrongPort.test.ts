// The wrong-port story: `explain http://<alb>:8081/` (8081 is the container port; the ALB listens on 80). The
// answer changes the caller: "call :80", the chain to the container, no AWS command, and no second SG finding.
import { describe, expect, it } from 'vitest';
import { PathResultSchema } from '@porthole/shared';
import { healthy, ids, modelOf } from '../../test-kit/ruleTestKit.ts';
import { explainUrl } from './explain.ts';

const web = ids.loadBalancers.web;

describe('explain of the container port', () => {
  const result = PathResultSchema.parse(
    explainUrl(modelOf(healthy()), `http://${web.dnsName}:8081/`, undefined),
  );
  const finding = result.findings[0]!;

  it('answers with one finding, no-listener-on-port, whose headline says use :80', () => {
    expect(result.verdict).toBe('blocked');
    expect(result.findings.map((f) => f.rule)).toEqual(['no-listener-on-port']);
    expect(finding.title).toMatch(/use :80$/);
    expect(result.summary).toMatch(/use :80/);
  });

  it('fixes the caller: call http://<alb>:80/ with the chain to container port 8081, and no AWS command', () => {
    expect(finding.fix.summary).toContain(`http://${web.dnsName}:80/`);
    expect(finding.fix.summary).toMatch(
      /listener 80 → target group web-tg → host port \d+ → container web:8081/,
    );
    expect(finding.fix.awsCli).toEqual([]);
    expect(finding.fix.terraform).toBe('');
  });

  it('offers a listener and an SG rule only under "if you really need clients on 8081", never to 0.0.0.0/0', () => {
    const [alt] = finding.fix.alternatives ?? [];
    expect(alt?.when).toBe('if you really need clients on 8081');
    expect(
      alt?.awsCli.some((c) => c.startsWith('aws elbv2 create-listener') && c.includes('--port 8081')),
    ).toBe(true);
    expect(alt?.awsCli.join(' ')).not.toContain('0.0.0.0/0');
    expect(alt?.terraform).not.toContain('0.0.0.0/0');
  });

  it('folds the ALB SG refusing 8081 into the finding as evidence, not a second finding', () => {
    expect(result.findings.some((f) => f.rule === 'sg-blocks-ingress')).toBe(false);
    expect(result.hops.some((h) => h.component === ids.sgs.alb && h.verdict === 'deny')).toBe(true);
    expect(
      finding.evidence.some((e) => e.kind === 'security-group-rule' && e.component === ids.sgs.alb),
    ).toBe(true);
    expect(finding.services).toEqual(['prod/admin', 'prod/api', 'prod/web']);
  });

  it('on the listener port the same URL is reachable and has no finding', () => {
    const ok = explainUrl(modelOf(healthy()), `http://${web.dnsName}:80/`, undefined);
    expect(ok.verdict).toBe('reachable');
    expect(ok.findings).toEqual([]);
  });
});
