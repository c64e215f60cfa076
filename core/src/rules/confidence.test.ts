// Every finding says how sure it is (`confidence`) and what could change the conclusion (`missing`).
import { describe, expect, it } from 'vitest';
import { FindingSchema } from '@porthole/shared';
import { fixCorpus } from '../../test-kit/fixCorpus.ts';
import { run, scenario } from '../../test-kit/ruleTestKit.ts';
import { appNotListening } from './catalog/appNotListening.ts';

const findings = fixCorpus().flatMap((c) => c.findings.map((f) => ({ where: c.name, f })));

describe('confidence and missing', () => {
  it('are on every finding and valid in the public schema', () => {
    expect(findings.length).toBeGreaterThan(50);
    for (const { where, f } of findings) {
      const parsed = FindingSchema.safeParse(f);
      expect(parsed.success, where).toBe(true);
      expect(['confirmed', 'likely', 'unknown'], where).toContain(f.confidence);
    }
  });

  it('unknown exactly for data-missing, which names what is missing', () => {
    for (const { where, f } of findings) {
      expect(f.confidence === 'unknown', `${where} ${f.id}`).toBe(f.rule === 'data-missing');
      if (f.rule === 'data-missing') expect(f.missing.length, where).toBeGreaterThan(0);
    }
  });

  it('a finding concluded with something missing is never silently confirmed without saying what', () => {
    for (const { where, f } of findings.filter(({ f }) => f.rule !== 'data-missing')) {
      if (f.confidence === 'likely') expect(f.missing.length, `${where} ${f.id}`).toBeGreaterThan(0);
    }
  });

  it('diagnosis by elimination is likely, naming what AWS cannot show', () => {
    const [f] = run(appNotListening, scenario('app-not-listening'));
    expect(f?.confidence).toBe('likely');
    expect(f?.missing.join(' ')).toMatch(/listens/);
  });

  it('old stored findings without the fields still parse, as likely with nothing listed', () => {
    const { services: _s, confidence: _c, missing: _m, ...old } = findings[0]!.f;
    expect(FindingSchema.parse(old)).toMatchObject({ services: [], confidence: 'likely', missing: [] });
  });
});
