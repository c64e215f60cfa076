// The verdict rows from the worker: whatever changed between two cycles, the daemon rebuilds exactly the
// worker's rows from its own copy of the committed ones, and only changed or new rows travel in full.
import fc from 'fast-check';
import type { ScanResult, ServiceVerdict, TargetVerdict } from '@porthole/shared';
import { describe, expect, it } from 'vitest';
import type { CycleAnalysis } from './analyzer.ts';
import { verdictDelta } from './cyclePublish.ts';
import { fromWire, toWire } from './verdictRows.ts';

const target = (id: number, state: string): TargetVerdict => ({
  targetGroupArn: 'arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/web/0123456789abcdef',
  id: `10.0.0.${id}`,
  port: 8080,
  availabilityZone: 'eu-west-1a',
  state,
  reason: state === 'healthy' ? null : 'Target.Timeout',
  description: null,
  service: 'prod/web',
  rootCause: null,
});
const service = (name: string, status: ServiceVerdict['status']): ServiceVerdict => ({
  name: `prod/${name}`,
  cluster: 'prod',
  service: name,
  arn: `arn:aws:ecs:eu-west-1:111111111111:service/prod/${name}`,
  account: '111111111111',
  region: 'eu-west-1',
  status,
  desiredCount: 2,
  runningCount: 2,
  targetCounts: {},
  targetsTotal: 0,
  targetsHealthy: 0,
  topFinding: null,
  why: status,
  findingIds: [],
});

const cycleArb = fc.record({
  targets: fc.uniqueArray(
    fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom('healthy', 'unhealthy')),
    {
      selector: ([id]) => id,
      maxLength: 30,
    },
  ),
  services: fc.uniqueArray(
    fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.constantFrom('healthy', 'down')),
    {
      selector: ([n]) => n,
    },
  ),
});

type Cycle = { targets: [number, string][]; services: [string, string][] };
const scan = (c: Cycle): ScanResult => ({
  schemaVersion: 1,
  findings: [],
  warnings: [],
  targets: c.targets.map(([id, state]) => target(id, state)),
  services: c.services.map(([n, s]) => service(n, s as ServiceVerdict['status'])),
});

describe('verdict rows between the worker and the daemon', () => {
  it('rebuild the worker’s rows exactly; unchanged rows travel as indexes', () => {
    fc.assert(
      fc.property(cycleArb, cycleArb, (before, after) => {
        const committed = scan(before);
        const result = scan(after);
        const verdicts = verdictDelta(committed, result);
        const analysis: CycleAnalysis = { result, changes: [], facts: { upsert: {}, remove: [] }, verdicts };
        // Each side has its own copy of the committed rows (a structured clone apart).
        const wire = structuredClone(toWire(analysis, committed));
        expect(fromWire(wire, structuredClone(committed))).toEqual(analysis);
        const full = wire.result.targets.filter((t) => typeof t !== 'number').length;
        expect(full).toBe(verdicts.targets.upsert.length);
      }),
    );
  });

  it('sends every row in full without committed rows, and refuses an index it cannot resolve', () => {
    const result = scan({ targets: [[1, 'healthy']], services: [['a', 'healthy']] });
    const analysis: CycleAnalysis = { result, changes: [], facts: { upsert: {}, remove: [] } };
    expect(toWire(analysis, null)).toEqual(analysis);
    const wire = { ...analysis, result: { ...result, targets: [0] } };
    expect(() => fromWire(wire, null)).toThrow(/verdict row 0 is not among the committed verdicts/);
  });
});
