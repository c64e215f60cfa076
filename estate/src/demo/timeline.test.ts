import { describe, expect, it } from 'vitest';
import { buildDemoEstate } from './estate.ts';
import { applyScenario } from './scenarios.ts';
import { SCENARIO_NAMES } from './scenarioNames.ts';
import { demoTimeline, estateAtCycle, mulberry32, timelineEntryAt, timelineLength } from './timeline.ts';

describe('mulberry32', () => {
  it('repeats for a seed and differs between seeds', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const seqA = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(seqA);
    expect([c(), c(), c()]).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('demoTimeline', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(demoTimeline(1)).toEqual(demoTimeline(1));
    expect(JSON.stringify(demoTimeline(1))).not.toBe(JSON.stringify(demoTimeline(2)));
  });

  it('starts healthy, opens with dynamic-ports-blocked, alternates incidents and fixes in cycle order', () => {
    for (const seed of [0, 1, 2, 99, 123456]) {
      const entries = demoTimeline(seed);
      expect(entries[0]).toEqual({ atCycle: 0, scenarios: [], note: 'Healthy estate' });
      expect(entries[1]!.scenarios).toEqual(['dynamic-ports-blocked']);
      for (let i = 1; i < entries.length; i++) {
        expect(entries[i]!.atCycle).toBeGreaterThan(entries[i - 1]!.atCycle);
        // odd entries are incidents, even ones their fix (back to healthy)
        expect(entries[i]!.scenarios.length > 0).toBe(i % 2 === 1);
      }
      expect(timelineLength(seed)).toBeGreaterThan(entries.at(-1)!.atCycle);
    }
  });

  it('replays every seed story', () => {
    const used = new Set(demoTimeline(3).flatMap((e) => e.scenarios));
    expect([...used].sort()).toEqual([...SCENARIO_NAMES].sort());
  });
});

describe('estateAtCycle', () => {
  it('is healthy at cycle 0 and matches the scenario in force later', () => {
    const healthy = buildDemoEstate();
    expect(estateAtCycle(1, 0)).toEqual(healthy);
    const incident = demoTimeline(1)[1]!;
    expect(estateAtCycle(1, incident.atCycle)).toEqual(applyScenario(healthy, 'dynamic-ports-blocked'));
    expect(timelineEntryAt(1, incident.atCycle - 1).scenarios).toEqual([]);
  });

  it('wraps around: cycle n and n + length (and negative cycles) give the same state', () => {
    const length = timelineLength(5);
    const incident = demoTimeline(5)[3]!;
    expect(timelineEntryAt(5, incident.atCycle + length)).toEqual(incident);
    expect(timelineEntryAt(5, incident.atCycle + 3 * length)).toEqual(incident);
    expect(timelineEntryAt(5, incident.atCycle - length)).toEqual(incident);
    expect(estateAtCycle(5, length)).toEqual(estateAtCycle(5, 0));
    expect(estateAtCycle(5, incident.atCycle + length)).toEqual(estateAtCycle(5, incident.atCycle));
  });

  it('passes scope options through', () => {
    const docs = estateAtCycle(1, 0, { account: '444455556666', region: 'us-east-1' });
    expect(docs[0]!.file).toContain('accounts/444455556666/us-east-1/');
  });
});
