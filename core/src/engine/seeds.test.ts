// The seed stories, end to end through the engine: each breakage is diagnosed with the right rule,
// the right evidence and a fix; targets get the rule as root cause; the healthy estate stays clean.
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '@porthole/shared';
import { buildDemoEstate } from '@porthole/estate/demo/estate.js';
import { applyScenario, removeKind, type ScenarioName } from '@porthole/estate/demo/scenarios.js';
import { snapshotFromDocuments } from '../../../agent/src/sources/snapshot/index.ts';
import { analyzeSnapshot } from './analyze.ts';
import { explainUrl } from './explain.ts';

function scan(scenario?: ScenarioName) {
  const docs = scenario ? applyScenario(buildDemoEstate(), scenario) : buildDemoEstate();
  return analyzeSnapshot(snapshotFromDocuments(docs));
}

function rulesOf(result: ScanResult) {
  return [...new Set(result.findings.map((f) => f.rule))].sort();
}

function finding(result: ScanResult, rule: string, service?: string) {
  const found = result.findings.find(
    (f) => f.rule === rule && (service === undefined || f.service === service),
  );
  if (!found)
    throw new Error(
      `no ${rule} finding; got ${result.findings.map((f) => `${f.rule}@${f.service}`).join(', ')}`,
    );
  return found;
}

describe('healthy demo estate', () => {
  it('has no findings and every service healthy', () => {
    const { result } = scan();
    expect(result.findings).toEqual([]);
    expect(result.services.length).toBeGreaterThanOrEqual(4);
    expect(result.services.filter((s) => s.status !== 'healthy').map((s) => s.name)).toEqual([]);
    expect(result.targets.every((t) => t.rootCause === null)).toBe(true);
  });
});

describe('seed stories', () => {
  it('dynamic ports blocked: names the SG, the ports the tasks got, the inferred range and the fix', () => {
    const { result } = scan('dynamic-ports-blocked');
    const f = finding(result, 'sg-blocks-dynamic-ports', 'prod/web');
    expect(f.severity).toBe('critical');
    expect(f.explanation).toMatch(/hostPort 0/);
    expect(f.explanation).toMatch(/327\d\d/);
    expect(f.explanation).toMatch(/32768–60999/);
    expect(f.resources[0]).toMatch(/^sg-/);
    expect(f.evidence.some((e) => e.kind === 'security-group-rule' && /8081/.test(e.detail))).toBe(true);
    expect(f.fix.awsCli[0]).toMatch(
      /authorize-security-group-ingress --group-id sg-.*FromPort=32768,ToPort=65535,UserIdGroupPairs=\[\{GroupId=sg-/,
    );
    expect(f.fix.terraform).toMatch(/aws_vpc_security_group_ingress_rule/);
    const web = result.targets.filter((t) => t.service === 'prod/web');
    expect(web.length).toBeGreaterThan(0);
    expect(web.every((t) => t.rootCause === 'sg-blocks-dynamic-ports')).toBe(true);
    expect(result.services.find((s) => s.name === 'prod/web')!.status).toBe('down');
    expect(rulesOf(result)).not.toContain('app-not-listening');
  });

  it('browsing to the container port: explain answers "no listener" with the real chain', () => {
    const { model } = scan();
    const lb = [...model.loadBalancers.values()].find((l) => l.name === 'web-alb')!;
    const path = explainUrl(model, `http://${lb.dnsName}:8081/`, undefined);
    expect(path.reachable).toBe(false);
    const f = path.findings.find((x) => x.rule === 'no-listener-on-port')!;
    expect(f.explanation).toMatch(/listens on 80/);
    expect(f.explanation).toMatch(/listener 80 → target group web-tg → host port \d+ → container web:8081/);
    expect(path.hops.some((h) => h.kind === 'listener' && h.verdict === 'deny')).toBe(true);
  });

  it('explain on the real port of a healthy estate is reachable, hop by hop', () => {
    const { model } = scan();
    const lb = [...model.loadBalancers.values()].find((l) => l.name === 'web-alb')!;
    const path = explainUrl(model, `http://${lb.dnsName}/`, undefined);
    expect(path.hops.filter((h) => h.verdict !== 'allow')).toEqual([]);
    expect(path.reachable).toBe(true);
    expect(path.hops.map((h) => h.kind)).toContain('security-group');
    expect(path.hops.map((h) => h.kind)).toContain('container');
  });

  it('bastion behind an SG reference calls an internet-facing ALB: the rule never matches', () => {
    const { result, model } = scan('alb-sg-reference-bastion');
    const f = finding(result, 'sg-reference-public-ip');
    expect(f.severity).toBe('critical');
    expect(f.explanation).toMatch(/private IPs/);
    const bastion = [...model.instances.values()].find(
      (i) => i.PublicIpAddress && (i.Tags ?? []).some((t) => /bastion/i.test(t.Value ?? '')),
    )!;
    const lb = [...model.loadBalancers.values()].find((l) => l.name === 'web-alb')!;
    const path = explainUrl(model, `http://${lb.dnsName}/`, bastion.InstanceId);
    expect(path.reachable).toBe(false);
    expect(path.findings.map((x) => x.rule)).toContain('sg-reference-public-ip');
  });

  it('NACL dropping return traffic', () => {
    const { result } = scan('nacl-return-blocked');
    const f = finding(result, 'nacl-blocks-return-traffic', 'prod/web');
    expect(f.resources[0]).toMatch(/^acl-/);
    expect(f.evidence.some((e) => /deny/.test(e.detail) && /1024-65535/.test(e.detail))).toBe(true);
    expect(f.fix.awsCli[0]).toMatch(/network-acl-entry .*--egress/);
    expect(
      result.targets
        .filter((t) => t.service === 'prod/web')
        .every((t) => t.rootCause === 'nacl-blocks-return-traffic'),
    ).toBe(true);
  });

  it('ALB egress restricted to 443', () => {
    const { result } = scan('alb-egress-restricted');
    expect(finding(result, 'alb-sg-egress-blocks-targets', 'prod/web').fix.awsCli[0]).toMatch(
      /authorize-security-group-egress/,
    );
  });

  it('awsvpc task SG open on the wrong port', () => {
    const { result } = scan('api-task-sg-wrong-port');
    const f = finding(result, 'sg-blocks-target-port', 'prod/api');
    expect(f.fix.awsCli[0]).toMatch(/FromPort=8080,ToPort=8080/);
  });

  it('health-check path answering 404', () => {
    const { result } = scan('health-check-404');
    const f = finding(result, 'health-check-mismatch', 'prod/web');
    expect(f.title).toMatch(/404/);
    expect(f.resources[0]).toMatch(/targetgroup\/web-tg/);
  });

  it('AZ disabled on the ALB', () => {
    const { result } = scan('az-disabled');
    const f = finding(result, 'target-az-not-enabled');
    expect(f.resources[0]).toMatch(/loadbalancer\/app\/web-alb/);
    expect(f.fix.awsCli[0]).toMatch(/set-subnets/);
  });

  it('target group attached to nothing', () => {
    const { result } = scan('target-group-orphaned');
    expect(finding(result, 'target-group-not-routed', 'prod/admin').resources[0]).toMatch(
      /targetgroup\/admin-tg/,
    );
  });

  it('every hop open but the app does not answer: app-not-listening, by elimination only', () => {
    const { result } = scan('app-not-listening');
    const f = finding(result, 'app-not-listening', 'prod/web');
    expect(f.explanation).toMatch(/127\.0\.0\.1/);
    expect(
      result.targets
        .filter((t) => t.service === 'prod/web')
        .every((t) => t.rootCause === 'app-not-listening'),
    ).toBe(true);
  });
});

describe('missing data is unknown, never healthy', () => {
  it('without NACLs, path rules answer unknown and name the missing key', () => {
    const { result } = analyzeSnapshot(
      snapshotFromDocuments(removeKind(applyScenario(buildDemoEstate(), 'app-not-listening'), 'NetworkAcls')),
    );
    const unknown = result.findings.filter((f) => f.rule === 'data-missing');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.some((f) => f.evidence.some((e) => /NetworkAcls missing/.test(e.detail)))).toBe(true);
    expect(rulesOf(result)).not.toContain('app-not-listening');
  });

  it('without target health, services are unknown', () => {
    const { result } = analyzeSnapshot(
      snapshotFromDocuments(removeKind(buildDemoEstate(), 'LoadBalancerTargetHealth')),
    );
    const web = result.services.find((s) => s.name === 'prod/web')!;
    expect(web.status).toBe('unknown');
    expect(web.why).toMatch(/LoadBalancerTargetHealth missing/);
  });
});
