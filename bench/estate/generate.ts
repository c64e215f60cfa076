// The benchmark estate: `units` VPCs spread over accounts, each planned from the seed. Deterministic: the same
// size and seed always give byte-identical files. Written unit by unit so even L never sits in memory whole.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { intOf } from '@porthole/estate/demo/hash.js';
import { unitDocuments, type EstateDocument } from './documents.ts';
import { EXPECTED_RULE } from './failures.ts';
import type { UnitPlan } from './plan.ts';
import { SIZES, type SizeName } from './sizes.ts';
import { planUnit, type UnitAddress } from './unit.ts';

/** Bumped whenever the generator's output changes, so cached estates are regenerated. */
export const GENERATOR_VERSION = 4;
const REGIONS = ['eu-west-1', 'us-east-1'];
/** Hidden, so the snapshot reader skips it (it ignores dot files). */
export const MANIFEST_FILE = '.manifest.json';

export function unitAddresses(size: SizeName, seed: number): UnitAddress[] {
  const spec = SIZES[size];
  const accounts = Array.from({ length: spec.accounts }, (_, i) => ({
    account: String(intOf(`bench/${seed}/account/${i}`, 100_000_000_000, 999_999_999_999)),
    region: REGIONS[i % REGIONS.length]!,
  }));
  return Array.from({ length: spec.units }, (_, index) => ({
    seed,
    index,
    ...accounts[index % accounts.length]!,
  }));
}

export function planEstate(size: SizeName, seed: number): UnitPlan[] {
  return unitAddresses(size, seed).map((at) => planUnit(at));
}

export function estateDocuments(plans: readonly UnitPlan[]): EstateDocument[] {
  return plans.flatMap(unitDocuments);
}

export interface Manifest {
  generatorVersion: number;
  size: SizeName;
  seed: number;
  files: number;
  bytes: number;
  /** failure mode → { units or services it hit, the rule it should raise } */
  failures: Record<string, { count: number; expectedRule: string }>;
}

export function failureSummary(plans: readonly UnitPlan[]): Manifest['failures'] {
  const out: Manifest['failures'] = {};
  for (const f of plans.flatMap((p) => p.failures)) {
    const entry = (out[f.mode] ??= {
      count: 0,
      expectedRule: EXPECTED_RULE[f.mode as keyof typeof EXPECTED_RULE],
    });
    entry.count += 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Writes the estate into `dir` (created; must be empty). JSON indented by 4, as the AWS CLI prints it. */
export async function writeEstate(dir: string, size: SizeName, seed: number): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new Error(`${dir}: folder is not empty`);
  const plans = planEstate(size, seed);
  let files = 0;
  let bytes = 0;
  for (const plan of plans) {
    for (const doc of unitDocuments(plan)) {
      const full = path.join(dir, ...doc.file.split('/'));
      const text = JSON.stringify(doc.json, null, 4) + '\n';
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, text, 'utf8');
      files += 1;
      bytes += Buffer.byteLength(text);
    }
  }
  const manifest: Manifest = {
    generatorVersion: GENERATOR_VERSION,
    size,
    seed,
    files,
    bytes,
    failures: failureSummary(plans),
  };
  await writeFile(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', 'utf8');
  return manifest;
}
