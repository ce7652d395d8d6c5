// Dormand–Prince 5(4) with dense output, against closed-form solutions; the flow's invariants.
import { describe, expect, it } from 'vitest';
import { structuredGeometry, spanNormSquared, type Geometry } from '../model/geometry.ts';
import { OverlapFlow } from './overlapFlow.ts';
import { monomialKernel } from '../model/kernel.ts';
import { buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';
import { neuronLoss, overlapRHS, type OverlapRHS } from './overlapOde.ts';
import { createFlow, initialOverlaps, stableFixedPointTest } from './factory.ts';
import { runToEnd } from '../outcomes/run.ts';

function spec(over: Partial<ModelSpec>): ModelSpec {
  return { k: 3, n: 60, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05, ...over };
}

function model(over: Partial<ModelSpec>): Model {
  const { spec: s, problems } = normalizeSpec(spec(over));
  expect(problems).toEqual([]);
  return buildModel(s);
}

function single(): Geometry {
  const g = structuredGeometry('orth', 1, 0);
  if (!g.ok) throw new Error(g.error);
  return g.value;
}

/** k = 1, φ(t) = t²: du/dt = 2u(1 − u²), so x = u² is logistic: x = x0 e^{4t}/(1 − x0 + x0 e^{4t}). */
function logisticExact(u0: number, t: number): number {
  const x0 = u0 * u0, e = Math.exp(4 * t);
  return Math.sqrt((x0 * e) / (1 - x0 + x0 * e));
}

function logTimes(t0: number, t1: number, m: number): number[] {
  return Array.from({ length: m }, (_, i) => t0 * Math.pow(t1 / t0, i / (m - 1)));
}

describe('DP5(4) accuracy on closed-form solutions', () => {
  const rhs = overlapRHS(single(), monomialKernel(2));
  const u0 = 0.1;
  const errors: number[] = [];
  const steps: number[] = [];
  const rtols = [1e-5, 1e-6, 1e-8, 1e-10];

  for (const rtol of rtols) {
    it(`rtol=${rtol}: global error on du/dt = 2u(1−u²) stays within 5·rtol`, () => {
      const flow = new OverlapFlow(rhs, 1, Float64Array.of(u0), 1, { rtol, atol: 1e-14 });
      const out = new Float64Array(1);
      let worst = 0;
      for (const T of [0.25, 0.5, 1, 1.5, 2, 3, 5]) {
        flow.advanceTo(T, out);
        worst = Math.max(worst, Math.abs(out[0] - logisticExact(u0, T)));
        // the step's end point itself
        worst = Math.max(worst, Math.abs(flow.y[0] - logisticExact(u0, flow.tEnd[0])));
      }
      expect(worst).toBeLessThan(5 * rtol);
      errors.push(worst);
      steps.push(flow.stats.accepted);
    });
  }

  it('error falls in proportion to rtol, and steps grow like rtol^{−1/5} (5th-order steps)', () => {
    expect(errors.length).toBe(rtols.length);
    // 1e5 less tolerance: error at least 1e3 smaller
    expect(errors[3]).toBeLessThan(errors[0] / 1e3);
    const slope = Math.log(steps[3] / steps[0]) / Math.log(rtols[3] / rtols[0]);
    expect(slope).toBeLessThan(-0.12);
    expect(slope).toBeGreaterThan(-0.3);
  });

  it('dense output at arbitrary and mid-step times is within 10·rtol', () => {
    const rtol = 1e-8;
    const flow = new OverlapFlow(rhs, 1, Float64Array.of(u0), 1, { rtol, atol: 1e-14 });
    const out = new Float64Array(1);
    let worst = 0, worstMid = 0;
    for (let i = 1; i <= 500; i++) {
      const T = i * 0.01;
      flow.advanceTo(T, out);
      worst = Math.max(worst, Math.abs(out[0] - logisticExact(u0, T)));
      for (const th of [0.25, 0.5, 0.75]) {
        const t = flow.tStart[0] + th * (flow.tEnd[0] - flow.tStart[0]);
        flow.interpolate(0, t, out, 0);
        worstMid = Math.max(worstMid, Math.abs(out[0] - logisticExact(u0, t)));
      }
    }
    expect(worst).toBeLessThan(10 * rtol);
    expect(worstMid).toBeLessThan(10 * rtol);
  });

  // u1' = 1, u2' = (m+1) u1^m: u2 = t^{m+1}. The 5th-order weights integrate degree ≤ 4 exactly,
  // the quartic interpolant reproduces a quartic solution exactly.
  const powerRHS = (m: number): OverlapRHS => (u, uo, du, duo) => {
    du[duo] = 1;
    du[duo + 1] = (m + 1) * u[uo] ** m;
  };

  it('step end points are exact for u = t^5 (quadrature order 5) and not for t^7', () => {
    const rel = (m: number) => {
      const flow = new OverlapFlow(powerRHS(m), 2, Float64Array.of(0, 0), 1, { rtol: 1e-6, atol: 1e-10 });
      flow.advanceTo(3);
      const t = flow.tEnd[0];
      expect(Math.abs(flow.y[0] - t)).toBeLessThan(1e-14 * t);
      return Math.abs(flow.y[1] - t ** (m + 1)) / t ** (m + 1);
    };
    expect(rel(3)).toBeLessThan(1e-14);
    expect(rel(4)).toBeLessThan(1e-14);
    expect(rel(6)).toBeGreaterThan(1e-10);
  });

  it('dense output is exact for a quartic solution u = t^4, and 4th order (not exact) for t^6', () => {
    const worst = (m: number) => {
      const flow = new OverlapFlow(powerRHS(m), 2, Float64Array.of(0, 0), 1, { rtol: 1e-6, atol: 1e-10 });
      const out = new Float64Array(2);
      let w = 0;
      for (let i = 1; i <= 300; i++) {
        const T = i * 0.01;
        flow.advanceTo(T, out);
        w = Math.max(w, Math.abs(out[1] - T ** (m + 1)) / 3 ** (m + 1));
      }
      return w;
    };
    expect(worst(3)).toBeLessThan(1e-14);
    const w6 = worst(5);
    expect(w6).toBeGreaterThan(1e-9);
    expect(w6).toBeLessThan(1e-4);
  });
});

describe('sampling never changes the trajectory', () => {
  for (const over of [
    { beta: 0.2 },
    { beta: 0.3, d: 3 },
    { geom: 'orth' as const, p: 4, k: 4, d: 500 },
    { geom: 'gram' as const, k: 2, gram: [1, 0.6, 0.6, 1], sigma: '3:1,4:0.5', target: '3:1,4:0.5' },
  ]) {
    it(`${JSON.stringify(over)}: advancing straight to T or through 400 targets is bit-identical`, () => {
      const m = model(over);
      const { n, k } = m.spec;
      const direct = createFlow(m);
      const outDirect = new Float64Array(n * k);
      direct.advanceTo(m.tEnd, outDirect);
      const sampled = createFlow(m);
      const outSampled = new Float64Array(n * k);
      for (const t of logTimes(1e-3, m.tEnd, 400)) sampled.advanceTo(t, outSampled);
      sampled.advanceTo(m.tEnd, outSampled);
      expect(Array.from(outSampled)).toEqual(Array.from(outDirect));
      expect(Array.from(sampled.y)).toEqual(Array.from(direct.y));
      expect(Array.from(sampled.escapeTime)).toEqual(Array.from(direct.escapeTime));
      expect(Array.from(sampled.settled)).toEqual(Array.from(direct.settled));
      expect(sampled.stats.accepted).toBe(direct.stats.accepted);
      // and a mid-run state agrees too
      const a = new Float64Array(n * k), b = new Float64Array(n * k);
      createFlow(m).advanceTo(m.tEnd / 7, a);
      const c = createFlow(m);
      for (const t of logTimes(1e-2, m.tEnd / 7, 50)) c.advanceTo(t, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    });
  }
});

describe('invariants along the flow', () => {
  /** The run's own flow, or the same flow at a tighter tolerance. */
  function flowOf(m: Model, rtol?: number): OverlapFlow {
    if (rtol === undefined) return createFlow(m);
    const { k, n, d } = m.spec;
    return new OverlapFlow(overlapRHS(m.geometry, m.kernel, d <= m.geometry.rank), k, initialOverlaps(m), n, {
      rtol,
      atol: (rtol * 1e-2) / Math.sqrt(d),
      isSettled: stableFixedPointTest(m),
    });
  }

  function sampleRun(flow: OverlapFlow, m: Model, times: number[], visit: (i: number, u: Float64Array, o: number) => void): void {
    const { n, k } = m.spec;
    const out = new Float64Array(n * k);
    for (const t of times) {
      flow.advanceTo(t, out);
      for (let i = 0; i < n; i++) visit(i, out, i * k);
    }
    for (let i = 0; i < n; i++) expect(flow.failed[i]).toBe(0);
  }

  /** Largest rise of any neuron's loss between consecutive samples, and the largest q seen. */
  function lossRiseAndSpan(m: Model, rtol?: number): { rise: number; qMax: number } {
    const { n, k } = m.spec;
    const last = new Float64Array(n).fill(Infinity);
    let qMax = 0, rise = 0;
    sampleRun(flowOf(m, rtol), m, [0, ...logTimes(1e-3, m.tEnd, 300)], (i, u, o) => {
      qMax = Math.max(qMax, spanNormSquared(m.geometry.chol, k, u, o));
      const L = neuronLoss(m.kernel, u, o, k);
      rise = Math.max(rise, L - last[i]);
      last[i] = L;
    });
    return { rise, qMax };
  }

  const cases: Partial<ModelSpec>[] = [
    { beta: 0.2 },
    { beta: 0.35, n: 40 },
    { geom: 'orth', p: 4, k: 4, d: 300 },
    { geom: 'gram', k: 3, gram: [1, 0.3, -0.2, 0.3, 1, 0.5, -0.2, 0.5, 1], sigma: 'tanh', target: 'tanh', drop012: true },
    { sigma: 'relu', target: 'relu', drop012: true, beta: 0.4 },
  ];
  for (const over of cases) {
    it(`${JSON.stringify(over)}: q ≤ 1 + 1e-6; loss non-increasing within 1e-9 at rtol 1e-11, within 1e-7 at the run's rtol 1e-8`, () => {
      const m = model(over);
      const tight = lossRiseAndSpan(m, 1e-11);
      expect(tight.qMax).toBeLessThanOrEqual(1 + 1e-6);
      expect(tight.qMax).toBeGreaterThan(0.99); // neurons do reach span(V)
      expect(tight.rise).toBeLessThan(1e-9);
      // at rtol 1e-8 the state is off the sphere by ~1e-8, which moves −Σφ(u_j) at first order
      const run = lossRiseAndSpan(m);
      expect(run.qMax).toBeLessThanOrEqual(1 + 1e-6);
      expect(run.rise).toBeLessThan(1e-7);
    });
  }

  const inSpan: Partial<ModelSpec>[] = [
    { beta: 0.1, d: 3 },
    { beta: 0.4, d: 3, p: 4 },
    { geom: 'orth', k: 4, d: 4, p: 3 },
    { geom: 'gram', k: 3, d: 3, gram: [1, 0.3, -0.2, 0.3, 1, 0.5, -0.2, 0.5, 1] },
  ];
  for (const over of inSpan) {
    it(`${JSON.stringify(over)}: d = k keeps q = 1 within 1e-6 for the whole run`, () => {
      const m = model(over);
      let worst = 0;
      sampleRun(createFlow(m), m, logTimes(1e-3, m.tEnd, 200), (_i, u, o) => {
        worst = Math.max(worst, Math.abs(spanNormSquared(m.geometry.chol, m.spec.k, u, o) - 1));
      });
      expect(worst).toBeLessThan(1e-6);
    });
  }

  it('d = k, odd p: neurons starting with all overlaps negative stay on the sphere (the set q = 1 repels there)', () => {
    // u·φ'(u) < 0 makes dq/dt = 2(1 − q) u·φ'(u) push q away from 1; without the in-span form
    // rounding errors grew until these neurons collapsed to u = 0.
    const m = model({ beta: 0.1, d: 3, n: 300 });
    const { n, k } = m.spec;
    const u0 = initialOverlaps(m);
    const r = runToEnd(m);
    let negative = 0;
    for (let i = 0; i < n; i++) {
      if (u0[i * k] < 0 && u0[i * k + 1] < 0 && u0[i * k + 2] < 0) {
        negative++;
        expect(Math.abs(spanNormSquared(m.geometry.chol, k, r.u, i * k) - 1)).toBeLessThan(1e-6);
      }
    }
    expect(negative).toBeGreaterThan(10);
  });
});
