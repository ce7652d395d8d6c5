// Online SGD (docs/model.md §10) against the flow it averages to, and its invariants.
import { describe, expect, it } from 'vitest';
import { hermiteValues } from '../math/hermite.ts';
import { hermiteSeriesPolynomial } from '../model/activationPolynomial.ts';
import { polyval } from '../model/kernel.ts';
import { buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';
import { createDynamics, createFlow, createSgd, initialOverlaps } from './factory.ts';
import { freeCoordinates } from './sgdStart.ts';

function spec(over: Partial<ModelSpec>): ModelSpec {
  return {
    k: 3, n: 8, d: 20, beta: 0.1, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
    dyn: 'sgd', eta: 1e-3, batch: 1, ...over,
  };
}

function model(over: Partial<ModelSpec>): Model {
  const { spec: s, problems } = normalizeSpec(spec(over));
  expect(problems).toEqual([]);
  return buildModel(s);
}

describe('Hermite series as a polynomial', () => {
  it('Σ a_p h_p(z) by monomials equals the h_p recurrence, with and without h_0..h_2', () => {
    const a = [0.3, -0.2, 0.5, 1, 0.25, 0, -0.7, 0.1];
    const h = new Float64Array(a.length);
    for (const drop of [false, true]) {
      const poly = hermiteSeriesPolynomial(a, drop);
      for (const z of [-3.1, -1, 0, 0.4, 2.2, 4]) {
        hermiteValues(z, a.length - 1, h);
        let want = 0;
        for (let p = drop ? 3 : 0; p < a.length; p++) want += a[p] * h[p];
        expect(polyval(poly, z)).toBeCloseTo(want, 10);
      }
    }
  });
});

describe('SGD start: the flow’s neurons, as real vectors', () => {
  it('initial overlaps equal those of dyn=flow exactly, and the weights reproduce them', () => {
    for (const over of [{}, { geom: 'orth' as const, k: 4 }, { geom: 'gram' as const, k: 2, gram: [1, 0.6, 0.6, 1] }, { d: 3, k: 3 }]) {
      const m = model(over);
      const { n, k } = m.spec;
      const flow = new Float64Array(n * k);
      const sgd = new Float64Array(n * k);
      createDynamics({ ...m, spec: { ...m.spec, dyn: 'flow' } }).advanceTo(0, flow);
      const dyn = createSgd(m);
      dyn.advanceTo(0, sgd);
      expect(Array.from(sgd)).toEqual(Array.from(flow));
      const measured = dyn.measuredOverlaps(new Float64Array(n * k));
      for (let q = 0; q < n * k; q++) expect(Math.abs(measured[q] - flow[q])).toBeLessThan(1e-14);
      for (let i = 0; i < n; i++) expect(Math.abs(dyn.norms[i] - 1)).toBeLessThan(1e-14);
    }
  });

  it('the out-of-span part lies in the d − rank free coordinates and is not aligned across neurons', () => {
    const m = model({ d: 50, n: 4 });
    const free = freeCoordinates(m.geometry, 50);
    expect(free.length).toBe(47);
    const W = createSgd(m).weights;
    // two neurons' out-of-span parts: nearly orthogonal at d = 50 (independent uniform directions)
    let dot = 0, a = 0, b = 0;
    for (const c of free) {
      dot += W[c] * W[50 + c];
      a += W[c] ** 2;
      b += W[50 + c] ** 2;
    }
    expect(Math.abs(dot / Math.sqrt(a * b))).toBeLessThan(0.6);
  });
});

describe('SGD steps', () => {
  it('|w_i| = 1 after every step (batch 1 and 4)', () => {
    for (const batch of [1, 4]) {
      const dyn = createSgd(model({ batch, eta: 0.02 }));
      const { n, d } = dyn;
      for (let s = 0; s < 300; s++) {
        dyn.step();
        for (let i = 0; i < n; i++) {
          let r = 0;
          for (let m = 0; m < d; m++) r += dyn.weights[i * d + m] ** 2;
          expect(Math.abs(r - 1)).toBeLessThan(1e-12);
        }
      }
    }
  });

  it('same seed, same run, however it is sampled; t = η·steps, samples = batch·steps', () => {
    const m = model({ batch: 3, eta: 0.01 });
    const { n, k } = m.spec;
    const a = createSgd(m), b = createSgd(m);
    const ua = new Float64Array(n * k), ub = new Float64Array(n * k);
    for (const t of [0.013, 0.2, 0.5004, 1.7]) a.advanceTo(t, ua);
    b.advanceTo(1.7, ub);
    expect(Array.from(ua)).toEqual(Array.from(ub));
    expect(a.stepCount).toBe(170);
    expect(a.samples).toBe(510);
    const c = createSgd({ ...m, spec: { ...m.spec, seed: 2 } });
    const uc = new Float64Array(n * k);
    c.advanceTo(1.7, uc);
    expect(Array.from(uc)).not.toEqual(Array.from(ua));
  });

  it('as η → 0 at fixed t the overlaps converge to the flow’s from the same start, error ∝ √η', () => {
    // d = 10 and t = 0.5: the neurons move a lot but none has escaped yet (escape amplifies noise)
    const etas = [1e-3, 2.5e-4, 6.25e-5, 1.5625e-5];
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const t = 0.25;
    const errors = etas.map((eta) => {
      let sq = 0, count = 0;
      for (const seed of seeds) {
        const m = model({ d: 10, n: 16, seed, eta });
        const { n, k } = m.spec;
        const u0 = initialOverlaps(m);
        const flow = new Float64Array(n * k), sgd = new Float64Array(n * k), start = new Float64Array(n * k);
        createFlow(m, u0).advanceTo(t, flow);
        createSgd(m, u0).advanceTo(t, sgd);
        start.set(u0);
        for (let q = 0; q < n * k; q++) {
          sq += (sgd[q] - flow[q]) ** 2;
          count++;
        }
        // the flow did move: the comparison is not of two resting states
        let moved = 0;
        for (let q = 0; q < n * k; q++) moved = Math.max(moved, Math.abs(flow[q] - start[q]));
        expect(moved).toBeGreaterThan(0.02);
      }
      return Math.sqrt(sq / count);
    });
    // log-log slope of the error against η
    const lx = etas.map(Math.log), ly = errors.map(Math.log);
    const mx = lx.reduce((a, b) => a + b) / lx.length, my = ly.reduce((a, b) => a + b) / ly.length;
    let sxy = 0, sxx = 0;
    for (let i = 0; i < lx.length; i++) {
      sxy += (lx[i] - mx) * (ly[i] - my);
      sxx += (lx[i] - mx) ** 2;
    }
    const slope = sxy / sxx;
    expect(slope).toBeGreaterThan(0.35);
    expect(slope).toBeLessThan(0.7);
    // 64× smaller η: 8× smaller error by √η (at least 5×, so a constant bias would fail)
    expect(errors[errors.length - 1]).toBeLessThan(errors[0] / 5);
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThan(errors[i - 1]);
  });

  it('predictionAt gives the flow of the same first neurons', () => {
    const m = model({});
    const k = m.spec.k;
    const dyn = createSgd(m);
    const pred = new Float64Array(3 * k), flow = new Float64Array(m.spec.n * k);
    dyn.predictionAt(0.7, 3, pred);
    createFlow({ ...m, spec: { ...m.spec, dyn: 'flow' } }).advanceTo(0.7, flow);
    expect(Array.from(pred)).toEqual(Array.from(flow.subarray(0, 3 * k)));
  });
});
