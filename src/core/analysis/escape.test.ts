// k = 1 escape times against the closed form for φ(t) = t^3, and the search-phase scaling (§5).
import { describe, expect, it } from 'vitest';
import { structuredGeometry } from '../model/geometry.ts';
import { OverlapFlow } from '../dynamics/overlapFlow.ts';
import { kernelFromCoefficients, monomialKernel } from '../model/kernel.ts';
import { logLogSlope, scalarTravelTime, typicalEscapeTime } from './escape.ts';
import { overlapRHS } from '../dynamics/overlapOde.ts';

/** φ = t³, du/dt = 3u²(1 − u²): t = (1/3)[1/u0 − 1/u1 + atanh(u1) − atanh(u0)]. */
const cubicTravel = (u0: number, u1: number): number => (1 / u0 - 1 / u1 + Math.atanh(u1) - Math.atanh(u0)) / 3;

/** φ = t⁴, du/dt = 4u³(1 − u²): ∫ du/(4u³(1−u²)) = (1/4)[−1/(2u²) + ln u − ½ ln(1 − u²)]. */
const quarticTravel = (u0: number, u1: number): number => {
  const F = (u: number) => (-1 / (2 * u * u) + Math.log(u) - 0.5 * Math.log(1 - u * u)) / 4;
  return F(u1) - F(u0);
};

const U0S = [1e-3, 0.01, 0.03, 0.1, 0.3];

describe('scalarTravelTime', () => {
  for (const u0 of U0S) {
    it(`φ = t³, u0 = ${u0}: matches (1/3)[1/u0 − 1/u1 + atanh u1 − atanh u0] to 1e-8`, () => {
      for (const u1 of [0.5, 0.9, 0.99]) {
        const exact = cubicTravel(u0, u1);
        // the default 400 panels resolve the 1/(1 − u²) pole near u1 = 0.99 to ~6e-10
        expect(Math.abs(scalarTravelTime(monomialKernel(3), u0, u1) / exact - 1)).toBeLessThan(1e-8);
        expect(Math.abs(scalarTravelTime(monomialKernel(3), u0, u1, 4000) / exact - 1)).toBeLessThan(1e-12);
      }
    });
  }

  it('φ = t⁴ matches its closed form too', () => {
    for (const u0 of U0S) expect(Math.abs(scalarTravelTime(monomialKernel(4), u0, 0.5) / quarticTravel(u0, 0.5) - 1)).toBeLessThan(1e-10);
  });

  it('bad intervals give NaN; a kernel with φ\' = 0 on the way gives Infinity', () => {
    const K = monomialKernel(3);
    expect(scalarTravelTime(K, 0.5, 0.1)).toBeNaN();
    expect(scalarTravelTime(K, 0, 0.5)).toBeNaN();
    expect(scalarTravelTime(K, 0.1, 1)).toBeNaN();
    // φ'(u) = 3u² − 0.75 is negative below u = 0.5: the neuron never gets from 0.3 to 0.9
    const K2 = kernelFromCoefficients([0, -0.75, 0, 1]);
    expect(scalarTravelTime(K2, 0.3, 0.9)).toBe(Infinity);
    expect(scalarTravelTime(K2, 0.6, 0.9)).toBeGreaterThan(0);
  });
});

describe('integrator escape time (level 0.5)', () => {
  const g = structuredGeometry('orth', 1, 0);
  if (!g.ok) throw new Error(g.error);
  const rhs = overlapRHS(g.value, monomialKernel(3));

  it('for several u0, in one flow of many neurons, agrees with the closed form (rel err < 1e-5)', () => {
    const flow = new OverlapFlow(rhs, 1, Float64Array.from(U0S), U0S.length, { escapeLevel: 0.5 });
    flow.advanceTo(2 * cubicTravel(U0S[0], 0.5));
    U0S.forEach((u0, i) => {
      expect(Math.abs(flow.escapeTime[i] / cubicTravel(u0, 0.5) - 1)).toBeLessThan(1e-5);
    });
  });

  it('escape time is NaN until the level is reached, and other levels work', () => {
    const flow = new OverlapFlow(rhs, 1, Float64Array.of(0.05), 1, { escapeLevel: 0.8 });
    const T = cubicTravel(0.05, 0.8);
    flow.advanceTo(0.9 * T);
    expect(flow.escapeTime[0]).toBeNaN();
    flow.advanceTo(1.1 * T);
    expect(Math.abs(flow.escapeTime[0] / T - 1)).toBeLessThan(1e-5);
  });

  it('a negative start escapes by |u|: u0 = −0.1 under φ = t⁴ reaches −0.5 at the closed-form time', () => {
    const flow = new OverlapFlow(overlapRHS(g.value, monomialKernel(4)), 1, Float64Array.of(-0.1), 1);
    flow.advanceTo(100);
    expect(Math.abs(flow.escapeTime[0] / quarticTravel(0.1, 0.5) - 1)).toBeLessThan(1e-5);
  });
});

describe('search-phase scaling', () => {
  it('typical escape time grows like d^{p/2 − 1}: slope 1/2 for p = 3, 1 for p = 4, 2 for p = 6', () => {
    const ds = [1e4, 1e5, 1e6, 1e7, 1e8];
    for (const [p, slope] of [[3, 0.5], [4, 1], [6, 2]]) {
      const times = ds.map((d) => typicalEscapeTime(monomialKernel(p), d));
      expect(logLogSlope(ds, times)).toBeCloseTo(slope, 2);
    }
  });

  it('p = 2 grows like (1/4) log d: T = F(1/2) − F(d^{−1/2}), F(u) = (1/2)[ln u − ½ ln(1 − u²)]', () => {
    const K = monomialKernel(2);
    const F = (u: number) => 0.5 * (Math.log(u) - 0.5 * Math.log(1 - u * u));
    for (const d of [1e4, 1e6, 1e9]) expect(typicalEscapeTime(K, d)).toBeCloseTo(F(0.5) - F(1 / Math.sqrt(d)), 9);
    expect(typicalEscapeTime(K, 1e8) - typicalEscapeTime(K, 1e4)).toBeCloseTo(0.25 * Math.log(1e4), 4);
  });

  it('logLogSlope fits a power law exactly and skips non-positive points', () => {
    expect(logLogSlope([1, 2, 4, 8, 0], [3, 3 * 2 ** 1.7, 3 * 4 ** 1.7, 3 * 8 ** 1.7, 5])).toBeCloseTo(1.7, 12);
  });
});
