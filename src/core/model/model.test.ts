// Cross-field repairs of a spec and the facts the model reports about itself.
import { describe, expect, it } from 'vitest';
import { allFoundProbability } from '../experiments/coupon.ts';
import { countOutcomes } from '../outcomes/classify.ts';
import { buildModel, MAX_AUTO_END, normalizeSpec, type ModelSpec } from './model.ts';
import { runToEnd } from '../outcomes/run.ts';

const base: ModelSpec = {
  k: 3, n: 60, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};

describe('normalizeSpec', () => {
  it('a constant kernel (p = 2 with h_0, h_1, h_2 dropped) falls back to a moving one and says so', () => {
    const { spec, problems } = normalizeSpec({ ...base, p: 2, drop012: true });
    expect(spec.drop012).toBe(false);
    expect(problems).toHaveLength(1);
    expect(problems[0].used).toMatch(/keeping h_0, h_1, h_2/);
    expect(buildModel(spec).kernel.pStar).toBe(2);
  });

  it('σ and σ* with no common degree fall back to h_p for both, keeping drop012 when that suffices', () => {
    const { spec, problems } = normalizeSpec({ ...base, sigma: 'he3', target: 'he4', drop012: true });
    expect([spec.sigma, spec.target, spec.drop012]).toEqual(['', '', true]);
    expect(problems[0].used).toBe('he3 for both');
  });

  it('a Gram matrix given without geom=gram is reported, not silently dropped', () => {
    const { spec, problems } = normalizeSpec({ ...base, gram: [1, 0, 0, 1] });
    expect(spec.gram).toEqual([]);
    expect(problems.map((p) => p.key)).toEqual(['gram']);
  });
});

describe('buildModel', () => {
  it('a custom Gram matrix has no β_c (the threshold is about equiangular index vectors)', () => {
    const m = buildModel({ ...base, k: 2, geom: 'gram', gram: [1, 0.5, 0.5, 1] });
    expect(m.betaC).toEqual([]);
    expect(m.average).toBeNull();
  });

  it('warns when the search phase outlasts the longest automatic run', () => {
    const m = buildModel({ ...base, p: 8, d: 1e9 });
    expect(m.tEnd).toBe(MAX_AUTO_END);
    expect(m.warnings.join(' ')).toMatch(/still be searching/);
    expect(buildModel(base).warnings).toEqual([]);
  });

  it('a negative c_p is flagged, with what it means for the counts', () => {
    const m = buildModel({ ...base, sigma: '3:1,4:-0.5', target: '3:1,4:1' });
    expect(m.warnings).toHaveLength(1);
    expect(m.warnings[0]).toMatch(/p = 4.*c_p ≥ 0/);
  });
});

describe('runs with extreme kernels', () => {
  it('huge coefficients (c_3 = 1e12) settle like h_3 does: none fails, most are recovered', () => {
    const r = runToEnd(buildModel({ ...base, sigma: '3:1e6', target: '3:1e6' }));
    expect(r.failed).toBe(0);
    const recovered = r.counts.recovered.reduce((a, b) => a + b, 0);
    const plain = runToEnd(buildModel(base)).counts.recovered.reduce((a, b) => a + b, 0);
    // c_3 = 1e12 is h_3 with time sped up 1e12-fold, and its (automatic) run is far longer in
    // those units: it recovers at least what h_3 does, including neurons that were slow to leave
    // the equator
    expect(recovered).toBeGreaterThanOrEqual(plain);
    expect(plain).toBeGreaterThan(0.8 * base.n);
  });

  it('a neuron whose integration failed is counted as other (failed), whatever its last state', () => {
    const u = new Float64Array([0.99, 0.1, 0.1, 0.99, 0.1, 0.1]);
    const opt = { k: 3, averageOverlap: NaN, even: false, tol: 0.05 };
    const c = countOutcomes(u, 2, opt, new Uint8Array([0, 1]));
    expect(c.recovered).toEqual([1, 0, 0]);
    expect(c.other).toBe(1);
    expect(c.otherKinds.failed).toBe(1);
  });
});

describe('coupon collecting edge cases', () => {
  it('no neurons find nothing; one neuron finds the one index vector, never two', () => {
    expect(allFoundProbability(3, 0, 1 / 3)).toBe(0);
    expect(allFoundProbability(1, 1, 1)).toBe(1);
    expect(allFoundProbability(2, 1, 0.5)).toBe(0);
  });
});
