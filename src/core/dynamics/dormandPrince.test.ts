// The squared-loss flow interpolates straight from a step's stages; the correlation flow stores
// the coefficients first. Both must give the same bits, or the app and the CLI would disagree.
import { describe, expect, it } from 'vitest';
import { denseValue, denseValuesOfStep, writeDense } from './dormandPrince.ts';
import { Rng } from '../math/rng.ts';

describe('denseValuesOfStep', () => {
  it('equals writeDense then denseValue bit for bit, and moves between the ends', () => {
    const len = 257, rng = new Rng(11);
    const arr = () => Float64Array.from({ length: len }, () => 2 * rng.uniform() - 1);
    const [y, yNew, f, k3, k4, k5, k6, k7] = [arr(), arr(), arr(), arr(), arr(), arr(), arr(), arr()];
    const h = 0.37;
    const D = new Float64Array(5 * len);
    for (let q = 0; q < len; q++) writeDense(D, q, len, q, h, y, yNew, f, k3, k4, k5, k6, k7);
    const out = new Float64Array(len);
    for (const th of [0, 0.1, 0.5, 0.77, 1]) {
      denseValuesOfStep(out, len, th, h, y, yNew, f, k3, k4, k5, k6, k7);
      for (let q = 0; q < len; q++) expect(Object.is(out[q], denseValue(D, q, len, th))).toBe(true);
    }
    denseValuesOfStep(out, len, 0, h, y, yNew, f, k3, k4, k5, k6, k7);
    expect(Array.from(out)).toEqual(Array.from(y));
    denseValuesOfStep(out, len, 1, h, y, yNew, f, k3, k4, k5, k6, k7);
    for (let q = 0; q < len; q++) expect(Math.abs(out[q] - yNew[q])).toBeLessThan(1e-15);
  });
});
