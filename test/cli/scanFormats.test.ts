// `porthole scan --format sarif|github` through the real entry point: same exit codes as the text report.
import { describe, expect, it } from 'vitest';
import { porthole } from './runPorthole.ts';
import { sarifValidator } from '../schemas/sarifSchema.ts';

describe('porthole scan --format', () => {
  it('sarif: a schema-valid log located in the snapshot folder; exit 1 on critical findings', async () => {
    const r = await porthole(
      'scan',
      '--snapshot',
      'test/fixtures/dynamic-ports-blocked',
      '--format',
      'sarif',
    );
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifValidator()(log)).toEqual([]);
    const results = log.runs[0].results as { ruleId: string; level: string; locations: unknown[] }[];
    expect(results.map((x) => [x.ruleId, x.level])).toEqual([
      ['sg-blocks-dynamic-ports', 'error'],
      ['sg-blocks-dynamic-ports', 'error'],
    ]);
    expect(results[0]!.locations[0]).toMatchObject({
      physicalLocation: { artifactLocation: { uri: 'test/fixtures/dynamic-ports-blocked/' } },
      logicalLocations: [{ name: 'sg-06e567583ad465baa', kind: 'security-group' }],
    });
  });

  it('sarif on the healthy estate: no results, exit 0', async () => {
    const r = await porthole('scan', '--snapshot', 'test/fixtures/healthy', '--format', 'sarif');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).runs[0].results).toEqual([]);
  });

  it('github: an ::error annotation per critical finding, exit 1', async () => {
    const r = await porthole(
      'scan',
      '--snapshot',
      'test/fixtures/dynamic-ports-blocked',
      '--format',
      'github',
    );
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error title='))).toHaveLength(2);
    expect(lines.at(-1)).toBe('porthole: 2 critical, 0 warning, 0 info findings across 5 services');
  });

  it('github: warnings become ::warning annotations, exit 0 without critical findings', async () => {
    const r = await porthole(
      'scan',
      '--snapshot',
      'test/fixtures/overly-open-instance-sg',
      '--format',
      'github',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^::warning title=.*\(overly-open-dynamic-ports\)::/m);
    expect(r.stdout).not.toMatch(/^::error/m);
  });

  it('an unknown format, or --json with another format, is bad usage (exit 2)', async () => {
    const bad = await porthole('scan', '--snapshot', 'test/fixtures/healthy', '--format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format.*xml.*text, json, sarif, github/);
    const both = await porthole('scan', '--snapshot', 'test/fixtures/healthy', '--json', '--format', 'sarif');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--json and --format sarif/);
    expect(both.stdout).toBe('');
  });

  it('--format json is --json', async () => {
    const a = await porthole('scan', '--snapshot', 'test/fixtures/healthy', '--format', 'json');
    const b = await porthole('scan', '--snapshot', 'test/fixtures/healthy', '--json');
    expect(a.code).toBe(0);
    // The two runs read the folder at different instants: a folder without capture times dates its
    // data by the read, so only that stamp may differ.
    const readTime = /"dataFrom": "[^"]+"/g;
    expect(a.stdout.replace(readTime, '')).toBe(b.stdout.replace(readTime, ''));
  });
});
