// The SIMD row passes (sgdKernels.ts) against the JavaScript ones in sgd.ts: the same seed must
// give the very same run, bit for bit, so a page without WebAssembly SIMD shows what the CLI
// prints. Odd d and d below one group of four exercise the remainders.
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../model/model.ts';
import { sgdTestModel } from './sgdTestModel.ts';
import { createSgd } from './factory.ts';
import { SgdDynamics, type SgdSetup } from './sgd.ts';
import { sgdKernels } from './sgdKernels.ts';

function pair(over: Partial<ModelSpec>) {
  const simd = createSgd(sgdTestModel({ seed: 11, ...over }));
  const setup = simd['setup'] as SgdSetup;
  const plain = new SgdDynamics({ ...setup, simd: false });
  return { simd, plain };
}

describe('SGD with SIMD row passes', () => {
  it('is available here (Node has WebAssembly SIMD), so the comparison below is not vacuous', () => {
    expect(sgdKernels(1)).not.toBeNull();
    const { simd, plain } = pair({});
    expect(simd['kernels']).not.toBeNull();
    expect(plain['kernels']).toBeNull();
  });

  it.each([[1, 101], [3, 101], [1, 7], [3, 7], [2, 3], [1, 5], [4, 64]])('batch %i, d = %i: bit-identical weights and norms after 2000 steps', (batch, d) => {
    const { simd, plain } = pair({ batch, d });
    expect(Array.from(simd.weights)).toEqual(Array.from(plain.weights));
    const w0 = simd.weights.slice();
    for (let s = 0; s < 2000; s++) {
      simd.step();
      plain.step();
    }
    // the run moved, so equality says something
    let moved = 0;
    for (let m = 0; m < w0.length; m++) moved = Math.max(moved, Math.abs(simd.weights[m] - w0[m]));
    expect(moved).toBeGreaterThan(1e-3);
    expect(Array.from(simd.weights)).toEqual(Array.from(plain.weights));
    expect(Array.from(simd.norms)).toEqual(Array.from(plain.norms));
    expect(Array.from(simd.failed)).toEqual(Array.from(plain.failed));
    const k = simd.k;
    const a = simd.measuredOverlaps(new Float64Array(simd.n * k));
    const b = plain.measuredOverlaps(new Float64Array(plain.n * k));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it.each([1, 3])('batch %i: a step whose norm overflows fails the same neurons on both paths', (batch) => {
    const { simd } = pair({ batch, d: 9, n: 40 });
    const setup = simd['setup'] as SgdSetup;
    // η² |g|² passes the largest double for some neurons and not for others
    const plan = { ...setup.plan, eta: 1e154 };
    const fast = new SgdDynamics({ ...setup, plan });
    const plain = new SgdDynamics({ ...setup, plan, simd: false });
    for (let s = 0; s < 3; s++) {
      fast.step();
      plain.step();
    }
    const failed = Array.from(plain.failed);
    expect(failed).toContain(1);
    expect(failed).toContain(0);
    expect(Array.from(fast.failed)).toEqual(failed);
    expect(Array.from(fast.norms)).toEqual(Array.from(plain.norms));
    expect(Array.from(fast.weights)).toEqual(Array.from(plain.weights));
  });
});
