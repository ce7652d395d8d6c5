// The module's logarithm (sgdLog.ts) must give Math.log's double for every input the sampler can
// meet and the edges of the algorithm's branches, or the SGD module's samples would drift from the
// JavaScript sampler's and a link would open a different run.
import { describe, expect, it } from 'vitest';
import { Rng } from '../math/rng.ts';
import { sgdKernels } from './sgdKernels.ts';

const kernels = sgdKernels(1);

/** inputs whose logarithm differs from Math.log's in any bit, as [x, got, expected] */
function mismatches(xs: Iterable<number>): [number, number, number][] {
  const log = kernels!.log;
  const out: [number, number, number][] = [];
  for (const x of xs) {
    const got = log(x), want = Math.log(x);
    if (!Object.is(got, want)) out.push([x, got, want]);
  }
  return out;
}

/** the doubles a few ulps either side of x */
function around(x: number, ulps: number): number[] {
  const f = new Float64Array(1), bits = new BigInt64Array(f.buffer);
  f[0] = x;
  const center = bits[0];
  const out: number[] = [];
  for (let u = -ulps; u <= ulps; u++) {
    bits[0] = center + BigInt(u);
    out.push(f[0]);
  }
  return out;
}

describe('the SGD module’s log', () => {
  it('exists here (Node has WebAssembly SIMD)', () => {
    expect(kernels).not.toBeNull();
  });

  it('equals Math.log bit for bit on 10⁶ uniform draws in (0, 1)', () => {
    const rng = new Rng(2026, 7);
    function* draws() {
      for (let i = 0; i < 1_000_000; i++) yield rng.uniform() || Number.MIN_VALUE;
    }
    expect(mismatches(draws())).toEqual([]);
  });

  it('equals Math.log on the polar method’s r = x² + y² and on log-uniform doubles over the whole range', () => {
    const rng = new Rng(5, 3);
    const xs: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const x = 2 * rng.uniform() - 1, y = 2 * rng.uniform() - 1;
      xs.push(x * x + y * y);
      xs.push(Math.pow(2, 2100 * rng.uniform() - 1074) * (1 + rng.uniform()));
    }
    expect(mismatches(xs)).toEqual([]);
  });

  it('equals Math.log at the edges: 0, subnormals, 1 and its neighbours, powers of two, the branch thresholds, ∞, NaN, negatives', () => {
    const xs: number[] = [0, -0, Infinity, -Infinity, NaN, -1, -Number.MIN_VALUE, Number.MAX_VALUE, Number.MIN_VALUE, 2.2250738585072014e-308];
    for (let e = -1074; e <= 1023; e++) xs.push(...around(Math.pow(2, e), 3));
    for (let s = 1; s <= 52; s++) xs.push(Number.MIN_VALUE * (2 ** s - 1), Number.MIN_VALUE * 3 ** (s % 30));
    xs.push(...around(1, 5000));
    // 1 ± 2^-20 (the short series' edge), √2 (where the mantissa is halved), the two polynomial forms' split
    for (const x of [1 + 2 ** -20, 1 - 2 ** -20, Math.SQRT2, Math.SQRT1_2, 1 + 0x6147a / 2 ** 20, 1 + 0x6b851 / 2 ** 20, 1 + 0x95f64 / 2 ** 20]) {
      for (const scale of [1, 2, 0.5, 2 ** 100, 2 ** -100, 2 ** -1060]) xs.push(...around(x * scale, 20));
    }
    const wrong = mismatches(xs.filter((x) => !Number.isNaN(Math.log(x))));
    expect(wrong).toEqual([]);
    // log of a negative or NaN is NaN on both sides
    for (const x of [NaN, -1, -Number.MIN_VALUE, -Infinity]) expect(kernels!.log(x)).toBeNaN();
    expect(xs.length).toBeGreaterThan(25_000);
  });
});
