// The regime sentence against the model's own thresholds (docs/model.md §5, §7).
import { describe, expect, it } from 'vitest';
import { buildModel, normalizeSpec, selectsNoDirection, type ModelSpec } from '../model/model.ts';
import { describeRegime, plateauScale, type RegimeInput } from './regime.ts';

function inputOf(over: Partial<ModelSpec>, search?: RegimeInput['search']): RegimeInput {
  const base: ModelSpec = { k: 3, n: 300, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05 };
  const m = buildModel(normalizeSpec({ ...base, ...over }).spec);
  return {
    k: m.spec.k,
    pStar: m.kernel.pStar,
    even: m.kernel.even,
    geom: m.spec.geom,
    beta: m.geometry.beta,
    betaC: m.betaC,
    betaFold: m.betaFold,
    averageKind: m.average ? m.average.kind : null,
    minimumOverlap: m.indexMinimum ? m.indexMinimum.overlap : null,
    noSelection: selectsNoDirection(m.kernel, m.geometry),
    search,
  };
}

describe('equiangular, φ = t³, k = 3: β_c = 0.25, β_fold = 0.2612', () => {
  it('below β_c: w̄ a saddle, neurons go to the v_j', () => {
    const r = describeRegime(inputOf({ beta: 0.2 }));
    expect(r.kind).toBe('belowC');
    expect(r.sentence).toBe('β = 0.2 is below β_c = 0.25 (β_fold = 0.2612): w̄ is a saddle, so neurons go to the v_j (overlap 0.9924).');
    expect(r.searching).toBeNull();
  });

  it('in the window: both kinds of minima, named with both thresholds and the overlap of the minimum', () => {
    const r = describeRegime(inputOf({ beta: 0.255 }));
    expect(r.kind).toBe('bistable');
    expect(r.sentence).toMatch(/^β = 0\.255 is between β_c = 0\.25 and β_fold = 0\.2612: w̄ and the distorted minima near the v_j \(overlap 0\.9\d+\) are both minima, so the start decides\.$/);
  });

  it('above β_fold: only w̄', () => {
    const r = describeRegime(inputOf({ beta: 0.3 }));
    expect(r.kind).toBe('aboveFold');
    expect(r.sentence).toBe('β = 0.3 is above β_fold = 0.2612 (β_c = 0.25): only w̄ is a minimum, so neurons end at w̄.');
  });

  it('at β_c exactly w̄ is degenerate', () => {
    expect(describeRegime(inputOf({ beta: 0.25 })).kind).toBe('atC');
  });

  it('k = 2, p = 4: the window is empty (β_fold = β_c = 1/2) and the regime flips at once', () => {
    expect(describeRegime(inputOf({ k: 2, p: 4, beta: 0.49 })).kind).toBe('belowC');
    expect(describeRegime(inputOf({ k: 2, p: 4, beta: 0.51 })).kind).toBe('aboveFold');
  });
});

describe('cases without the two thresholds', () => {
  it('orthogonal: β = 0 below β_c, every v_j a minimum', () => {
    const r = describeRegime(inputOf({ geom: 'orth' }));
    expect(r.kind).toBe('orthogonal');
    expect(r.sentence).toContain('β = 0 < β_c = 0.25');
    expect(r.sentence).toContain('w̄ is a saddle');
  });

  it('custom Gram, k = 1, p* = 2, φ = t² orthogonal each say why', () => {
    expect(describeRegime(inputOf({ geom: 'gram', gram: [1, 0.3, -0.2, 0.3, 1, 0.5, -0.2, 0.5, 1] })).kind).toBe('customGram');
    const one = describeRegime(inputOf({ k: 1 }));
    expect(one.kind).toBe('singleIndex');
    expect(one.sentence).toContain('β plays no part');
    expect(describeRegime(inputOf({ k: 1, p: 4 })).sentence).toContain('±v₁');
    const quad = describeRegime(inputOf({ p: 2, beta: 0.2 }));
    expect(quad.kind).toBe('lowDegree');
    // β_c = (p* − 2)/(k + p* − 2) = 0: w̄ is already a minimum
    expect(quad.sentence).toContain('w̄ is a minimum');
    expect(describeRegime(inputOf({ p: 2, geom: 'orth' })).kind).toBe('noSelection');
  });

  it('the squared loss keeps the regime of the correlation loss and says that neurons interact', () => {
    const r = describeRegime({ ...inputOf({ beta: 0.3 }), squaredLoss: true });
    expect(r.kind).toBe('aboveFold');
    expect(r.sentence).toContain('squared loss');
  });
});

describe('the search phase', () => {
  it('while fewer than half have escaped: t in units of d^(p*/2−1), and how many escaped', () => {
    const r = describeRegime(inputOf({ beta: 0.255 }, { t: 3.162, d: 1000, escaped: 12, n: 300 }));
    expect(r.searching).toBe('Searching the plateau: t = 0.1 × d^(1/2) (d^(1/2) = 31.6), 12 of 300 escaped.');
    // the regime is said as well: where the escaped neurons are going
    expect(r.kind).toBe('bistable');
    expect(describeRegime(inputOf({}, { t: 50, d: 1000, escaped: 150, n: 300 })).searching).toBeNull();
    expect(describeRegime(inputOf({ beta: 0.255 }, { t: 3.162, d: 1000, escaped: 1234, n: 100000 })).searching).toContain('1,234 of 100,000 escaped');
  });

  it('scales: d^(1/2), d, d^(3/2) for p* = 3, 4, 5; log d for p* = 2; none for p* = 1', () => {
    expect(plateauScale(3, 100)).toEqual({ label: 'd^(1/2)', value: 10 });
    expect(plateauScale(4, 100)).toEqual({ label: 'd', value: 100 });
    expect(plateauScale(5, 100)).toEqual({ label: 'd^(3/2)', value: 1000 });
    expect(plateauScale(6, 10)).toEqual({ label: 'd^(2)', value: 100 });
    expect(plateauScale(2, Math.E)).toEqual({ label: 'log d', value: 1 });
    expect(plateauScale(1, 100)).toBeNull();
  });
});
