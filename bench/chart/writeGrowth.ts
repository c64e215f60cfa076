// `--chart`: the growth chart (SVG) and the figures behind it (JSON), written next to each other.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from '../machine.ts';
import type { BenchJson } from '../measure/types.ts';
import type { TargetCheck } from '../targets.ts';
import { growthChart } from './growth.ts';

export interface GrowthFile {
  seed: number;
  machine: Machine;
  sizes: BenchJson[];
  /** "XL grows no worse than linearly from L", when both were measured. */
  linearFromL: TargetCheck[] | null;
  /** Sizes that did not finish, and why. */
  failed: Array<{ size: string; error: string }>;
}

export function writeGrowth(dir: string, growth: GrowthFile): { svg: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const svg = path.join(dir, 'growth.svg');
  const json = path.join(dir, 'growth.json');
  const m = growth.machine;
  const caption =
    `seed ${growth.seed}, commit ${m.commit}, ${m.cores} cores (load average ${m.loadAverage[0]} at the start), ` +
    `node ${m.node}; dashed red: the issue's target at L; dotted grey: linear growth from L`;
  const points = growth.sizes.map((s) => ({
    size: s.size,
    targets: s.targets,
    analysisMs: s.analysisMs,
    incrementalMs: s.incrementalMs,
    peakRssMb: s.peakRssMb,
  }));
  writeFileSync(svg, growthChart(points, caption));
  writeFileSync(json, JSON.stringify(growth, null, 2) + '\n');
  return { svg, json };
}
