import { describe, expect, it } from 'vitest';
import { nextTarget, STEP_DECADES, stepTarget, T_FLOOR } from './clock.ts';

describe('playback clock', () => {
  it('a step multiplies t by 10^0.1, as the shortcuts help says', () => {
    expect(STEP_DECADES).toBe(0.1);
    for (const t of [0.05, 1, 37.5, 1e6]) expect(stepTarget(t, Infinity) / t).toBeCloseTo(10 ** 0.1, 12);
  });

  it('a step from the start goes a tenth of a decade past T_FLOOR and never past the end', () => {
    expect(stepTarget(0, Infinity)).toBeCloseTo(T_FLOOR * 10 ** 0.1, 15);
    expect(stepTarget(9.9, 10)).toBe(10);
    expect(stepTarget(10, 10)).toBe(10);
  });

  it('playing advances speed × elapsed decades, with long pauses between frames capped', () => {
    expect(nextTarget(1, 0.5, 0.2, Infinity)).toBeCloseTo(10 ** 0.1, 12);
    expect(nextTarget(1, 0.5, 10, Infinity)).toBeCloseTo(10 ** 0.125, 12);
    expect(nextTarget(1, 0.5, 0.2, 1.1)).toBe(1.1);
  });
});
