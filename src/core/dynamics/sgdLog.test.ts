// The SGD module's logarithm against math/log.ts, bit for bit, over every branch of the
// algorithm the polar method's r in (0, 1) can reach.
import { describe, expect, it } from 'vitest';
import { log } from '../math/log.ts';
import { Rng } from '../math/rng.ts';
import { sgdKernels } from './sgdKernels.ts';

const kernels = sgdKernels(65536);

describe.skipIf(!kernels)('the SGD module’s logarithm', () => {
  const same = (x: number) => Object.is(kernels!.log(x), log(x));

  it('gives math/log.ts’s double for uniform r, r², and r near 1 ± 0.2 and near 1', () => {
    const rng = new Rng(11);
    const bad: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const u = rng.uniform();
      for (const x of [u, u * u, 0.8 + 0.05 * u, 1.2 - 0.25 * u, 1 - u * 2 ** -22]) {
        if (x > 0 && x < 1 && !same(x)) bad.push(x);
      }
    }
    expect(bad).toEqual([]);
  });

  it('gives it where f is 0 or tiny (powers of two, and their neighbours) and at the smallest r the sampler can draw', () => {
    const xs = [0.5, 0.25, 2 ** -20, 2 ** -104, 1 - 2 ** -53, 1 - 2 ** -30, 0.5 * (1 + 2 ** -52), 0.5 * (1 + 2 ** -25), Math.SQRT1_2, Math.SQRT1_2 * (1 + 2 ** -40)];
    for (const x of xs) expect(kernels!.log(x), String(x)).toBe(log(x));
  });
});
