import { describe, expect, it } from 'vitest';
import {
  serviceLook,
  severityRank,
  statusRank,
  targetStateLook,
  verdictLook,
  STATUS_ORDER,
} from './status.ts';

describe('status looks', () => {
  it('orders statuses most urgent first, with unknown before healthy', () => {
    expect([...STATUS_ORDER].sort((a, b) => statusRank(a) - statusRank(b))).toEqual([
      'down',
      'degraded',
      'unknown',
      'healthy',
    ]);
  });

  it('gives every status a distinct icon and word, not just a colour', () => {
    const looks = STATUS_ORDER.map(serviceLook);
    expect(new Set(looks.map((l) => l.icon)).size).toBe(4);
    expect(new Set(looks.map((l) => l.word)).size).toBe(4);
    expect(serviceLook('down')).toEqual({ tone: 'bad', icon: 'cross', word: 'Down' });
  });

  it('maps hop verdicts and severities', () => {
    expect(verdictLook('deny').tone).toBe('bad');
    expect(verdictLook('unknown').word).toBe('Unknown');
    expect(severityRank('critical')).toBeLessThan(severityRank('warning'));
    expect(severityRank('warning')).toBeLessThan(severityRank('info'));
  });

  it('treats draining and initial targets as transitions, unused as unknown', () => {
    expect(targetStateLook('healthy').tone).toBe('good');
    expect(targetStateLook('unhealthy').tone).toBe('bad');
    expect(targetStateLook('unhealthy.draining').tone).toBe('bad');
    expect(targetStateLook('draining').tone).toBe('warn');
    expect(targetStateLook('initial').tone).toBe('warn');
    expect(targetStateLook('unused')).toMatchObject({ tone: 'unknown', word: 'unused' });
  });
});
