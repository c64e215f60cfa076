// SARIF output: valid against the official OASIS 2.1.0 schema, one result per finding, faithful fields.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_IDS, type Finding } from '@porthole/shared';
import { sarifValidator } from '../../../../test/schemas/sarifSchema.ts';
import { analyzeSnapshot } from '@porthole/core/engine/analyze.js';
import { readSnapshotFolder } from '../../sources/snapshot/index.ts';
import { scanResultArb } from '../../../test-kit/findingArbitrary.ts';
import { describeResource } from './resourceKind.ts';
import { SARIF_LEVEL, toSarif } from './sarif.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'test', 'fixtures');
const validate = sarifValidator();
const LEVEL = { critical: 'error', warning: 'warning', info: 'note' } as const;

type Result = {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations?: unknown[] }[];
  relatedLocations?: { logicalLocations: unknown[] }[];
  partialFingerprints: Record<string, string>;
};

const at = (uri: string) => ({ artifactUri: (_f: Finding) => uri });

describe('toSarif', () => {
  const folders = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());

  it.each(folders.map((d) => d.name))('fixture %s: schema-valid, one result per finding', async (name) => {
    const { result } = analyzeSnapshot(await readSnapshotFolder(join(FIXTURES, name)));
    const log = toSarif(result, at(`test/fixtures/${name}/`));
    expect(validate(log)).toEqual([]);
    const results = log.runs[0].results as Result[];
    expect(results).toHaveLength(result.findings.length);
    results.forEach((r, i) => {
      const f = result.findings[i]!;
      expect(r.ruleId).toBe(f.rule);
      expect(r.level).toBe(LEVEL[f.severity]);
      expect(r.message.text).toContain(f.title);
      expect(r.message.text).toContain(f.fix.summary);
      expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(`test/fixtures/${name}/`);
      const primary = f.resources[0] ?? f.service;
      if (primary !== undefined && primary !== null) {
        expect(r.locations[0]!.logicalLocations).toEqual([
          expect.objectContaining({ fullyQualifiedName: primary }),
        ]);
      }
      expect(r.relatedLocations?.length ?? 0).toBe(Math.max(0, f.resources.length - 1));
      expect(r.partialFingerprints['portholeFindingId/v1']).toBe(f.id);
    });
  });

  it('lists every rule id with a description; ruleIndex points at the result’s rule', () => {
    fc.assert(
      fc.property(scanResultArb, (result) => {
        const log = toSarif(result, at('snap/'));
        const rules = log.runs[0].tool.driver.rules as { id: string; shortDescription: { text: string } }[];
        expect(rules.map((r) => r.id)).toEqual([...RULE_IDS]);
        for (const r of rules) expect(r.shortDescription.text.length).toBeGreaterThan(0);
        for (const r of log.runs[0].results as Result[]) expect(rules[r.ruleIndex]!.id).toBe(r.ruleId);
      }),
      { numRuns: 50 },
    );
  });

  it('any finding the contract allows gives a schema-valid log with the level from its severity', () => {
    fc.assert(
      fc.property(scanResultArb, (result) => {
        const log = toSarif(result, { artifactUri: (f) => `aws/${f.account ?? 'unknown-account'}/x` });
        expect(validate(log)).toEqual([]);
        const results = log.runs[0].results as Result[];
        expect(results.map((r) => r.level)).toEqual(result.findings.map((f) => SARIF_LEVEL[f.severity]));
        const notes = log.runs[0].invocations[0]!.toolExecutionNotifications as unknown[];
        expect(notes).toHaveLength(result.warnings.length);
      }),
      { numRuns: 200 },
    );
  });

  it('catalog rules link the AWS documentation over https; data-missing links nothing', () => {
    const rules = toSarif(
      { schemaVersion: 1, findings: [], targets: [], services: [], warnings: [] },
      at('.'),
    ).runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
    for (const r of rules) {
      if (r.id === 'data-missing') expect(r.helpUri).toBeUndefined();
      else expect(r.helpUri).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/[^\s]+\.html$/);
    }
  });

  it('the schema rejects what SARIF forbids (the validator is not vacuous)', () => {
    const log = toSarif({ schemaVersion: 1, findings: [], targets: [], services: [], warnings: [] }, at('.'));
    expect(validate({ ...log, version: '2.0.0' })).not.toEqual([]);
    const bad = structuredClone(log) as unknown as { runs: { results: unknown[] }[] };
    bad.runs[0]!.results.push({ ruleId: 'x', level: 'critical', message: { text: 'm' } });
    expect(validate(bad)).not.toEqual([]);
  });
});

describe('describeResource', () => {
  it.each([
    ['sg-06e567583ad465baa', 'security-group', 'sg-06e567583ad465baa'],
    ['acl-0a1b2c3d', 'network-acl', 'acl-0a1b2c3d'],
    ['i-0cd05664232ead7ca', 'instance', 'i-0cd05664232ead7ca'],
    ['igw-0abc', 'internet-gateway', 'igw-0abc'],
    ['vpce-0abc', 'vpc-endpoint', 'vpce-0abc'],
    ['10.0.10.105', 'ip-address', '10.0.10.105'],
    [
      'arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web-alb/133ce5d6cc7b7b19',
      'load-balancer',
      'loadbalancer/app/web-alb/133ce5d6cc7b7b19',
    ],
    ['arn:aws:ecs:eu-west-1:111122223333:service/prod/web', 'ecs-service', 'service/prod/web'],
  ])('%s is a %s', (id, kind, name) => {
    expect(describeResource(id)).toEqual({ name, fullyQualifiedName: id, kind });
  });
});
