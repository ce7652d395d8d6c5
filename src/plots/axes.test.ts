import { describe, expect, it } from 'vitest';
import { decadeTicks, niceDomain, niceTicks, powerOfTenLabel } from './axes.ts';

describe('plot axes', () => {
  it('labels powers of ten with superscripts', () => {
    expect([-2, 0, 1, 3, 12].map(powerOfTenLabel)).toEqual(['10⁻²', '1', '10', '10³', '10¹²']);
  });

  it('puts decade ticks inside the range and thins long ranges', () => {
    expect(decadeTicks(-2, 3).map((t) => t.value)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(decadeTicks(-1.5, 0.5).map((t) => t.value)).toEqual([-1, 0]);
    const long = decadeTicks(-2, 12, 7);
    expect(long.length).toBeLessThanOrEqual(8);
    expect(long[1].value - long[0].value).toBe(3);
    expect(decadeTicks(2, 1)).toEqual([]);
  });

  it('nice ticks step by 1, 2 or 5 times a power of ten and cover the range', () => {
    expect(niceTicks(0, 1, 2).map((t) => t.label)).toEqual(['0.0', '0.5', '1.0']);
    expect(niceTicks(-1.73, 8.9, 3).map((t) => t.value)).toEqual([0, 5]);
    expect(niceTicks(-1, 0, 3).map((t) => t.label)).toEqual(['−1.0', '−0.5', '0.0']);
  });

  it('a domain widens to whole steps and skips non-finite values', () => {
    expect(niceDomain([-0.93, NaN, -0.02], 3, [0, 1])).toEqual([-1, 0]);
    expect(niceDomain([NaN], 1, [0, 1])).toEqual([0, 1]);
  });
});
