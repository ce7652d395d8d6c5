// Loss Hessian at critical points in span(V), against the general formula
// H[z,z] = −Σ_j φ''(u_j)(v_j·z)² + (Σ_j φ'(u_j)u_j)|z|² evaluated with explicit vectors.
import { describe, expect, it } from 'vitest';
import { averagePoint } from './averagePoint.ts';
import { structuredGeometry, type Geometry } from '../model/geometry.ts';
import { criticalPointHessian } from './hessian.ts';
import { OverlapFlow } from '../dynamics/overlapFlow.ts';
import { d2phi, dphi, kernelFromCoefficients, monomialKernel, type Kernel } from '../model/kernel.ts';
import { symmetricEigen } from '../math/linalg.ts';
import { overlapRHS } from '../dynamics/overlapOde.ts';

function equi(k: number, beta: number): Geometry {
  const g = structuredGeometry('equi', k, beta);
  if (!g.ok) throw new Error(g.error);
  return g.value;
}

/** Columns of G^{1/2}: explicit unit vectors in R^k with v_i·v_j = β. */
function equiangularVectors(k: number, beta: number): number[][] {
  const a = Math.sqrt(1 - beta), b = (Math.sqrt(1 + (k - 1) * beta) - a) / k;
  return Array.from({ length: k }, (_, j) => Array.from({ length: k }, (_, t) => (t === j ? a : 0) + b));
}

const dot = (x: number[], y: number[]) => x.reduce((s, v, t) => s + v * y[t], 0);

/** Orthonormal basis of the complement of w in R^k (Gram–Schmidt on e_1..e_k). */
function tangentBasis(w: number[]): number[][] {
  const basis: number[][] = [w.map((x) => x / Math.hypot(...w))];
  for (let e = 0; e < w.length && basis.length < w.length; e++) {
    const z = w.map((_, t) => (t === e ? 1 : 0));
    for (const b of basis) {
      const c = dot(z, b);
      for (let t = 0; t < z.length; t++) z[t] -= c * b[t];
    }
    const r = Math.hypot(...z);
    if (r > 1e-8) basis.push(z.map((x) => x / r));
  }
  return basis.slice(1);
}

/** The tangent Hessian matrix at w (in span, d = k) in the basis Z, from the general formula. */
function tangentHessian(V: number[][], K: Kernel, direction: number[]): number[][] {
  const w = direction.map((x) => x / Math.hypot(...direction));
  const u = V.map((v) => dot(v, w));
  const radial = u.reduce((s, x) => s + dphi(K, x) * x, 0);
  const Z = tangentBasis(w);
  return Z.map((za) =>
    Z.map((zb) => V.reduce((s, v, j) => s - d2phi(K, u[j]) * dot(v, za) * dot(v, zb), 0) + (za === zb ? radial : 0)),
  );
}

describe('criticalPointHessian at w̄', () => {
  for (const [p, k, beta] of [[3, 3, 0.1], [3, 3, 0.4], [4, 2, 0.3], [4, 5, 0.6], [5, 4, 0.2]]) {
    it(`φ = t^${p}, k = ${k}, β = ${beta}: k−1 span eigenvalues = μ_span, perp = μ_perp`, () => {
      const K = monomialKernel(p);
      const V = equiangularVectors(k, beta);
      const wbar = V[0].map((_, t) => V.reduce((s, v) => s + v[t], 0));
      const H = tangentHessian(V, K, wbar);
      const a = averagePoint(K, k, beta);
      // the explicit tangent Hessian is μ_span times the identity
      for (let x = 0; x < k - 1; x++) for (let y = 0; y < k - 1; y++) expect(H[x][y]).toBeCloseTo(x === y ? a.muSpan! : 0, 11);
      const u = new Float64Array(k).fill(a.overlap);
      const h = criticalPointHessian(equi(k, beta), K, u);
      expect(h.span).toHaveLength(k - 1);
      for (const e of h.span) expect(e).toBeCloseTo(a.muSpan!, 11);
      expect(h.perp).toBeCloseTo(a.muPerp, 12);
    });
  }
});

describe('criticalPointHessian at the minima near v_j', () => {
  it('orthogonal, φ = t^p: at w = v_1 every span eigenvalue and perp equal p', () => {
    for (const p of [3, 4]) {
      const g = structuredGeometry('orth', 4, 0);
      if (!g.ok) throw new Error(g.error);
      const h = criticalPointHessian(g.value, monomialKernel(p), Float64Array.of(1, 0, 0, 0));
      expect(h.span).toHaveLength(3);
      for (const e of h.span) expect(e).toBeCloseTo(p, 13);
      expect(h.perp).toBeCloseTo(p, 13);
    }
  });

  it('equiangular k = 3, β = 0.2, mixture φ: eigenvalues match the explicit 2×2 tangent Hessian', () => {
    const k = 3, beta = 0.2;
    const K = kernelFromCoefficients([0, 0, 0, 1, 0.25]);
    const geom = equi(k, beta);
    // converge to the minimum near v_1 from w = v_1 (d = k, in span)
    const flow = new OverlapFlow(overlapRHS(geom, K, true), k, Float64Array.of(1, beta, beta), 1, { rtol: 1e-13, atol: 1e-16 });
    const u = new Float64Array(k);
    flow.advanceTo(200, u);
    const rate = new Float64Array(k);
    overlapRHS(geom, K, true)(u, 0, rate, 0);
    for (const r of rate) expect(Math.abs(r)).toBeLessThan(1e-12); // a critical point
    expect(u[0]).toBeGreaterThan(0.95);
    // the same point as an explicit vector: w = Σ α_j v_j with Gα = u
    const V = equiangularVectors(k, beta);
    const gamma = beta / (1 + (k - 1) * beta);
    const uSum = u[0] + u[1] + u[2];
    const alpha = Array.from(u, (x) => (x - gamma * uSum) / (1 - beta));
    const w = V[0].map((_, t) => V.reduce((s, v, j) => s + alpha[j] * v[t], 0));
    expect(Math.hypot(...w)).toBeCloseTo(1, 10);
    const H = tangentHessian(V, K, w);
    const tr = H[0][0] + H[1][1], det = H[0][0] * H[1][1] - H[0][1] * H[1][0];
    const disc = Math.sqrt(tr * tr / 4 - det);
    const expected = [tr / 2 - disc, tr / 2 + disc];
    const h = criticalPointHessian(geom, K, u);
    expect(h.span).toHaveLength(2);
    const got = [...h.span].sort((x, y) => x - y);
    expect(got[0]).toBeCloseTo(expected[0], 9);
    expect(got[1]).toBeCloseTo(expected[1], 9);
    expect(got[0]).toBeGreaterThan(0); // a minimum
    expect(h.perp).toBeCloseTo(Array.from(u).reduce((s, x) => s + dphi(K, x) * x, 0), 12);
  });
});

describe('symmetricEigen', () => {
  it('A v = λ v, orthonormal vectors, ascending values, trace preserved', () => {
    const m = 6;
    const A = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = 0; j <= i; j++) A[i * m + j] = A[j * m + i] = Math.sin(1 + i * 7 + j * 3);
    const { values, vectors } = symmetricEigen(A, m);
    let trace = 0;
    for (let i = 0; i < m; i++) trace += A[i * m + i];
    expect(values.reduce((s, x) => s + x, 0)).toBeCloseTo(trace, 12);
    for (let e = 0; e < m; e++) {
      if (e > 0) expect(values[e]).toBeGreaterThanOrEqual(values[e - 1]);
      for (let r = 0; r < m; r++) {
        let s = 0;
        for (let c = 0; c < m; c++) s += A[r * m + c] * vectors[c * m + e];
        expect(s).toBeCloseTo(values[e] * vectors[r * m + e], 12);
      }
      for (let f = 0; f < m; f++) {
        let s = 0;
        for (let r = 0; r < m; r++) s += vectors[r * m + e] * vectors[r * m + f];
        expect(s).toBeCloseTo(e === f ? 1 : 0, 12);
      }
    }
  });

  it('known spectrum: equiangular G has 1 − β (k−1 times) and 1 + (k−1)β', () => {
    const k = 5, beta = 0.3;
    const { values } = symmetricEigen(equi(k, beta).gram, k);
    for (let i = 0; i < k - 1; i++) expect(values[i]).toBeCloseTo(1 - beta, 13);
    expect(values[k - 1]).toBeCloseTo(1 + (k - 1) * beta, 13);
  });
});
