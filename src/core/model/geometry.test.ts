// Gram matrices, their validation, Cholesky factors and span coordinates.
import { describe, expect, it } from 'vitest';
import { cholesky, customGeometry, equiangularGram, spanCoordinates, spanNormSquared, structuredGeometry, type Geometry } from './geometry.ts';
import { Rng } from '../math/rng.ts';

function geometryOk(r: ReturnType<typeof customGeometry>): Geometry {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function errorOf(r: { ok: boolean; error?: string }): string {
  if (r.ok) throw new Error('expected a rejection');
  return r.error as string;
}

/** max |L Lᵀ − G| */
function reconstructionError(L: Float64Array, G: ArrayLike<number>, k: number): number {
  let worst = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m < k; m++) s += L[i * k + m] * L[j * k + m];
      worst = Math.max(worst, Math.abs(s - G[i * k + j]));
    }
  }
  return worst;
}

/** Unit vectors in R^m from a seeded generator, and their Gram matrix. */
function randomUnitVectors(k: number, m: number, seed: number): { V: number[][]; G: number[] } {
  const rng = new Rng(seed);
  const V: number[][] = [];
  for (let j = 0; j < k; j++) {
    const v = Array.from({ length: m }, () => rng.normal());
    const r = Math.hypot(...v);
    V.push(v.map((x) => x / r));
  }
  const G: number[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) G.push(V[i].reduce((s, x, t) => s + x * V[j][t], 0));
  return { V, G };
}

describe('equiangular geometry', () => {
  it('G = (1−β)I + β11ᵀ', () => {
    const G = equiangularGram(3, 0.3);
    expect(Array.from(G)).toEqual([1, 0.3, 0.3, 0.3, 1, 0.3, 0.3, 0.3, 1]);
  });

  it('accepted exactly on −1/(k−1) < β < 1, with full rank and L Lᵀ = G', () => {
    for (const k of [2, 3, 5, 16]) {
      const lo = -1 / (k - 1);
      for (const beta of [lo + 1e-6, lo / 2, 0, 0.25, 0.9, 1 - 1e-6]) {
        const g = structuredGeometry('equi', k, beta);
        expect(g.ok).toBe(true);
        if (!g.ok) continue;
        expect(g.value.rank).toBe(k);
        expect(reconstructionError(g.value.chol, g.value.gram, k)).toBeLessThan(1e-12);
        // lower triangular with a positive diagonal
        for (let i = 0; i < k; i++) {
          expect(g.value.chol[i * k + i]).toBeGreaterThan(0);
          for (let j = i + 1; j < k; j++) expect(g.value.chol[i * k + j]).toBe(0);
        }
      }
      for (const beta of [lo, lo - 0.01, 1, 1.5, NaN]) {
        const g = structuredGeometry('equi', k, beta);
        expect(errorOf(g)).toMatch(/must lie in \(−1\/\(k−1\), 1\)/);
      }
    }
  });

  it('orthogonal geometry is G = I with L = I, whatever β is passed', () => {
    const g = structuredGeometry('orth', 4, 0.7);
    if (!g.ok) throw new Error(g.error);
    expect(g.value.beta).toBe(0);
    expect(Array.from(g.value.chol)).toEqual(Array.from(equiangularGram(4, 0)));
  });
});

describe('customGeometry', () => {
  it('accepts a random full-rank Gram matrix and factors it', () => {
    const { G } = randomUnitVectors(5, 7, 3);
    const g = geometryOk(customGeometry(G, 5));
    expect(g.rank).toBe(5);
    expect(g.kind).toBe('gram');
    expect(reconstructionError(g.chol, G, 5)).toBeLessThan(1e-12);
  });

  it('accepts a singular PSD matrix (a duplicated vector) with rank 2 and L Lᵀ = G', () => {
    const b = 0.4;
    const G = [1, 1, b, 1, 1, b, b, b, 1];
    const g = geometryOk(customGeometry(G, 3));
    expect(g.rank).toBe(2);
    expect(reconstructionError(g.chol, G, 3)).toBeLessThan(1e-12);
    // three vectors in a plane: v3 = (v1 + v2)/|v1 + v2| with v1·v2 = 0.2
    const c = 0.2, s = Math.sqrt(2 + 2 * c);
    const a = (1 + c) / s;
    const G2 = [1, c, a, c, 1, a, a, a, 1];
    const g2 = geometryOk(customGeometry(G2, 3));
    expect(g2.rank).toBe(2);
    expect(reconstructionError(g2.chol, G2, 3)).toBeLessThan(1e-12);
  });

  it('rejects a wrong number of entries', () => {
    expect(errorOf(customGeometry([1, 0, 0], 2))).toBe('Gram matrix needs k² = 4 entries, got 3');
  });

  it('rejects NaN and infinite entries, naming the entry', () => {
    expect(errorOf(customGeometry([1, NaN, NaN, 1], 2))).toBe('Gram entry 2 is not a finite number');
    expect(errorOf(customGeometry([1, 0, 0, Infinity], 2))).toBe('Gram entry 4 is not a finite number');
  });

  it('rejects a non-unit diagonal', () => {
    expect(errorOf(customGeometry([1, 0, 0, 2], 2))).toMatch(/diagonal entry \(2,2\) is 2, must be 1/);
  });

  it('rejects an asymmetric matrix', () => {
    expect(errorOf(customGeometry([1, 0.2, 0.3, 1], 2))).toMatch(/not symmetric: entry \(2,1\) ≠ \(1,2\)/);
  });

  it('rejects entries outside [−1, 1]', () => {
    expect(errorOf(customGeometry([1, 1.5, 1.5, 1], 2))).toMatch(/outside \[-1, 1\]/);
  });

  it('rejects a symmetric unit-diagonal matrix that is not PSD', () => {
    // pairwise overlaps −0.6 among three unit vectors: eigenvalue 1 − 2·0.6 < 0
    expect(errorOf(customGeometry([1, -0.6, -0.6, -0.6, 1, -0.6, -0.6, -0.6, 1], 3))).toMatch(/not positive semidefinite/);
    // v1 = v2 but v1·v3 ≠ v2·v3: singular pivot with nonzero coupling
    expect(errorOf(customGeometry([1, 1, 0.5, 1, 1, 0.2, 0.5, 0.2, 1], 3))).toMatch(/not positive semidefinite/);
  });

  it('cholesky reports the failing pivot', () => {
    const r = cholesky(Float64Array.from([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]), 3);
    expect(errorOf(r)).toMatch(/pivot 3/);
  });
});

describe('span coordinates', () => {
  it('for w in R^m and V with VᵀV = G: |c|² = q = |P_V w|², and c = L⁻¹u', () => {
    const k = 4, m = 9;
    const { V, G } = randomUnitVectors(k, m, 11);
    const g = geometryOk(customGeometry(G, k));
    const rng = new Rng(5);
    for (let trial = 0; trial < 20; trial++) {
      const w = Array.from({ length: m }, () => rng.normal());
      const r = Math.hypot(...w);
      for (let t = 0; t < m; t++) w[t] /= r;
      const u = Float64Array.from(V.map((v) => v.reduce((s, x, t) => s + x * w[t], 0)));
      // independent projection: solve G α = u by Gaussian elimination, |P_V w|² = uᵀα
      const A = G.slice();
      const rhs = Array.from(u);
      for (let p = 0; p < k; p++) {
        for (let i = p + 1; i < k; i++) {
          const f = A[i * k + p] / A[p * k + p];
          for (let j = p; j < k; j++) A[i * k + j] -= f * A[p * k + j];
          rhs[i] -= f * rhs[p];
        }
      }
      const alpha = new Array<number>(k).fill(0);
      for (let i = k - 1; i >= 0; i--) {
        let s = rhs[i];
        for (let j = i + 1; j < k; j++) s -= A[i * k + j] * alpha[j];
        alpha[i] = s / A[i * k + i];
      }
      const qIndependent = alpha.reduce((s, a, j) => s + a * u[j], 0);
      const q = spanNormSquared(g.chol, k, u);
      expect(q).toBeCloseTo(qIndependent, 12);
      expect(q).toBeLessThanOrEqual(1 + 1e-12);
      const c = new Float64Array(k);
      spanCoordinates(g.chol, k, u, 0, c);
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let mm = 0; mm < k; mm++) s += g.chol[j * k + mm] * c[mm];
        expect(s).toBeCloseTo(u[j], 12);
      }
    }
  });

  it('w = v_j has c = row j of L and q = 1; offsets are honoured', () => {
    const g = structuredGeometry('equi', 3, 0.3);
    if (!g.ok) throw new Error(g.error);
    const L = g.value.chol;
    const u = Float64Array.from([9, 9, 0.3, 1, 0.3]);
    const c = new Float64Array(5);
    spanCoordinates(L, 3, u, 2, c, 1);
    for (let m = 0; m < 3; m++) expect(c[1 + m]).toBeCloseTo(L[1 * 3 + m], 14);
    expect(spanNormSquared(L, 3, u, 2)).toBeCloseTo(1, 14);
  });

  it('rank-deficient G: q of a vector inside the span is 1', () => {
    const b = 0.4;
    const g = geometryOk(customGeometry([1, 1, b, 1, 1, b, b, b, 1], 3));
    // w = v_3: overlaps (b, b, 1)
    expect(spanNormSquared(g.chol, 3, Float64Array.from([b, b, 1]))).toBeCloseTo(1, 13);
    // w = (v_1 + v_3)/|v_1 + v_3|
    const s = Math.sqrt(2 + 2 * b);
    expect(spanNormSquared(g.chol, 3, Float64Array.from([(1 + b) / s, (1 + b) / s, (1 + b) / s]))).toBeCloseTo(1, 13);
  });
});
