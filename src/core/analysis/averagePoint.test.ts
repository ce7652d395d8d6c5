// The average point w̄ and the sharp threshold β_c (docs/model.md §7), against closed forms and
// an independent root search.
import { describe, expect, it } from 'vitest';
import { parseActivation, type Activation } from '../model/activation.ts';
import { averageOverlap, averagePoint, averagePointSpanCurvature, betaCriticalRoots, monomialBetaCritical } from './averagePoint.ts';
import { correlationKernel, kernelFromCoefficients, monomialKernel } from '../model/kernel.ts';

function act(text: string): Activation {
  const r = parseActivation(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Columns of G^{1/2} for G = (1−β)I + β11ᵀ: explicit unit vectors with v_i·v_j = β. */
function equiangularVectors(k: number, beta: number): number[][] {
  const a = Math.sqrt(1 - beta), b = (Math.sqrt(1 + (k - 1) * beta) - a) / k;
  return Array.from({ length: k }, (_, j) => Array.from({ length: k }, (_, t) => (t === j ? a : 0) + b));
}

/** μ_span for φ = Σ c_p t^p, written out from the definition. */
function muSpanOf(c: number[], k: number, beta: number): number {
  const u = Math.sqrt((1 + (k - 1) * beta) / k);
  let d1 = 0, d2 = 0;
  c.forEach((cp, p) => {
    if (p >= 1) d1 += p * cp * u ** (p - 1);
    if (p >= 2) d2 += p * (p - 1) * cp * u ** (p - 2);
  });
  return k * u * d1 - (1 - beta) * d2;
}

/** Roots of f on (0, 1) by a sign scan and plain bisection. */
function bisectRoots(f: (b: number) => number, grid = 1000): number[] {
  const roots: number[] = [];
  for (let i = 0; i < grid; i++) {
    let lo = (i / grid) * 0.999999, hi = ((i + 1) / grid) * 0.999999;
    if (Math.sign(f(lo)) === Math.sign(f(hi))) continue;
    for (let it = 0; it < 200; it++) {
      const mid = 0.5 * (lo + hi);
      if (Math.sign(f(mid)) === Math.sign(f(lo))) lo = mid;
      else hi = mid;
    }
    roots.push(0.5 * (lo + hi));
  }
  return roots;
}

describe('average point', () => {
  it('u* = sqrt((1 + (k−1)β)/k) is the overlap of Σv_j/|Σv_j| with every v_j', () => {
    for (const [k, beta] of [[2, 0], [3, 0.25], [5, 0.6], [16, -0.05]]) {
      const V = equiangularVectors(k, beta);
      const s = V[0].map((_, t) => V.reduce((acc, v) => acc + v[t], 0));
      const norm = Math.hypot(...s);
      for (const v of V) expect(v.reduce((acc, x, t) => acc + (x * s[t]) / norm, 0)).toBeCloseTo(averageOverlap(k, beta), 14);
    }
  });

  it('for φ = t^p: μ_span = p u*^{p−2}[1 + (k−1)β − (p−1)(1−β)], μ_perp = k p u*^p', () => {
    for (const p of [2, 3, 4, 6]) {
      for (const k of [2, 3, 7]) {
        for (const beta of [0, 0.1, 0.45, 0.9]) {
          const u = Math.sqrt((1 + (k - 1) * beta) / k);
          const a = averagePoint(monomialKernel(p), k, beta, 1000);
          expect(a.overlap).toBeCloseTo(u, 14);
          expect(a.muSpan).toBeCloseTo(p * u ** (p - 2) * (1 + (k - 1) * beta - (p - 1) * (1 - beta)), 12);
          expect(a.muPerp).toBeCloseTo(k * p * u ** p, 12);
          expect(a.muPerp).toBeGreaterThan(0);
        }
      }
    }
  });

  it('mixture kernels: μ_span and μ_perp from the written-out definition', () => {
    const c = [0.1, 0.2, 0.3, 1, -0.4, 0.25];
    const K = kernelFromCoefficients(c);
    for (const [k, beta] of [[2, 0.3], [4, 0.05], [6, 0.7]]) {
      const a = averagePoint(K, k, beta);
      expect(a.muSpan).toBeCloseTo(muSpanOf(c, k, beta), 12);
      expect(averagePointSpanCurvature(K, k, beta)).toBeCloseTo(muSpanOf(c, k, beta), 12);
      const u = Math.sqrt((1 + (k - 1) * beta) / k);
      expect(a.muPerp).toBeCloseTo(k * u * (0.2 + 0.6 * u + 3 * u * u - 1.6 * u ** 3 + 1.25 * u ** 4), 12);
    }
  });
});

describe('β_c', () => {
  const table: [number, number, number][] = [
    [3, 3, 1 / 4],
    [4, 2, 1 / 2],
    [3, 2, 1 / 3],
    [4, 3, 2 / 5],
    [5, 4, 3 / 7],
    [6, 10, 4 / 14],
    [2, 5, 0],
  ];
  for (const [p, k, expected] of table) {
    it(`p* = ${p}, k = ${k}: β_c = ${expected.toFixed(4)}; μ_span changes sign there`, () => {
      expect(monomialBetaCritical(p, k)).toBeCloseTo(expected, 15);
      expect(betaCriticalRoots(monomialKernel(p), k)).toEqual([monomialBetaCritical(p, k)]);
      if (expected > 0) {
        const below = averagePoint(monomialKernel(p), k, expected - 1e-6, 1000);
        const above = averagePoint(monomialKernel(p), k, expected + 1e-6, 1000);
        expect(below.muSpan).toBeLessThan(0);
        expect(below.kind).toBe('saddle');
        expect(above.muSpan).toBeGreaterThan(0);
        expect(above.kind).toBe('minimum');
        expect(Math.abs(averagePoint(monomialKernel(p), k, expected).muSpan!)).toBeLessThan(1e-12);
      }
      // scaling the kernel does not move the threshold
      expect(betaCriticalRoots(correlationKernel(act(`${p}:2`), act(`${p}:3`)), k)).toEqual([monomialBetaCritical(p, k)]);
    });
  }

  it('no threshold for p < 2 or k < 2', () => {
    expect(monomialBetaCritical(1, 3)).toBeNull();
    expect(monomialBetaCritical(3, 1)).toBeNull();
    expect(betaCriticalRoots(monomialKernel(3), 1)).toEqual([]);
    expect(betaCriticalRoots(monomialKernel(1), 3)).toEqual([]);
  });

  it('mixture σ = σ* = 3:1,4:0.5: the numeric root equals an independent bisection of μ_span', () => {
    const K = correlationKernel(act('3:1,4:0.5'), act('3:1,4:0.5'));
    expect(K.monomial).toBe(0);
    for (const k of [2, 3, 5]) {
      const mine = bisectRoots((b) => muSpanOf([0, 0, 0, 1, 0.25], k, b));
      const roots = betaCriticalRoots(K, k);
      expect(mine.length).toBe(1);
      expect(roots.length).toBe(1);
      expect(roots[0]).toBeCloseTo(mine[0], 12);
      // the positive c_4 raises the threshold above that of pure t³
      expect(roots[0]).toBeGreaterThan(monomialBetaCritical(3, k) as number);
      expect(averagePoint(K, k, roots[0] - 1e-6).kind).toBe('saddle');
      expect(averagePoint(K, k, roots[0] + 1e-6).kind).toBe('minimum');
    }
  });

  it('a kernel with two sign changes of μ_span reports both roots', () => {
    const c = [0, 0, 0, 1, -0.8];
    const K = kernelFromCoefficients(c);
    const mine = bisectRoots((b) => muSpanOf(c, 5, b), 4000);
    const roots = betaCriticalRoots(K, 5);
    expect(mine.length).toBe(2);
    expect(roots.length).toBe(2);
    for (let r = 0; r < 2; r++) expect(roots[r]).toBeCloseTo(mine[r], 11);
    expect(K.negative).toEqual([4]);
  });

  it('named activations: ReLU with h_0..h_2 dropped, k = 3, matches bisection on the arc-cosine kernel, not its truncated series', () => {
    const K = correlationKernel(act('relu'), act('relu'), true);
    // φ(t) = (√(1−t²) + (π − arccos t)t)/(2π) − 1/(2π) − t/4 − t²/(4π)
    const d1 = (t: number) => (Math.PI - Math.acos(t)) / (2 * Math.PI) - 0.25 - t / (2 * Math.PI);
    const d2 = (t: number) => 1 / (2 * Math.PI * Math.sqrt(1 - t * t)) - 1 / (2 * Math.PI);
    const exact = bisectRoots((b) => {
      const u = Math.sqrt((1 + 2 * b) / 3);
      return 3 * u * d1(u) - (1 - b) * d2(u);
    });
    expect(betaCriticalRoots(K, 3)).toHaveLength(1);
    expect(betaCriticalRoots(K, 3)[0]).toBeCloseTo(exact[0], 9);
    // the degree-16 series alone would put it 2 % lower
    const series = bisectRoots((b) => muSpanOf(Array.from(K.c), 3, b));
    expect(series[0]).toBeCloseTo(0.52046, 4);
  });
});

describe('kind of w̄', () => {
  it('d = k: only μ_span decides; k = 1: only μ_perp', () => {
    const K = monomialKernel(3);
    expect(averagePoint(K, 3, 0.1, 3).kind).toBe('saddle');
    expect(averagePoint(K, 3, 0.4, 3).kind).toBe('minimum');
    expect(averagePoint(K, 1, 0, 10).kind).toBe('minimum');
    expect(averagePoint(K, 3, 0.25, 3).kind).toBe('degenerate');
  });
});
