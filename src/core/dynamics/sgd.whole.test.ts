// Whole SGD steps in the WebAssembly module (sgdSteps.ts: sampler, labels, every neuron's update)
// against the JavaScript step, and against the module's row passes driven from JavaScript: the
// same seed must give the same weights, norms, failed flags and sample-generator state, bit for
// bit, so every link opens the run it opened before, with or without WebAssembly SIMD.
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../model/model.ts';
import { sgdTestModel } from './sgdTestModel.ts';
import { createSgd } from './factory.ts';
import { SgdDynamics, type SgdSetup } from './sgd.ts';

function runs(over: Partial<ModelSpec>) {
  const whole = createSgd(sgdTestModel({ seed: 17, ...over }));
  const setup = whole['setup'] as SgdSetup;
  return {
    whole,
    rows: new SgdDynamics({ ...setup, wholeSteps: false }),
    plain: new SgdDynamics({ ...setup, simd: false }),
  };
}

function stateOf(s: SgdDynamics) {
  return {
    weights: Array.from(s.weights),
    norms: Array.from(s.norms),
    failed: Array.from(s.failed),
    generator: s.generatorState(),
    steps: s.stepCount,
  };
}

const activations: [string, Partial<ModelSpec>][] = [
  ['default σ = σ* = h₃', {}],
  ['σ = tanh, σ* = relu', { sigma: 'tanh', target: 'relu' }],
  ['σ = 2:0.5,3:1,5:0.3, σ* = 3:1,4:0.7, k = 2', { sigma: '2:0.5,3:1,5:0.3', target: '3:1,4:0.7', k: 2 }],
];

describe('whole SGD steps in the module', () => {
  it('run where WebAssembly SIMD is available, so the comparisons below are not vacuous', () => {
    const { whole, rows, plain } = runs({});
    expect(whole['whole']).toBe(true);
    expect(rows['whole']).toBe(false);
    expect(rows['kernels']).not.toBeNull();
    expect(plain['kernels']).toBeNull();
  });

  describe.each(activations)('%s', (_, acts) => {
    it.each([[1, 7], [1, 101], [3, 7], [3, 101]])('batch %i, d = %i: 3000 steps give the JavaScript step’s weights, norms and generator state', (batch, d) => {
      const { whole, rows, plain } = runs({ batch, d, ...acts });
      const start = Array.from(whole.weights);
      // chunks of several sizes, single steps between them, and a pause by time
      whole.takeSteps(1);
      whole.takeSteps(1234);
      for (let s = 0; s < 15; s++) whole.step();
      whole.takeSteps(1750);
      for (let s = 0; s < 3000; s++) plain.step();
      rows.takeSteps(3000);
      const got = stateOf(whole);
      const want = stateOf(plain);
      expect(got.steps).toBe(3000);
      // the run moved and the stream advanced, so equality says something
      expect(Math.max(...got.weights.map((w, m) => Math.abs(w - start[m])))).toBeGreaterThan(1e-3);
      expect(got.generator.words).not.toEqual(runs({ batch, d, ...acts }).whole.generatorState().words);
      expect(got).toEqual(want);
      expect(stateOf(rows)).toEqual(want);
      expect(whole.samples).toBe(plain.samples);
      expect(whole.stats).toEqual(plain.stats);
    });
  });

  it('advanceTo takes the same steps as the JavaScript step, paused at any times', () => {
    const { whole, plain } = runs({ batch: 2, d: 33 });
    const eta = whole.sampling.eta;
    const a = new Float64Array(whole.n * whole.k), b = new Float64Array(plain.n * plain.k);
    for (const t of [0.3, 0.3, 1.01, 7 * eta, 5.5]) {
      whole.advanceTo(t, a);
      plain.advanceTo(t, b);
      expect(whole.stepCount).toBe(plain.stepCount);
      expect(Array.from(a)).toEqual(Array.from(b));
    }
    expect(stateOf(whole)).toEqual(stateOf(plain));
  });

  it.each([[1, 40], [1, 41], [3, 41]])('batch %i, n = %i: a step whose norm overflows fails the same neurons as in JavaScript', (batch, n) => {
    const { whole } = runs({ batch, d: 9, n, seed: 11 });
    const setup = whole['setup'] as SgdSetup;
    const plan = { ...setup.plan, eta: 1e154 };
    const fast = new SgdDynamics({ ...setup, plan });
    const plain = new SgdDynamics({ ...setup, plan, simd: false });
    fast.takeSteps(3);
    for (let s = 0; s < 3; s++) plain.step();
    const failed = Array.from(plain.failed);
    expect(failed).toContain(1);
    expect(failed).toContain(0);
    expect(stateOf(fast)).toEqual(stateOf(plain));
  });
});
