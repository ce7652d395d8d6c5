import { describe, expect, it } from 'vitest';
import { log } from './log.ts';
import { Rng } from './rng.ts';

/** The same double, bit for bit (Object.is also tells −0 from 0 and matches NaN). */
const same = (a: number, b: number) => Object.is(a, b);

describe('log', () => {
  it('is Node’s Math.log bit for bit on 2·10⁶ arguments in (0, 1), as the polar method takes them', () => {
    const rng = new Rng(7);
    let differ = 0;
    for (let i = 0; i < 2_000_000; i++) {
      const x = rng.uniform();
      if (x > 0 && !same(log(x), Math.log(x))) differ++;
    }
    expect(differ).toBe(0);
  });

  it('is Math.log bit for bit over every exponent, near 1, at powers of two, subnormals and the edges', () => {
    const rng = new Rng(11);
    const xs: number[] = [0, -0, -1, Infinity, -Infinity, NaN, 1, 2, 0.5, Number.MIN_VALUE, 2.2250738585072014e-308, Number.MAX_VALUE];
    for (let e = -1074; e <= 1023; e++) xs.push(2 ** e);
    for (let i = 1; i <= 52; i++) xs.push(1 + 2 ** -i, 1 - 2 ** -i, 1 + 2 ** -i * 0.75);
    for (let i = 0; i < 200_000; i++) xs.push((1 + rng.uniform()) * 2 ** Math.floor(rng.uniform() * 2098 - 1074));
    for (let i = 0; i < 100_000; i++) xs.push(1 + (rng.uniform() - 0.5) * 0.6);
    const bad = xs.filter((x) => !same(log(x), Math.log(x)));
    expect(bad).toEqual([]);
  });

  it('gives ln e and ln 10', () => {
    expect(log(Math.E)).toBeCloseTo(1, 15);
    expect(log(10)).toBe(Math.LN10);
  });
});
