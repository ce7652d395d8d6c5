import { describe, expect, it } from 'vitest';
import { averageOverlap } from './averagePoint.ts';
import { indexMinimum } from './fold.ts';
import { indexMinimumCombination } from './indexMinimumPoint.ts';
import { monomialKernel } from '../model/kernel.ts';

describe('the minimum near v_j as α v_j + γ w̄', () => {
  for (const [k, p, beta] of [[3, 3, 0.255], [3, 3, 0.2], [2, 3, 0.3], [5, 4, 0.3], [16, 3, 0.1]] as const) {
    it(`k = ${k}, φ = t^${p}, β = ${beta}: overlaps a with v_j, b with the others, on the unit sphere`, () => {
      const m = indexMinimum(monomialKernel(p), k, beta)!;
      expect(m).not.toBeNull();
      const { alongIndex: al, alongAverage: ga } = indexMinimumCombination(k, beta, m.overlap, m.others);
      const us = averageOverlap(k, beta); // v_i · w̄ for every i
      expect(al * 1 + ga * us).toBeCloseTo(m.overlap, 12); // v_j · w
      expect(al * beta + ga * us).toBeCloseTo(m.others, 12); // v_i · w, i ≠ j
      expect(al * al + 2 * al * ga * us + ga * ga).toBeCloseTo(1, 12); // |w|² (v_j · w̄ = u*)
    });
  }
});
