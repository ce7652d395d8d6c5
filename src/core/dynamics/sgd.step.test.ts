// One SGD step (docs/model.md §10) against the update written out plainly, on odd d so the
// unrolled loops' remainders are exercised: the partial sums change rounding only.
import { describe, expect, it } from 'vitest';
import { polyval } from '../model/kernel.ts';
import type { ModelSpec } from '../model/model.ts';
import { sgdTestModel } from './sgdTestModel.ts';
import { createSgd } from './factory.ts';
import { GaussianSamples } from './sampleStream.ts';
import type { SgdSetup } from './sgd.ts';

function sgdOf(over: Partial<ModelSpec>) {
  return createSgd(sgdTestModel({ n: 6, d: 23, seed: 5, eta: 0.05, ...over }));
}

describe('SGD step', () => {
  it.each([[1, 23], [3, 23], [2, 1001], [1, 6]])('batch %i, d = %i: w ← normalize(w + η(I − ŵŵᵀ)g), g the batch mean of σ\'(ŵ·x) y x', (batch, d) => {
    const sgd = sgdOf({ batch, d });
    const { n, k } = sgd;
    const setup = sgd['setup'] as SgdSetup;
    const chol = setup.geometry.chol;
    const eta = sgd.sampling.eta;
    const w0 = sgd.weights.slice();
    const samples = new GaussianSamples(setup.seed);
    const X = new Float64Array(batch * d);
    const Y = new Float64Array(batch);
    for (let b = 0; b < batch; b++) {
      samples.next(X, b * d, d);
      for (let j = 0; j < k; j++) {
        let vx = 0;
        for (let m = 0; m <= j; m++) vx += chol[j * k + m] * X[b * d + m];
        Y[b] += polyval(setup.target, vx);
      }
    }
    sgd.step();
    let worst = 0, moved = 0;
    for (let i = 0; i < n; i++) {
      const w = w0.subarray(i * d, (i + 1) * d);
      const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0));
      const wh = w.map((x) => x / norm);
      const g = new Float64Array(d);
      for (let b = 0; b < batch; b++) {
        const z = wh.reduce((s, x, m) => s + x * X[b * d + m], 0);
        const c = (polyval(setup.sigmaSlope, z) * Y[b]) / batch;
        for (let m = 0; m < d; m++) g[m] += c * X[b * d + m];
      }
      const wg = wh.reduce((s, x, m) => s + x * g[m], 0);
      const next = wh.map((x, m) => x + eta * (g[m] - wg * x));
      const len = Math.sqrt(next.reduce((s, x) => s + x * x, 0));
      for (let m = 0; m < d; m++) {
        const got = sgd.weights[i * d + m] / Math.sqrt(sgd.norms[i]);
        worst = Math.max(worst, Math.abs(got - next[m] / len));
        moved = Math.max(moved, Math.abs(got - wh[m]));
      }
    }
    expect(worst).toBeLessThan(1e-13);
    expect(moved).toBeGreaterThan(1e-6);
  });
});
