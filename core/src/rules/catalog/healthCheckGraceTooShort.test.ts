import { describe, expect, it } from 'vitest';
import { healthCheckGraceTooShort, proposedGrace } from './healthCheckGraceTooShort.ts';
import { analyzeSnapshot } from '../../engine/analyze.ts';
import { snapshotFromDocuments } from '../../../../agent/src/sources/snapshot/index.ts';
import {
  healthy,
  ids,
  run,
  scenario,
  serviceJson,
  unknownsFor,
  without,
} from '../../../test-kit/ruleTestKit.ts';

const RULE = 'health-check-grace-too-short';
const WEB_ARN = `arn:aws:ecs:${ids.region}:${ids.account}:service/prod/web`;

describe('proposedGrace', () => {
  it('covers the observed start plus the time to turn healthy, rounded up to 30 s', () => {
    expect(proposedGrace(0, 60, 150, 100)).toBe(270);
    expect(proposedGrace(0, 60, 150, null)).toBe(210);
    expect(proposedGrace(0, 10, 10, null)).toBe(60);
  });
});

describe('health-check-grace-too-short', () => {
  it('fires on grace-too-short with the stopped tasks as evidence and a computed grace period', () => {
    const [f, ...rest] = run(healthCheckGraceTooShort, scenario('grace-too-short'));
    expect(rest).toEqual([]);
    expect(f!.rule).toBe(RULE);
    expect(f!.service).toBe('prod/web');
    expect(f!.severity).toBe('warning');
    expect(f!.resources.slice(0, 2)).toEqual([WEB_ARN, ids.targetGroups.web]);
    expect(f!.evidence).toContainEqual({
      kind: 'config',
      component: WEB_ARN,
      detail: 'healthCheckGracePeriodSeconds 0',
    });
    const stops = f!.evidence.filter((e) => e.kind === 'task');
    expect(stops).toHaveLength(2);
    expect(stops[0]!.detail).toMatch(/Task failed ELB health checks in \(target-group .*\) — ran \d+ s$/);
    expect(f!.evidence.some((e) => e.kind === 'service-event' && e.detail.includes('is unhealthy in'))).toBe(
      true,
    );
    // web-tg: 30 s interval, unhealthy 2, healthy 5; the tasks were stopped 100 s after they started.
    expect(f!.fix.awsCli).toEqual([
      `aws ecs update-service --cluster prod --service web --health-check-grace-period-seconds 270 --region ${ids.region}`,
    ]);
    expect(f!.fix.terraform).toContain('health_check_grace_period_seconds = 270');
    // The replacements still failing their first checks are the targets it explains.
    expect(f!.targets.map((t) => t.port).sort()).toEqual([32776, 32777]);
  });

  it('is the root cause of the failing targets in a full scan', () => {
    const docs = scenario('grace-too-short');
    const { result } = analyzeSnapshot(snapshotFromDocuments(docs));
    const failing = result.targets.filter((t) => t.state !== 'healthy');
    expect(failing.map((t) => t.rootCause)).toEqual([RULE, RULE]);
  });

  it('is critical when the service runs fewer tasks than desired', () => {
    const docs = scenario('grace-too-short');
    serviceJson(docs, 'web').runningCount = 2;
    expect(run(healthCheckGraceTooShort, docs)[0]!.severity).toBe('critical');
  });

  it('stays silent when the grace period already covers the start', () => {
    const docs = scenario('grace-too-short');
    serviceJson(docs, 'web').healthCheckGracePeriodSeconds = 300;
    expect(run(healthCheckGraceTooShort, docs)).toEqual([]);
  });

  it('stays silent on the healthy estate', () => {
    expect(run(healthCheckGraceTooShort, healthy())).toEqual([]);
  });

  it('stays silent when a blocked network path explains the failures', () => {
    const docs = scenario('grace-too-short');
    const blocked = scenario('dynamic-ports-blocked');
    const sgs = (d: typeof docs) => d.find((x) => Array.isArray(x.json.SecurityGroups))!;
    sgs(docs).json.SecurityGroups = sgs(blocked).json.SecurityGroups;
    expect(run(healthCheckGraceTooShort, docs)).toEqual([]);
  });

  it('answers unknown when the target group is missing', () => {
    const findings = run(healthCheckGraceTooShort, without(scenario('grace-too-short'), 'TargetGroups'));
    const unknown = unknownsFor(findings, RULE);
    expect(unknown.map((f) => f.service)).toEqual(['prod/web']);
    expect(unknown[0]!.evidence[0]!.detail).toContain('TargetGroups missing');
  });

  it('answers unknown for load-balanced services when tasks were not captured', () => {
    const findings = run(healthCheckGraceTooShort, without(healthy(), 'tasks'));
    expect(
      unknownsFor(findings, RULE)
        .map((f) => f.service)
        .sort(),
    ).toEqual(['ops/orders', 'prod/admin', 'prod/api', 'prod/web']);
  });
});
