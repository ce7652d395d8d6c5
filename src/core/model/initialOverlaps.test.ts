// The exact law of initial overlaps (docs/model.md §3) against its moments and against an explicit
// construction w = z/|z| with z ~ N(0, I_d) and actual index vectors in R^d.
import { describe, expect, it } from 'vitest';
import { customGeometry, spanNormSquared, structuredGeometry, type Geometry } from './geometry.ts';
import { sampleInitialOverlaps } from './initialOverlaps.ts';
import { Rng } from '../math/rng.ts';

function equi(k: number, beta: number): Geometry {
  const g = structuredGeometry('equi', k, beta);
  if (!g.ok) throw new Error(g.error);
  return g.value;
}

/** Sample means of u_j² and u_i u_j (i ≠ j), averaged over all j and all pairs. */
function secondMoments(u: Float64Array, n: number, k: number): { diag: number; off: number } {
  let diag = 0, off = 0;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      diag += u[i * k + a] ** 2;
      for (let b = a + 1; b < k; b++) off += u[i * k + a] * u[i * k + b];
    }
  }
  return { diag: diag / (n * k), off: off / ((n * k * (k - 1)) / 2) };
}

/** Two-sample Kolmogorov–Smirnov statistic. */
function ksStatistic(x: Float64Array, y: Float64Array): number {
  const a = Float64Array.from(x).sort(), b = Float64Array.from(y).sort();
  let i = 0, j = 0, worst = 0;
  while (i < a.length && j < b.length) {
    if (a[i] <= b[j]) i++;
    else j++;
    worst = Math.max(worst, Math.abs(i / a.length - j / b.length));
  }
  return worst;
}

describe('sampleInitialOverlaps: moments for equiangular β', () => {
  for (const d of [50, 1e6]) {
    it(`d=${d}: E[u_j²] = 1/d and E[u_i u_j] = β/d`, () => {
      const k = 4, beta = 0.3, n = 20000;
      const u = sampleInitialOverlaps(equi(k, beta), n, d, 17, new Float64Array(n * k));
      const m = secondMoments(u, n, k);
      // u_j² d is about χ²_1 (variance ≤ 2): n·k correlated draws still give sd ≤ sqrt(2/n)
      expect(Math.abs(m.diag * d - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
      // u_i u_j d has variance ≈ 1 + β²
      expect(Math.abs(m.off * d - beta)).toBeLessThan(5 * Math.sqrt((1 + beta * beta) / n));
    });
  }

  it('q = uᵀG⁻¹u ≤ 1 always, and typical |u_j| ≈ d^{-1/2}', () => {
    for (const d of [4, 5, 50, 1e9]) {
      const k = 4, n = 2000;
      const g = equi(k, 0.5);
      const u = sampleInitialOverlaps(g, n, d, 3, new Float64Array(n * k));
      for (let i = 0; i < n; i++) expect(spanNormSquared(g.chol, k, u, i * k)).toBeLessThanOrEqual(1 + 1e-12);
      const m = secondMoments(u, n, k);
      expect(m.diag * d).toBeGreaterThan(0.8);
      expect(m.diag * d).toBeLessThan(1.2);
    }
  });

  it('d = k: every neuron lies in span(V), q = 1', () => {
    const k = 3, n = 500;
    const g = equi(k, 0.2);
    const u = sampleInitialOverlaps(g, n, k, 8, new Float64Array(n * k));
    for (let i = 0; i < n; i++) expect(Math.abs(spanNormSquared(g.chol, k, u, i * k) - 1)).toBeLessThan(1e-13);
  });

  it('d = rank for a singular Gram matrix: q = 1 too', () => {
    const b = 0.4;
    const g = customGeometry([1, 1, b, 1, 1, b, b, b, 1], 3);
    if (!g.ok) throw new Error(g.error);
    const u = sampleInitialOverlaps(g.value, 300, 2, 8, new Float64Array(900));
    for (let i = 0; i < 300; i++) {
      expect(Math.abs(spanNormSquared(g.value.chol, 3, u, i * 3) - 1)).toBeLessThan(1e-13);
      expect(u[i * 3]).toBe(u[i * 3 + 1]); // v_1 = v_2
    }
  });
});

describe('sampleInitialOverlaps: same law as an explicit uniform point on S^{d−1}', () => {
  it('d=6, k=3, β=0.4: second moments and each marginal match w = z/|z| with real vectors', () => {
    const k = 3, d = 6, beta = 0.4, n = 40000;
    const geom = equi(k, beta);
    const fast = sampleInitialOverlaps(geom, n, d, 21, new Float64Array(n * k));
    // explicit index vectors: v_j = G^{1/2} e_j embedded in R^d (independent of the Cholesky factor)
    const a = Math.sqrt(1 - beta), b = (Math.sqrt(1 + (k - 1) * beta) - a) / k;
    const V: number[][] = [];
    for (let j = 0; j < k; j++) V.push(Array.from({ length: d }, (_, t) => (t < k ? (t === j ? a : 0) + b : 0)));
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
      expect(V[i].reduce((s, x, t) => s + x * V[j][t], 0)).toBeCloseTo(i === j ? 1 : beta, 14);
    }
    const rng = new Rng(9001);
    const slow = new Float64Array(n * k);
    const z = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      let r2 = 0;
      for (let t = 0; t < d; t++) {
        z[t] = rng.normal();
        r2 += z[t] * z[t];
      }
      const r = Math.sqrt(r2);
      for (let j = 0; j < k; j++) slow[i * k + j] = V[j].reduce((s, x, t) => s + x * z[t], 0) / r;
    }
    const mf = secondMoments(fast, n, k), ms = secondMoments(slow, n, k);
    expect(Math.abs(ms.diag * d - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(ms.off * d - beta)).toBeLessThan(5 * Math.sqrt((1 + beta * beta) / n));
    expect(Math.abs(mf.diag - ms.diag) * d).toBeLessThan(5 * Math.sqrt(4 / n));
    expect(Math.abs(mf.off - ms.off) * d).toBeLessThan(5 * Math.sqrt(2 * (1 + beta * beta) / n));
    // whole marginal laws of u_1, of u_1 u_2 and of q: two-sample KS at level ≈ 1e-3
    const col = (f: (row: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i * k));
    const ksLimit = 1.95 * Math.sqrt(2 / n);
    expect(ksStatistic(col((o) => fast[o]), col((o) => slow[o]))).toBeLessThan(ksLimit);
    expect(ksStatistic(col((o) => fast[o] * fast[o + 1]), col((o) => slow[o] * slow[o + 1]))).toBeLessThan(ksLimit);
    expect(
      ksStatistic(col((o) => spanNormSquared(geom.chol, k, fast, o)), col((o) => spanNormSquared(geom.chol, k, slow, o))),
    ).toBeLessThan(ksLimit);
  });

  it('q follows Beta(k/2, (d−k)/2): mean k/d', () => {
    const k = 3, d = 10, n = 20000;
    const g = equi(k, 0.1);
    const u = sampleInitialOverlaps(g, n, d, 4, new Float64Array(n * k));
    let s = 0;
    for (let i = 0; i < n; i++) s += spanNormSquared(g.chol, k, u, i * k);
    const mean = k / d, variance = (mean * (1 - mean)) / (d / 2 + 1);
    expect(Math.abs(s / n - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
  });
});

describe('sampleInitialOverlaps: seeding', () => {
  it('same seed → same overlaps, different seed → different; growing n keeps the first neurons', () => {
    const g = equi(3, 0.2);
    const a = sampleInitialOverlaps(g, 50, 1000, 5, new Float64Array(150));
    const b = sampleInitialOverlaps(g, 50, 1000, 5, new Float64Array(150));
    const c = sampleInitialOverlaps(g, 50, 1000, 6, new Float64Array(150));
    const longer = sampleInitialOverlaps(g, 80, 1000, 5, new Float64Array(240));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(longer.subarray(0, 150))).toEqual(Array.from(a));
    for (let i = 0; i < 150; i++) expect(c[i]).not.toBe(a[i]);
  });
});
