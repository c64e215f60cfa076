import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap', () => {
    expect(backoffDelay(1, 1)).toBe(1000);
    expect(backoffDelay(2, 1)).toBe(2000);
    expect(backoffDelay(4, 1)).toBe(8000);
    expect(backoffDelay(10, 1)).toBe(15_000);
    expect(backoffDelay(1000, 1)).toBe(15_000);
  });

  it('jitters down to half the ceiling', () => {
    expect(backoffDelay(3, 0)).toBe(2000);
    expect(backoffDelay(3, 0.5)).toBe(3000);
  });

  it('treats nonsense attempts as the first', () => {
    expect(backoffDelay(0, 1)).toBe(1000);
    expect(backoffDelay(-3, 1)).toBe(1000);
  });
});
