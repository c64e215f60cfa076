import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ChangeLog } from './changeLog.ts';

const clock = () => new Date('2026-03-02T10:40:00.000Z');

describe('ChangeLog', () => {
  it('logs a repeating line once, then the count when it changes and when it clears', () => {
    const lines: string[] = [];
    const log = new ChangeLog((l) => lines.push(l), clock);
    for (let i = 0; i < 577; i++) log.note('cycle', 'cycle failed: database or disk is full');
    expect(lines).toEqual(['cycle failed: database or disk is full']);
    log.note('cycle', 'cycle failed: disk I/O error');
    log.clear('cycle', ({ count }) => `cycles complete again after ${count} failed`);
    expect(lines).toEqual([
      'cycle failed: database or disk is full',
      '(the previous message repeated 576 more times since 2026-03-02T10:40:00.000Z: cycle failed: database or disk is full)',
      'cycle failed: disk I/O error',
      'cycles complete again after 1 failed',
    ]);
    log.clear('cycle', () => 'never logged: the channel is clear');
    expect(lines).toHaveLength(4);
  });

  it('keeps channels apart', () => {
    const lines: string[] = [];
    const log = new ChangeLog((l) => lines.push(l), clock);
    log.note('poll', 'a');
    log.note('cycle', 'b');
    log.note('poll', 'a');
    expect(lines).toEqual(['a', 'b']);
    expect(log.count('poll')).toBe(2);
  });

  it('prints one line per change of message, whatever the sequence (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('x', 'y', 'z'), { maxLength: 60 }), (messages) => {
        const lines: string[] = [];
        const log = new ChangeLog((l) => lines.push(l), clock);
        messages.forEach((m) => log.note('c', m));
        const changes = messages.filter((m, i) => i === 0 || messages[i - 1] !== m).length;
        expect(lines.filter((l) => !l.startsWith('('))).toHaveLength(changes);
      }),
    );
  });
});
