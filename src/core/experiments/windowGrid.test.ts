import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../model/model.ts';
import { allFoundProbability, pickProbability } from './coupon.ts';
import { COUPON_TRIALS, sweepConfigOf, sweepFields } from './sweepSettings.ts';
import { betaCriticalCurve, betaFoldCurve, runSweepSync } from './sweeps.ts';
import { pointsInside, windowsOfModel, withWindowPoints } from './windowGrid.ts';

const BASE: ModelSpec = {
  k: 3, n: 300, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};
const defaults = (kind: 'beta' | 'phase' | 'coupon', base: ModelSpec) => Object.fromEntries(sweepFields(kind, base).map((f) => [f.name, f.value]));

describe('bistable windows and the default grids that resolve them', () => {
  it('finds (β_c, β_fold) = (1/4, 0.2612) for φ = t³, k = 3, and none for k = 2 or relu', () => {
    const [w] = windowsOfModel(BASE, [3]);
    expect(w).toHaveLength(1);
    expect(w[0].from).toBeCloseTo(0.25, 12);
    expect(w[0].to).toBeCloseTo(betaFoldCurve(BASE, [3])[0], 12);
    expect(w[0].to).toBeCloseTo(0.2612, 4);
    expect(windowsOfModel(BASE, [2])[0]).toEqual([]);
    expect(windowsOfModel({ ...BASE, sigma: 'relu', target: 'relu' }, [3])[0]).toEqual([]);
  });

  it('places short decimals strictly inside, and adds only within the grid range', () => {
    const w = { from: 0.25, to: 0.2612038749637412 };
    expect(pointsInside(w, 3)).toEqual([0.253, 0.256, 0.258]);
    expect(withWindowPoints([0, 0.1, 0.2, 0.3], [w], 1)).toEqual([0, 0.1, 0.2, 0.256, 0.3]);
    expect(withWindowPoints([0, 0.1, 0.2], [w], 3)).toEqual([0, 0.1, 0.2]);
  });

  it('the default β sweep at k = 3, p = 3 has points strictly inside (β_c, β_fold); a typed grid is run as typed', () => {
    const bc = betaCriticalCurve(BASE, [3])[0], bf = betaFoldCurve(BASE, [3])[0];
    const { config } = sweepConfigOf('beta', BASE, defaults('beta', BASE));
    const inside = config.xs.filter((x) => x > bc && x < bf);
    expect(inside.length).toBeGreaterThanOrEqual(1);
    expect(config.xs).toEqual([...config.xs].sort((a, b) => a - b));
    // the linear part is still there: 0, 0.05, …, 0.5
    expect(config.xs.filter((x) => Math.abs(x * 20 - Math.round(x * 20)) < 1e-9)).toHaveLength(11);
    const typed = sweepConfigOf('beta', BASE, { ...defaults('beta', BASE), to: 0.4, points: 5 });
    expect(typed.config.xs).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });

  it('for p = 4 the default β range reaches past β_fold and still lands inside its window', () => {
    const base = { ...BASE, p: 4 };
    const bc = betaCriticalCurve(base, [3])[0], bf = betaFoldCurve(base, [3])[0];
    const { config } = sweepConfigOf('beta', base, defaults('beta', base));
    expect(Math.max(...config.xs)).toBeGreaterThan(bf);
    expect(config.xs.some((x) => x > bc && x < bf)).toBe(true);
  });

  it('the default phase grid separates β_c(k) of neighbouring k and has a β inside every k window', () => {
    for (const base of [BASE, { ...BASE, p: 4 }]) {
      const { config } = sweepConfigOf('phase', base, defaults('phase', base));
      const bcs = betaCriticalCurve(base, config.ks), bfs = betaFoldCurve(base, config.ks);
      for (let i = 0; i + 1 < bcs.length; i++) {
        const [lo, hi] = [Math.min(bcs[i], bcs[i + 1]), Math.max(bcs[i], bcs[i + 1])];
        expect(config.xs.some((x) => x > lo && x < hi), `a β between β_c(${config.ks[i]}) and β_c(${config.ks[i + 1]})`).toBe(true);
      }
      config.ks.forEach((k, i) => {
        if (bfs[i] > bcs[i]) expect(config.xs.some((x) => x > bcs[i] && x < bfs[i]), `a β inside k = ${k}'s window`).toBe(true);
      });
    }
  });
});

describe('the coupon sweep default trials', () => {
  it('gives standard errors well below the 0.06 offset of 60 trials, and points that agree with the exact curve', () => {
    // the binomial standard error is largest at P = 1/2
    expect(0.5 / Math.sqrt(COUPON_TRIALS)).toBeLessThanOrEqual(0.025);
    const values: Record<string, number> = { ...defaults('coupon', BASE), upTo: 2 };
    expect(values.trials).toBe(COUPON_TRIALS);
    const { config } = sweepConfigOf('coupon', BASE, values);
    const { rows } = runSweepSync(config);
    const q = pickProbability(3, false);
    const rising = rows.filter((r) => r.couponPrediction > 0.1);
    expect(rising.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(r.couponPrediction).toBeCloseTo(allFoundProbability(3, r.n, q), 12);
      expect(r.allRecoveredSE).toBeLessThanOrEqual(0.026);
      // within three standard errors of the exact curve
      expect(Math.abs(r.allRecoveredRate - r.couponPrediction)).toBeLessThanOrEqual(Math.max(3 * r.allRecoveredSE, 0.01));
    }
    // the error bars are narrower than the curve's rise between neighbouring points where it rises
    for (let i = 1; i < rising.length; i++) expect(2 * rising[i].allRecoveredSE).toBeLessThan(rising[i].couponPrediction - rising[i - 1].couponPrediction);
  }, 120_000);
});
