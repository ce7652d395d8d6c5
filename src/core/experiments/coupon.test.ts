// Coupon collecting over index vectors (docs/model.md §6): the formula against an independent
// simulation of uniform picks, and against where actual flows end.
import { describe, expect, it } from 'vitest';
import { allRecovered } from '../outcomes/classify.ts';
import { allFoundProbability, binomial, pickProbability } from './coupon.ts';
import { buildModel, normalizeSpec, type ModelSpec } from '../model/model.ts';
import { Rng } from '../math/rng.ts';
import { runToEnd } from '../outcomes/run.ts';

/** Fraction of trials in which n neurons, each picking index j with probability q (or none), find all k. */
function simulate(k: number, n: number, q: number, trials: number, seed: number): number {
  const rng = new Rng(seed);
  const seen = new Uint8Array(k);
  let hits = 0;
  for (let t = 0; t < trials; t++) {
    seen.fill(0);
    let found = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.uniform() / q); // j ≥ k: no index (the equator, odd p)
      if (j < k && seen[j] === 0) {
        seen[j] = 1;
        found++;
      }
    }
    if (found === k) hits++;
  }
  return hits / trials;
}

describe('coupon formula', () => {
  it('binomial coefficients', () => {
    expect(binomial(5, 2)).toBe(10);
    expect(binomial(10, 0)).toBe(1);
    expect(binomial(16, 8)).toBe(12870);
  });

  it('pick probabilities: 1/k for even φ, (1 − 2^{−k})/k for odd', () => {
    expect(pickProbability(4, true)).toBe(0.25);
    expect(pickProbability(3, false)).toBeCloseTo(7 / 24, 15);
  });

  it('small cases by hand', () => {
    expect(allFoundProbability(2, 2, 0.5)).toBeCloseTo(0.5, 15);
    expect(allFoundProbability(3, 3, 1 / 3)).toBeCloseTo(6 / 27, 15);
    expect(allFoundProbability(4, 3, 0.25)).toBe(0);
    expect(allFoundProbability(1, 5, 1)).toBe(1);
    // odd p, k = 1: found unless every neuron starts negative
    expect(allFoundProbability(1, 3, 0.5)).toBeCloseTo(1 - 0.125, 15);
  });

  for (const [k, n, even] of [[2, 3, true], [3, 5, true], [4, 6, true], [5, 12, true], [3, 6, false], [4, 10, false], [8, 30, true]] as const) {
    it(`k=${k}, n=${n}, ${even ? 'even' : 'odd'} φ: matches a simulation of uniform picks`, () => {
      const q = pickProbability(k, even);
      const trials = 40000;
      const p = allFoundProbability(k, n, q);
      const sim = simulate(k, n, q, trials, 1000 + k * 31 + n);
      expect(Math.abs(sim - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / trials) + 1e-3);
    });
  }

  it('n = γk fails with probability bounded below; n ≈ k log k mostly succeeds', () => {
    for (const k of [50, 200, 1000]) {
      expect(1 - allFoundProbability(k, 2 * k, 1 / k)).toBeGreaterThan(0.99);
      expect(allFoundProbability(k, Math.ceil(k * Math.log(k) + 3 * k), 1 / k)).toBeGreaterThan(0.9);
    }
  });
});

describe('coupon formula against flow runs (G = I)', () => {
  const base: ModelSpec = { k: 4, n: 6, d: 1000, beta: 0, p: 4, sigma: '', target: '', drop012: false, geom: 'orth', gram: [], seed: 1, T: 0, tol: 0.05 };

  function fractionAllRecovered(over: Partial<ModelSpec>, seeds: number): number {
    let hits = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const { spec } = normalizeSpec({ ...base, ...over, seed });
      const r = runToEnd(buildModel(spec));
      expect(r.failed).toBe(0);
      if (allRecovered(r.counts)) hits++;
    }
    return hits / seeds;
  }

  for (const over of [{ p: 4, k: 4, n: 6 }, { p: 3, k: 3, n: 5 }]) {
    it(`${JSON.stringify(over)}, d = 1000, 200 seeds: share with all k recovered is within 3 standard errors`, () => {
      const seeds = 200;
      const frac = fractionAllRecovered(over, seeds);
      const p = allFoundProbability(over.k, over.n, pickProbability(over.k, over.p % 2 === 0));
      expect(Math.abs(frac - p)).toBeLessThan(3 * Math.sqrt((p * (1 - p)) / seeds));
    });
  }
});
