import { describe, expect, it } from 'vitest';
import { binomial } from './coupon.ts';
import { logLogSlope } from '../analysis/escape.ts';
import type { ModelSpec } from '../model/model.ts';
import {
  addTrial, betaCriticalCurve, emptyPointStats, linearGrid, logGrid, predictedEscapeSlope, runSweepSync, sweepCsv, sweepJobs, sweepKey, sweepPoints, sweepRow, type SweepConfig, type TrialResult,
} from './sweeps.ts';

const BASE: ModelSpec = {
  k: 3, n: 100, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};

const config = (c: Partial<SweepConfig> & Pick<SweepConfig, 'kind' | 'xs'>): SweepConfig => ({ base: BASE, ks: [], trials: 1, ...c });

/** Independent coupon formula: inclusion–exclusion over the index vectors nobody picked. */
function couponTheory(k: number, n: number, q: number): number {
  let s = 0;
  for (let i = 0; i <= k; i++) s += (-1) ** i * binomial(k, i) * Math.max(0, 1 - i * q) ** n;
  return s;
}

describe('coupon sweep (orthogonal, p = 4 even)', () => {
  it('P(all recovered) agrees with the coupon-collector formula within 3 standard errors', () => {
    const trials = 240;
    const { rows } = runSweepSync(config({ kind: 'coupon', base: { ...BASE, p: 4, k: 3 }, xs: [1, 2, 3], trials }));
    expect(rows.map((r) => r.n)).toEqual([3, 6, 9]);
    for (const r of rows) {
      const P = couponTheory(3, r.n, 1 / 3);
      expect(r.couponPrediction).toBeCloseTo(P, 12);
      const se = Math.sqrt((P * (1 - P)) / trials);
      expect(Math.abs(r.allRecoveredRate - P)).toBeLessThan(3 * se);
    }
    // n = k: P = k!/k^k = 2/9, far from certain; n = 3k is likely
    expect(rows[0].allRecoveredRate).toBeLessThan(0.35);
    expect(rows[2].allRecoveredRate).toBeGreaterThan(0.8);
  });

  it('uses q = (1 − 2^−k)/k for odd p', () => {
    const { rows } = runSweepSync(config({ kind: 'coupon', base: { ...BASE, p: 3, k: 2 }, xs: [2], trials: 1 }));
    expect(rows[0].couponPrediction).toBeCloseTo(couponTheory(2, 4, 0.75 / 2), 12);
  });
});

describe('β sweep (p* = 3, k = 3, d = 1000; β_c = 1/4)', () => {
  it('puts no neuron at the average at β = 0.1 and most of them there at β = 0.4', () => {
    const { rows } = runSweepSync(config({ kind: 'beta', xs: [0.1, 0.4], trials: 3 }));
    expect(rows[0].atAverageFraction).toBe(0);
    expect(rows[0].attractedFraction).toBeGreaterThan(0.8);
    expect(rows[1].atAverageFraction).toBeGreaterThan(0.5);
    for (const r of rows) expect(r.recoveredFraction + r.atAverageFraction + r.otherFraction).toBeLessThanOrEqual(1 + 1e-12);
  });
});

describe('escape sweep: t_esc ∝ d^(p*/2 − 1)', () => {
  const ds = logGrid(1e2, 1e6, 5);
  it.each([
    [3, 0.5, 0.1],
    [4, 1, 0.15],
  ])('p = %i: fitted slope %f ± %f', (p, slope, tol) => {
    const { rows } = runSweepSync(config({ kind: 'escape', base: { ...BASE, p, n: 40 }, xs: ds, trials: 2 }));
    expect(rows.map((r) => r.x)).toEqual([100, 1000, 10000, 100000, 1000000]);
    const fitted = logLogSlope(rows.map((r) => r.x), rows.map((r) => r.escapeTime));
    expect(Math.abs(fitted - slope)).toBeLessThan(tol);
    expect(predictedEscapeSlope(p)).toBe(slope);
  });
  it('has no power law at p* = 2 (log d) and none at p* = 1', () => {
    expect(predictedEscapeSlope(2)).toBeNull();
    expect(predictedEscapeSlope(1)).toBeNull();
  });
});

describe('phase diagram over (β, k)', () => {
  it('draws β_c(k) = (p − 2)/(k + p − 2) and matches it: none at the average below, most above', () => {
    const ks = [2, 3, 4];
    expect(betaCriticalCurve(BASE, ks)).toEqual(ks.map((k) => 1 / (k + 1)));
    const { rows } = runSweepSync(config({ kind: 'phase', base: { ...BASE, n: 40 }, xs: [0.1, 0.6], ks, trials: 1 }));
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      const bc = 1 / (r.k + 1);
      if (r.x < bc - 0.05) expect(r.atAverageFraction).toBe(0);
      if (r.x > bc + 0.2) expect(r.atAverageFraction).toBeGreaterThan(0.5);
    }
  });
});

describe('sweep bookkeeping', () => {
  it('keys equal configurations equally and different ones differently', () => {
    const a = config({ kind: 'beta', xs: [0, 0.1], trials: 2 });
    expect(sweepKey(a)).toBe(sweepKey({ ...a, base: { ...BASE }, xs: [0, 0.1] }));
    expect(sweepKey(a)).not.toBe(sweepKey({ ...a, trials: 3 }));
    expect(sweepKey(a)).not.toBe(sweepKey({ ...a, base: { ...BASE, seed: 2 } }));
  });

  it('makes one job per (point, trial), trial-major', () => {
    const c = config({ kind: 'beta', xs: [0, 0.1, 0.2], trials: 2 });
    const { points } = sweepPoints(c);
    const jobs = sweepJobs(c, points);
    expect(jobs.map((j) => [j.point, j.trial])).toEqual([[0, 0], [1, 0], [2, 0], [0, 1], [1, 1], [2, 1]]);
  });

  it('skips points the model rejects and says which', () => {
    const { points, problems } = sweepPoints(config({ kind: 'escape', xs: [1, 100] }));
    expect(points.map((p) => p.x)).toEqual([100]);
    expect(problems[0].message).toMatch(/d = 1/);
    expect(problems[0].used).toBe('point skipped');
  });

  it('writes CSV with a header and one line per row, empty cells for missing numbers', () => {
    const { rows } = runSweepSync(config({ kind: 'beta', base: { ...BASE, n: 5 }, xs: [0, 0.3] }));
    const lines = sweepCsv('beta', rows).trim().split('\n');
    expect(lines[0]).toBe('beta,trials,n,recoveredFraction,attractedFraction,atAverageFraction,otherFraction,allRecoveredRate,failed,attractedOnlyFraction');
    expect(lines).toHaveLength(3);
    expect(lines[2].startsWith('0.3,1,5,')).toBe(true);
    expect(sweepCsv('escape', [{ ...rows[0], escapeTime: NaN }]).trim().split('\n')[1]).toBe('0,1,5,,0');
  });

  it('builds grids that include both ends', () => {
    expect(linearGrid(0, 0.5, 11)[10]).toBe(0.5);
    expect(linearGrid(0, 0.5, 11)[3]).toBe(0.15);
    expect(logGrid(100, 1e6, 5)).toEqual([100, 1000, 10000, 100000, 1000000]);
  });
});

describe('β sweep fractions', () => {
  const trial = (t: number, recovered: number, attracted: number, atAverage: number, other: number): TrialResult => ({
    point: 0, trial: t, n: 8, recovered, attracted, atAverage, other, allRecovered: false, escapeTime: NaN, failed: 0, rhsEvals: 0,
  });

  it('come from whole counts, so they print as the exact ratios (1/8 is 0.125)', () => {
    const s = emptyPointStats();
    for (const [t, r] of [[0, 1], [1, 1], [2, 1]] as const) addTrial(s, trial(t, r, 8, 0, 0));
    const row = sweepRow(config({ kind: 'beta', xs: [0.2] }), { x: 0.2, k: 3, spec: BASE }, s);
    expect(String(row.recoveredFraction)).toBe('0.125');
    expect(String(row.attractedOnlyFraction)).toBe('0.875');
  });

  it('recovered, attracted only, at average and other sum to 1 at every β of a real sweep', () => {
    const { rows } = runSweepSync(config({ kind: 'beta', base: { ...BASE, n: 40 }, xs: [0.1, 0.25, 0.3], trials: 2 }));
    for (const r of rows) {
      const parts = [r.recoveredFraction, r.attractedOnlyFraction, r.atAverageFraction, r.otherFraction];
      expect(parts.every((x) => x >= 0)).toBe(true);
      expect(parts.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });
});
