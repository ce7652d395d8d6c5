// The SGD module's logarithm against math/log.ts, bit for bit, over every branch of the
// algorithm the polar method's r in (0, 1) can reach.
import { describe, expect, it } from 'vitest';
import { log } from '../math/log.ts';
import { Rng } from '../math/rng.ts';
import { sgdKernels } from './sgdKernels.ts';

const kernels = sgdKernels(65536);

/** the module's logarithms of xs, two at a time (an odd count gets a partner 0.5), 4096 a call */
function moduleLogs(xs: number[]): number[] {
  const at = 1024, out: number[] = [];
  for (let from = 0; from < xs.length; from += 4096) {
    const chunk = xs.slice(from, from + 4096), count = chunk.length + (chunk.length & 1);
    const memory = new Float64Array(kernels!.memory.buffer, at, count);
    memory.fill(0.5).set(chunk);
    kernels!.logs(at, count);
    out.push(...memory.subarray(0, chunk.length));
  }
  return out;
}

describe.skipIf(!kernels)('the SGD module’s logarithm', () => {

  it('gives math/log.ts’s double for uniform r, r², and r near 1 ± 0.2 and near 1', () => {
    const rng = new Rng(11);
    const xs: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      const u = rng.uniform();
      for (const x of [u, u * u, 0.8 + 0.05 * u, 1.2 - 0.25 * u, 1 - u * 2 ** -22]) if (x > 0 && x < 1) xs.push(x);
    }
    // in lanes beside every kind of partner: the lanes must not mix
    const logs = moduleLogs(xs);
    const bad = xs.filter((x, i) => !Object.is(logs[i], log(x)));
    expect(bad).toEqual([]);
  });

  it('gives it where f is 0 or tiny (powers of two, and their neighbours) and at the smallest r the sampler can draw', () => {
    // the series' edge: the fraction's top 20 bits 0xffffe, 0xfffff, 0, 1 (series) and 2 (general)
    const edge = [1 - 2 ** -20, 1 - 2 ** -21, 0.5 * (1 + 2 ** -21), 0.5 * (1 + 2 ** -20), 0.5 * (1 + 2 ** -19), 0.75 * (1 - 2 ** -20)];
    const xs = [0.5, 0.25, 2 ** -20, 2 ** -104, 1 - 2 ** -53, 1 - 2 ** -30, 0.5 * (1 + 2 ** -52), 0.5 * (1 + 2 ** -25), Math.SQRT1_2, Math.SQRT1_2 * (1 + 2 ** -40), ...edge];
    const special = moduleLogs(xs);
    xs.forEach((x, i) => expect(special[i], String(x)).toBe(log(x)));
    // each beside a general-case partner, in either lane
    for (const x of xs) {
      const [a, , , b] = moduleLogs([x, 0.3, 0.7, x]);
      expect([a, b], String(x)).toEqual([log(x), log(x)]);
    }
  });
});
