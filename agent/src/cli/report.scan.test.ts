// The human scan report: data gaps first, ALB-level findings under every service they affect, confidence shown.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '@porthole/core/engine/analyze.js';
import { albSgAdmitsNobody } from '../../../core/test-kit/fixCorpus.ts';
import { healthy, modelOf, without } from '../../../core/test-kit/ruleTestKit.ts';
import { renderScan } from './report.ts';

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

describe('renderScan', () => {
  it('lists what could not be read before any service', () => {
    const out = plain(renderScan(analyzeModel(modelOf(without(healthy(), 'NetworkAcls')))));
    const gaps = out.indexOf('Could not read or decide');
    expect(gaps).toBe(0);
    expect(out).toMatch(/\? NetworkAcls missing \(aws ec2 describe-network-acls\)/);
    expect(gaps).toBeLessThan(out.indexOf('prod/web'));
  });

  it('shows an ALB-level finding under each service behind the ALB, and its confidence', () => {
    const out = plain(renderScan(analyzeModel(modelOf(albSgAdmitsNobody()))));
    expect(out.startsWith('Could not read')).toBe(false);
    for (const name of ['prod/admin', 'prod/api', 'prod/web']) {
      const block = out.slice(out.indexOf(`DOWN ${name}`));
      expect(block.split('\n').slice(0, 3).join('\n')).toMatch(/\n {2}web-alb: no client can reach listener/);
    }
    expect(out).toMatch(/\[alb-sg-blocks-listener\] confirmed/);
    expect(out).toMatch(/Affects: prod\/admin, prod\/api, prod\/web/);
  });
});
