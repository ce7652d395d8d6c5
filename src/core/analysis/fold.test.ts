import { describe, expect, it } from 'vitest';
import { averageOverlap, betaCriticalRoots } from './averagePoint.ts';
import { betaFoldRoots, indexMinimum } from './fold.ts';
import { structuredGeometry } from '../model/geometry.ts';
import { criticalPointHessian } from './hessian.ts';
import { kernelFromCoefficients, monomialKernel, type Kernel } from '../model/kernel.ts';
import { overlapRHS } from '../dynamics/overlapOde.ts';

// An independent computation: u = (a, b, …, b) on uᵀG⁻¹u = 1 solved for b as a function of a
// (the larger root of the quadratic (k−1)b² − 2β(k−1)ab + (1 + (k−2)β)a² − (1−β)(1+(k−1)β) = 0),
// then the fixed-point condition of Gφ'(u) = λu for that pattern,
//   F(a) = (φ'(a) + (k−1)βφ'(b))·b − (βφ'(a) + (1+(k−2)β)φ'(b))·a,
// counted for roots by brute force on a fine grid of a in (u*, 1]. The minimum near v_j exists
// while F has a root away from u*; β_fold is where the last one disappears.
function othersOf(k: number, beta: number, a: number): number {
  const disc = beta * beta * a * a - ((1 + (k - 2) * beta) * a * a - (1 - beta) * (1 + (k - 1) * beta)) / (k - 1);
  return beta * a + Math.sqrt(Math.max(disc, 0));
}

function fixedPointResidual(c: number[], k: number, beta: number, a: number): number {
  const dphi = (t: number) => c.reduce((s, cp, p) => s + (p > 0 ? p * cp * t ** (p - 1) : 0), 0);
  const b = othersOf(k, beta, a);
  return (dphi(a) + (k - 1) * beta * dphi(b)) * b - (beta * dphi(a) + (1 + (k - 2) * beta) * dphi(b)) * a;
}

function branchExists(c: number[], k: number, beta: number, samples = 20000): boolean {
  const us = averageOverlap(k, beta);
  const lo = us + 0.02 * (1 - us);
  let prev = fixedPointResidual(c, k, beta, 1);
  for (let i = 1; i <= samples; i++) {
    const a = 1 - ((1 - lo) * i) / samples;
    const f = fixedPointResidual(c, k, beta, a);
    if (f === 0 || Math.sign(f) !== Math.sign(prev)) return true;
    prev = f;
  }
  return false;
}

function bruteForceFold(c: number[], k: number, lo: number, hi: number): number {
  expect(branchExists(c, k, lo)).toBe(true);
  expect(branchExists(c, k, hi)).toBe(false);
  for (let it = 0; it < 30; it++) {
    const mid = 0.5 * (lo + hi);
    if (branchExists(c, k, mid)) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

const monomial = (p: number) => Array.from({ length: p + 1 }, (_, i) => (i === p ? 1 : 0));

describe('betaFoldRoots', () => {
  it.each([
    [3, 3, 0.261],
    [3, 16, 0.114],
    [4, 3, 0.416],
  ])('φ = t^%i, k = %i: one fold near %f, above β_c, matching a brute-force count of fixed points', (p, k, rounded) => {
    const roots = betaFoldRoots(monomialKernel(p), k);
    expect(roots).toHaveLength(1);
    const [bf] = roots;
    expect(bf).toBeCloseTo(rounded, 3);
    expect(bf).toBeGreaterThan(betaCriticalRoots(monomialKernel(p), k)[0]);
    const brute = bruteForceFold(monomial(p), k, bf - 0.01, bf + 0.01);
    expect(Math.abs(brute - bf)).toBeLessThan(2e-5);
  });

  it('a mixture kernel agrees with the brute force too', () => {
    const c = [0, 0, 0, 1, 0.5];
    const [bf] = betaFoldRoots(kernelFromCoefficients(c), 3);
    expect(Math.abs(bruteForceFold(c, 3, bf - 0.02, bf + 0.02) - bf)).toBeLessThan(2e-5);
  });

  it('k = 2: the minima near v_1, v_2 run into w̄ at β_c (no window), so β_fold = β_c', () => {
    expect(betaFoldRoots(monomialKernel(3), 2)).toEqual([1 / 3]);
    expect(branchExists(monomial(3), 2, 1 / 3 - 0.02)).toBe(true);
    expect(branchExists(monomial(3), 2, 1 / 3 + 0.005)).toBe(false);
    // just below β_c the minimum is already close to w̄ (u* = 0.8165 at β_c)
    expect(indexMinimum(monomialKernel(3), 2, 1 / 3 - 1e-4)!.overlap).toBeLessThan(0.84);
  });

  it('is empty for k = 1 and p* ≤ 2', () => {
    expect(betaFoldRoots(monomialKernel(3), 1)).toEqual([]);
    expect(betaFoldRoots(monomialKernel(2), 3)).toEqual([]);
    expect(betaFoldRoots(kernelFromCoefficients([0, 1, 0, 1]), 3)).toEqual([]);
  });
});

describe('indexMinimum', () => {
  const hessianAt = (K: Kernel, k: number, beta: number, u: number[]) => {
    const g = structuredGeometry('equi', k, beta);
    if (!g.ok) throw new Error(g.error);
    return { H: criticalPointHessian(g.value, K, u), rhs: overlapRHS(g.value, K) };
  };

  it('is v_j at β = 0 and 3/√10 at β_c = 1/4 for φ = t³, k = 3', () => {
    expect(indexMinimum(monomialKernel(3), 3, 0)!.overlap).toBeCloseTo(1, 12);
    const m = indexMinimum(monomialKernel(3), 3, 0.25)!;
    expect(m.overlap).toBeCloseTo(3 / Math.sqrt(10), 10);
  });

  it('is a fixed point with a positive-definite Hessian up to the fold and is gone just after it', () => {
    for (const [p, k] of [[3, 3], [3, 16], [4, 3]]) {
      const K = monomialKernel(p);
      const [bf] = betaFoldRoots(K, k);
      for (const beta of [0.1 * bf, 0.5 * bf, bf - 1e-3]) {
        const m = indexMinimum(K, k, beta)!;
        const u = [m.overlap, ...new Array(k - 1).fill(m.others)];
        const { H, rhs } = hessianAt(K, k, beta, u);
        const du = new Float64Array(k);
        rhs(Float64Array.from(u), 0, du, 0);
        for (const x of du) expect(Math.abs(x)).toBeLessThan(1e-9);
        expect(Math.min(...H.span)).toBeGreaterThan(0);
      }
      expect(indexMinimum(K, k, bf + 1e-3)).toBeNull();
    }
  });
});
