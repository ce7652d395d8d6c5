// The tiled products of the squared-loss right-hand side against straightforward loops: the
// tiling, the zero padding and the mirrored half of Q must change nothing beyond rounding.
import { describe, expect, it } from 'vitest';
import { Interaction, paddedRows, panelIndex, productABt, toPanels } from './coupledKernels.ts';
import { CoupledFlow } from './coupledFlow.ts';
import { buildModel, normalizeSpec, type ModelSpec } from '../model/model.ts';
import { createDynamics } from './factory.ts';
import { Rng } from '../math/rng.ts';

function randomArray(len: number, seed: number): Float64Array {
  const rng = new Rng(seed);
  return Float64Array.from({ length: len }, () => 2 * rng.uniform() - 1);
}

function unitRows(n: number, dim: number, seed: number): Float64Array {
  const w = randomArray(n * dim, seed);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0; c < dim; c++) s += w[i * dim + c] ** 2;
    for (let c = 0; c < dim; c++) w[i * dim + c] /= Math.sqrt(s);
  }
  return w;
}

/** −a Σ_{m≠i} κ'(w_i·w_m) w_m, pair by pair, in the plainest order. */
function referenceInteraction(w: Float64Array, n: number, dim: number, a: number, kdc: Float64Array, R: Float64Array): void {
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < n; m++) {
      if (m === i) continue;
      let q = 0;
      for (let c = 0; c < dim; c++) q += w[i * dim + c] * w[m * dim + c];
      let kp = 0;
      for (let p = 0; p < kdc.length; p++) kp += kdc[p] * q ** p;
      for (let c = 0; c < dim; c++) R[i * dim + c] -= a * kp * w[m * dim + c];
    }
  }
}

function worstGap(x: Float64Array, y: Float64Array): number {
  let worst = 0;
  for (let q = 0; q < x.length; q++) worst = Math.max(worst, Math.abs(x[q] - y[q]));
  return worst;
}

describe('productABt', () => {
  /** row-major rows × len into zero-padded panels of lenP (even) columns */
  function panels(M: Float64Array, rows: number, len: number, rowsP: number, lenP: number): Float64Array {
    const out = new Float64Array(rowsP * lenP);
    toPanels(M, rows, len, out, lenP);
    return out;
  }

  it('panels: two rows interleaved by column pairs, every entry where panelIndex says', () => {
    const rows = 5, len = 7, lenP = 8;
    const M = randomArray(rows * len, 4);
    const P = panels(M, rows, len, 6, lenP);
    expect(Array.from(P.subarray(0, 8))).toEqual([M[0], M[1], M[len], M[len + 1], M[2], M[3], M[len + 2], M[len + 3]]);
    for (let i = 0; i < rows; i++) for (let c = 0; c < len; c++) expect(P[panelIndex(i, c, lenP)]).toBe(M[i * len + c]);
    // the padding column and row stay zero
    expect(P[panelIndex(2, 7, lenP)]).toBe(0);
    expect(P[panelIndex(5, 3, lenP)]).toBe(0);
  });

  it.each([[4, 6, 2], [8, 2, 8], [8, 12, 32], [12, 12, 100]])('%i×%i rows of %i: every entry a plain dot product', (rows, cols, len) => {
    const A = randomArray(rows * len, 1), B = randomArray(cols * len, 2);
    const C = new Float64Array(rows * cols);
    productABt(panels(A, rows, len, rows, len), panels(B, cols, len, cols, len), rows, cols, len, C, cols, false);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        let s = 0;
        for (let c = 0; c < len; c++) s += A[i * len + c] * B[j * len + c];
        expect(Math.abs(C[i * cols + j] - s)).toBeLessThan(1e-13 * len);
      }
    }
  });

  it('upper: tiles below the diagonal are left untouched', () => {
    const n = 8, len = 6;
    const A = panels(randomArray(n * len, 3), n, len, n, len);
    const C = new Float64Array(n * n).fill(7);
    productABt(A, A, n, n, len, C, n, true);
    expect(C[4 * n + 0]).toBe(7);
    expect(C[0 * n + 4]).not.toBe(7);
    expect(C[4 * n + 4]).not.toBe(7);
  });
});

describe.each([['WebAssembly SIMD', true], ['JavaScript', false]])('Interaction.subtractFrom, %s', (_name, useSimd) => {
  it('runs the products where asked (SIMD exists in Node 20)', () => {
    expect(new Interaction(4, 5, useSimd).simd).toBe(useSimd);
  });

  it.each([[1, 4], [2, 5], [4, 7], [7, 10], [31, 34], [50, 23], [64, 67]])('n = %i, dim = %i: matches the pairwise reference to 1e-12', (n, dim) => {
    const w = unitRows(n, dim, 10 + n);
    const kdc = Float64Array.from([0.3, -0.7, 1.9, 0.4]);
    const a = 3 / n;
    const R0 = randomArray(n * dim, 99 + n);
    const ref = R0.slice(), got = R0.slice();
    referenceInteraction(w, n, dim, a, kdc, ref);
    const inter = new Interaction(n, dim, useSimd);
    inter.subtractFrom(w, a, kdc, got);
    expect(worstGap(got, ref)).toBeLessThan(1e-12);
    // the scratch is reused: a second call on other rows is as exact (padding stayed zero)
    const w2 = unitRows(n, dim, 20 + n);
    const ref2 = R0.slice(), got2 = R0.slice();
    referenceInteraction(w2, n, dim, a, kdc, ref2);
    inter.subtractFrom(w2, a, kdc, got2);
    expect(worstGap(got2, ref2)).toBeLessThan(1e-12);
  });

  it('gram: Q = WWᵀ, both halves, every entry a plain dot product', () => {
    const n = 13, dim = 17;
    const w = unitRows(n, dim, 8);
    const Q = new Float64Array(n * n);
    new Interaction(n, dim, useSimd).gram(w, Q);
    for (let i = 0; i < n; i++) {
      for (let m = 0; m < n; m++) {
        let s = 0;
        for (let c = 0; c < dim; c++) s += w[i * dim + c] * w[m * dim + c];
        expect(Math.abs(Q[i * n + m] - s)).toBeLessThan(1e-14);
      }
    }
  });

  it('the interaction is not vacuous: it moves R by far more than the tolerance', () => {
    const n = 8, dim = 11;
    const w = unitRows(n, dim, 5);
    const got = new Float64Array(n * dim);
    new Interaction(n, dim, useSimd).subtractFrom(w, 0.5, Float64Array.from([0, 0, 3]), got);
    expect(Math.max(...Array.from(got, Math.abs))).toBeGreaterThan(1e-3);
  });

});

it('SIMD: every entry of Q is (Σ over even c) + (Σ over odd c), each in the order of c, bit for bit', () => {
  // the order that makes a run the same whatever the tile or layout (simdProduct.ts)
  const n = 11, dim = 13;
  const w = unitRows(n, dim, 12);
  const Q = new Float64Array(n * n);
  const inter = new Interaction(n, dim);
  expect(inter.simd).toBe(true);
  inter.gram(w, Q);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < n; m++) {
      let even = 0, odd = 0;
      for (let c = 0; c < dim; c += 2) even += w[i * dim + c] * w[m * dim + c];
      for (let c = 1; c < dim; c += 2) odd += w[i * dim + c] * w[m * dim + c];
      expect(Object.is(Q[i * n + m], even + odd)).toBe(true);
    }
  }
});

it('pads to whole tiles', () => {
  expect([1, 3, 4, 5, 300, 301].map(paddedRows)).toEqual([4, 4, 4, 8, 300, 304]);
});

describe('CoupledFlow.rhs', () => {
  it('the whole right-hand side matches the formula of docs/model.md §9, written out plainly', () => {
    const over: Partial<ModelSpec> = { n: 23, beta: 0.35 };
    const base: ModelSpec = { k: 3, n: 12, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 4, T: 0, tol: 0.05, loss: 'mse', a: 0, ...over };
    const { spec } = normalizeSpec(base);
    const model = buildModel(spec);
    const flow = createDynamics(model) as CoupledFlow;
    const { n, k, dim } = flow;
    const w = unitRows(n, dim, 77);
    const F = new Float64Array(n * dim);
    flow.rhs(w, F);
    const L = model.geometry.chol, sq = model.squared!;
    const ref = new Float64Array(n * dim);
    const u = new Float64Array(n * k);
    flow.overlapsOf(w, u);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let dphi = 0;
        for (let p = 0; p < sq.phi.dc.length; p++) dphi += sq.phi.dc[p] * u[i * k + j] ** p;
        for (let l = 0; l <= j; l++) ref[i * dim + l] += dphi * L[j * k + l];
      }
    }
    referenceInteraction(w, n, dim, sq.a, sq.kappa.dc, ref);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += w[i * dim + c] * ref[i * dim + c];
      for (let c = 0; c < dim; c++) ref[i * dim + c] -= s * w[i * dim + c];
    }
    expect(worstGap(F, ref)).toBeLessThan(1e-12);
    expect(Math.max(...Array.from(F, Math.abs))).toBeGreaterThan(1e-3);
  });
});
