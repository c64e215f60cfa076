import { describe, expect, it } from 'vitest';
import type { BenchJson } from './measure/types.ts';
import { checkLinearGrowth, checkTargets } from './targets.ts';

type Figures = Omit<BenchJson, 'checks'>;
const L: Figures = {
  size: 'L',
  services: 2000,
  tasks: 20000,
  targetGroups: 1000,
  securityGroups: 5000,
  targets: 12896,
  loadMs: 2313,
  parseFloorMs: 550,
  analysisMs: 1772,
  incrementalMs: 1407,
  peakRssMb: 576,
  apiCallsPerCycle: 4376,
  apiCallFloor: 4372,
  daemonCycleMs: 5584,
  daemonRssMb: 1654,
  apiP99Ms: 49.9,
  wallFirstPaintMs: null,
  notes: [],
};
const byFigure = (checks: ReturnType<typeof checkTargets>) =>
  Object.fromEntries(checks.map((c) => [c.figure, c]));

describe('the issue targets', () => {
  it("checks the issue's L figures: missed ones with how far over, met ones with their headroom", () => {
    const c = byFigure(checkTargets(L));
    expect(c.analysisMs).toMatchObject({ status: 'missed', limit: 500, ratio: 3.544 });
    expect(c.loadMs).toMatchObject({ status: 'missed', limit: 825, ratio: 2.804 });
    expect(c.apiCallsPerCycle).toMatchObject({ status: 'met', limit: 4809.2 });
    expect(c.apiP99Ms).toMatchObject({ status: 'met', ratio: 0.998 });
  });

  it('a figure not measured is unmeasured, never met', () => {
    const c = byFigure(checkTargets({ ...L, apiCallsPerCycle: null, apiCallFloor: null }));
    expect(c.wallFirstPaintMs!.status).toBe('unmeasured');
    expect(c.apiCallsPerCycle!.status).toBe('unmeasured');
  });

  it('"< limit" targets miss at the limit itself, "≤" targets meet it', () => {
    const c = byFigure(checkTargets({ ...L, analysisMs: 500, loadMs: 825 }));
    expect(c.analysisMs!.status).toBe('missed');
    expect(c.loadMs!.status).toBe('met');
  });
});

describe('XL grows no worse than linearly from L', () => {
  const scale = 64480 / L.targets;
  it('meets when every figure grew at most with the targets, misses the one that grew faster', () => {
    const xl: Figures = {
      ...L,
      size: 'XL',
      targets: 64480,
      loadMs: L.loadMs * scale,
      analysisMs: L.analysisMs * scale * 0.9,
      incrementalMs: L.incrementalMs * scale * 1.3,
      peakRssMb: L.peakRssMb * 2,
      daemonCycleMs: L.daemonCycleMs! * scale,
      daemonRssMb: null,
    };
    const c = byFigure(checkLinearGrowth(L, xl));
    expect(c['analysisMs per target, XL vs L']).toMatchObject({ status: 'met', ratio: 0.9 });
    expect(c['incrementalMs per target, XL vs L']).toMatchObject({ status: 'missed', ratio: 1.3 });
    expect(c['peakRssMb per target, XL vs L']!.status).toBe('met');
    expect(c['loadMs per target, XL vs L']!.status).toBe('met');
    expect(c['daemonRssMb per target, XL vs L']!.status).toBe('unmeasured');
  });
});
