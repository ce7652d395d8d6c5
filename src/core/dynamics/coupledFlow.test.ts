// The squared-loss flow (docs/model.md §9) against the correlation flow it must reduce to, its
// invariants, the closed (U, Q) equations, and the exact law of its initial state.
import { describe, expect, it } from 'vitest';
import { initialCoordinates, innerProducts } from '../model/jointStart.ts';
import { CoupledFlow } from './coupledFlow.ts';
import { cholesky, structuredGeometry } from '../model/geometry.ts';
import { sampleInitialOverlaps } from '../model/initialOverlaps.ts';
import { buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';
import { createDynamics, createFlow, initialOverlaps } from './factory.ts';
import { squaredLossOverlapRHS } from '../model/squaredLoss.ts';

function spec(over: Partial<ModelSpec>): ModelSpec {
  return { k: 3, n: 12, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05, loss: 'mse', a: 0, ...over };
}

function model(over: Partial<ModelSpec>): Model {
  const { spec: s, problems } = normalizeSpec(spec(over));
  expect(problems).toEqual([]);
  return buildModel(s);
}

const coupled = (m: Model, u0?: Float64Array) => createDynamics(m, u0) as CoupledFlow;

function logTimes(t0: number, t1: number, m: number): number[] {
  return Array.from({ length: m }, (_, i) => t0 * Math.pow(t1 / t0, i / (m - 1)));
}

describe('n = 1: the squared loss is the correlation loss', () => {
  it.each([
    ['p=3, β=0.2, d=1000', { p: 3, beta: 0.2, d: 1000 }],
    ['p=4, β=0.5, d=100', { p: 4, beta: 0.5, d: 100, seed: 3 }],
    ['relu mixture, k=2', { k: 2, sigma: '3:1,4:0.5', target: '3:1,4:0.5', beta: 0.1, d: 400, seed: 7 }],
  ])('%s: the same trajectory to integrator tolerance', (_name, over) => {
    const mse = model({ ...over, n: 1 });
    const corr = model({ ...over, n: 1, loss: 'corr' });
    const a = coupled(mse);
    const b = createFlow(corr);
    const k = mse.spec.k;
    const ua = new Float64Array(k), ub = new Float64Array(k);
    let worst = 0;
    for (const t of logTimes(0.1, mse.tEnd, 40)) {
      a.advanceTo(t, ua);
      b.advanceTo(t, ub);
      for (let j = 0; j < k; j++) worst = Math.max(worst, Math.abs(ua[j] - ub[j]));
    }
    // both start from the same overlaps; both escape, and agree all the way along
    expect(Math.max(...Array.from(ua, Math.abs))).toBeGreaterThan(0.5);
    expect(worst).toBeLessThan(1e-5);
  });
});

describe('along the flow', () => {
  it.each([
    ['β = 0.35 above β_c', { beta: 0.35, n: 15 }],
    ['β = 0.1, p = 4, custom a', { beta: 0.1, p: 4, n: 10, d: 200, a: 0.5 }],
    ['d = k = 3 (no orthogonal part)', { beta: 0.2, n: 8, d: 3 }],
  ])('%s: E[(f − f*)²] never increases; |w_i| = 1 and Q symmetric PSD to 1e-9', (_name, over) => {
    const m = model(over);
    const flow = coupled(m);
    const { n, k } = m.spec;
    const u = new Float64Array(n * k);
    const Q = new Float64Array(n * n);
    const shifted = new Float64Array(n * n);
    let last = Infinity;
    let first = NaN;
    for (const t of [0, ...logTimes(0.05, m.tEnd, 80)]) {
      flow.advanceTo(t, u);
      const e = flow.generalizationError();
      if (Number.isNaN(first)) first = e;
      expect(e).toBeLessThanOrEqual(last + 1e-9);
      last = e;
      // the stored state, not the interpolated output
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let c = 0; c < flow.dim; c++) s += flow.y[i * flow.dim + c] ** 2;
        expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-9);
      }
      innerProducts(flow.y, n, flow.dim, Q);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Q[i * n + j]).toBe(Q[j * n + i]);
      for (let q = 0; q < n * n; q++) shifted[q] = Q[q] + (q % (n + 1) === 0 ? 1e-9 : 0);
      expect(cholesky(shifted, n).ok).toBe(true);
    }
    expect(flow.failed.every((x) => x === 0)).toBe(true);
    // it learns something: the error falls well below where it started
    expect(last).toBeLessThan(0.5 * first);
  });

  it('a loss that would increase is caught: the check is not vacuous', () => {
    const m = model({ beta: 0.35, n: 10 });
    const flow = coupled(m);
    const u = new Float64Array(m.spec.n * m.spec.k);
    flow.advanceTo(30, u);
    const later = flow.generalizationError();
    const fresh = coupled(m);
    fresh.advanceTo(0, u);
    expect(fresh.generalizationError()).toBeGreaterThan(later + 1e-3);
  });
});

describe('the closed (U, Q) equations and the coordinates form agree', () => {
  it.each([
    ['he3, β = 0.3, a = 0.7', { beta: 0.3, a: 0.7, n: 6, d: 50 }],
    ['mixture, β = 0.1, a = k/n', { beta: 0.1, n: 5, d: 20, sigma: '2:0.5,3:1,5:0.3', target: '3:1,4:0.7', seed: 9 }],
  ])('%s', (_name, over) => {
    const m = model(over);
    const flow = coupled(m);
    const { n, k } = m.spec;
    const dim = flow.dim;
    // a random state that is not the start: move along the flow for a while
    const u = new Float64Array(n * k);
    flow.advanceTo(3, u);
    const w = Float64Array.from(flow.y);
    const F = new Float64Array(n * dim);
    flow.rhs(w, F);
    const U = new Float64Array(n * k), Q = new Float64Array(n * n);
    flow.overlapsOf(w, U);
    innerProducts(w, n, dim, Q);
    const dU = new Float64Array(n * k), dQ = new Float64Array(n * n);
    squaredLossOverlapRHS(m.squared!, m.geometry.gram, U, Q, n, k, dU, dQ);
    // from the coordinates: du_ij = v_j·ẇ_i (linear), dQ_im = ẇ_i·w_m + w_i·ẇ_m
    const dUc = new Float64Array(n * k);
    flow.overlapsOf(F, dUc);
    let scale = 0;
    for (let q = 0; q < n * k; q++) {
      scale = Math.max(scale, Math.abs(dU[q]));
      expect(dUc[q]).toBeCloseTo(dU[q], 12);
    }
    expect(scale).toBeGreaterThan(1e-3);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let v = 0;
        for (let c = 0; c < dim; c++) v += F[i * dim + c] * w[j * dim + c] + w[i * dim + c] * F[j * dim + c];
        expect(v).toBeCloseTo(dQ[i * n + j], 12);
      }
    }
  });
});

describe('exact initial state for any d', () => {
  function equi(k: number, beta: number) {
    const g = structuredGeometry('equi', k, beta);
    if (!g.ok) throw new Error(g.error);
    return g.value;
  }

  it.each([10, 1e3, 1e9])('d = %d: off-diagonal Q has mean 0 and variance 1/d (and E Q⁴ = 3/(d(d+2)))', (d) => {
    const geom = equi(3, 0.2);
    const n = 30, seeds = 40;
    const qs: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const u0 = new Float64Array(n * 3);
      sampleInitialOverlaps(geom, n, d, seed, u0);
      const start = initialCoordinates(geom, n, d, seed, u0);
      const Q = innerProducts(start.w, n, start.dim, new Float64Array(n * n));
      for (let i = 0; i < n; i++) {
        expect(Q[i * n + i]).toBeCloseTo(1, 12);
        for (let m = i + 1; m < n; m++) qs.push(Q[i * n + m]);
      }
    }
    const N = qs.length;
    const mean = qs.reduce((s, x) => s + x, 0) / N;
    const m2 = qs.reduce((s, x) => s + x * x, 0) / N;
    const m4 = qs.reduce((s, x) => s + x ** 4, 0) / N;
    // pairs are uncorrelated (E[Q12 Q13] = 0), so the usual standard errors apply
    expect(Math.abs(mean)).toBeLessThan(4 * Math.sqrt(1 / d / N));
    expect(m2 * d).toBeGreaterThan(0.93);
    expect(m2 * d).toBeLessThan(1.07);
    expect((m4 * d * (d + 2)) / 3).toBeGreaterThan(0.85);
    expect((m4 * d * (d + 2)) / 3).toBeLessThan(1.15);
  });

  it('keeps the correlation flow\'s overlaps U for the same seed, and unit rows, at d = 10⁹', () => {
    const m = model({ d: 1e9, n: 20, beta: 0.3 });
    const u0 = initialOverlaps(m);
    const flow = coupled(m);
    const u = new Float64Array(20 * 3);
    flow.overlapsOf(flow.y, u);
    for (let q = 0; q < u.length; q++) expect(Math.abs(u[q] - u0[q])).toBeLessThan(1e-15);
    expect(flow.dim).toBe(3 + 20);
  });

  it('d < n + k: the coordinates span only d dimensions, and Q still has the right diagonal', () => {
    const geom = equi(3, 0.2);
    const n = 10, d = 5;
    const u0 = new Float64Array(n * 3);
    sampleInitialOverlaps(geom, n, d, 4, u0);
    const start = initialCoordinates(geom, n, d, 4, u0);
    expect(start.dim).toBe(5);
    const Q = innerProducts(start.w, n, start.dim, new Float64Array(n * n));
    for (let i = 0; i < n; i++) expect(Q[i * n + i]).toBeCloseTo(1, 12);
  });
});

describe('a → 0: the interaction vanishes', () => {
  it('the trajectories approach the correlation flow\'s, linearly in a', () => {
    const base = { beta: 0.2, n: 8, d: 100, T: 40 };
    const corr = model({ ...base, loss: 'corr' });
    const ref = new Float64Array(8 * 3);
    createFlow(corr).advanceTo(40, ref);
    const gaps = [1e-1, 1e-2, 1e-3, 1e-4].map((a) => {
      const u = new Float64Array(8 * 3);
      coupled(model({ ...base, a })).advanceTo(40, u);
      return Math.max(...Array.from(u, (x, q) => Math.abs(x - ref[q])));
    });
    // at a = 0.1 the interaction visibly changes where the neurons are at t = 40
    expect(gaps[0]).toBeGreaterThan(1e-3);
    expect(gaps[1]).toBeLessThan(gaps[0] / 5);
    expect(gaps[2]).toBeLessThan(gaps[1] / 5);
    expect(gaps[3]).toBeLessThan(gaps[2] / 5);
    expect(gaps[3]).toBeLessThan(3e-4);
  });
});
