// The two dense products of the squared-loss right-hand side (docs/model.md §9), Q = WWᵀ and
// K·W with K_im = a·κ'(Q_im), written so that memory access is not the cost at n in the
// hundreds: both are products of row-major matrices against row-major matrices, C = A·Bᵀ,
// so every inner loop reads contiguous rows, and each pass over a row feeds a 3×3 tile of
// nine sums held in registers (six loads for nine multiply-adds instead of two for one).
// Rows are padded to a multiple of 3 with zeros, so the tile loop has no ragged edge.
// Each entry is one sequential sum over the row, so the result does not depend on the tiling.
import { simdRowProduct, type RowTiles } from './simdProduct.ts';

/** Rows padded up to a whole number of 3×3 tiles. */
export function paddedRows(n: number): number {
  return Math.ceil(n / 3) * 3;
}

function roundUp4(x: number): number {
  return Math.ceil(x / 4) * 4;
}

/**
 * C[i·ldc + j] = Σ_c A[i·len + c]·B[j·len + c] for i < rows, j < cols (both multiples of 3).
 * With `upper`, only tiles on or above the diagonal are computed (for a symmetric product the
 * caller mirrors them), which halves the work of WWᵀ.
 */
export function productABt(
  A: Float64Array, B: Float64Array, rows: number, cols: number, len: number,
  C: Float64Array, ldc: number, upper: boolean,
): void {
  for (let i = 0; i < rows; i += 3) {
    const a0 = i * len, a1 = a0 + len, a2 = a1 + len;
    for (let j = upper ? i : 0; j < cols; j += 3) {
      const b0 = j * len, b1 = b0 + len, b2 = b1 + len;
      let s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
      for (let c = 0; c < len; c++) {
        const x0 = A[a0 + c], x1 = A[a1 + c], x2 = A[a2 + c];
        const y0 = B[b0 + c], y1 = B[b1 + c], y2 = B[b2 + c];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2;
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2;
      }
      const o0 = i * ldc + j, o1 = o0 + ldc, o2 = o1 + ldc;
      C[o0] = s00; C[o0 + 1] = s01; C[o0 + 2] = s02;
      C[o1] = s10; C[o1 + 1] = s11; C[o1 + 2] = s12;
      C[o2] = s20; C[o2 + 1] = s21; C[o2 + 2] = s22;
    }
  }
}

/**
 * Scratch and steps for the interaction term −a Σ_{m≠i} κ'(Q_im) w_m of all n rows at once:
 * W is copied into zero-padded rows (np × dim) and transposed (dim' × np, dim' = dim padded),
 * Q's upper tiles are computed once and mirrored, K = a·κ'(Q) with a zero diagonal, then K·W.
 * Rows are also padded to a multiple of 4 doubles for the two-lane SIMD product (simdProduct.ts), used
 * where WebAssembly SIMD exists; elsewhere productABt does the same sums in JavaScript.
 * Allocation-free after construction.
 */
export class Interaction {
  readonly n: number;
  readonly dim: number;
  /** true when the products run as WebAssembly SIMD */
  readonly simd: boolean;
  private readonly np: number;
  private readonly npE: number;
  private readonly dimE: number;
  private readonly dimp: number;
  private readonly wPad: Float64Array;
  private readonly wT: Float64Array;
  private readonly Q: Float64Array;
  private readonly K: Float64Array;
  private readonly KW: Float64Array;
  private readonly rowTiles: RowTiles | null;

  constructor(n: number, dim: number, useSimd = true) {
    this.n = n;
    this.dim = dim;
    const np = (this.np = paddedRows(n));
    const npE = (this.npE = roundUp4(np));
    const dimE = (this.dimE = roundUp4(dim));
    const dimp = (this.dimp = paddedRows(dim));
    const sizes = [np * dimE, dimp * npE, np * np, np * npE, np * dimp];
    const total = sizes.reduce((s, x) => s + x, 0);
    const wasm = useSimd ? simdRowProduct(8 * total) : null;
    this.simd = wasm !== null;
    this.rowTiles = wasm ? wasm.rowTiles : null;
    const buffer = wasm ? wasm.memory.buffer : new ArrayBuffer(8 * total);
    let at = 0;
    const [wPad, wT, Q, K, KW] = sizes.map((len) => {
      const view = new Float64Array(buffer, 8 * at, len);
      at += len;
      return view;
    });
    this.wPad = wPad;
    this.wT = wT;
    this.Q = Q;
    this.K = K;
    this.KW = KW;
  }

  /** C = A·Bᵀ over rows of `len` (a multiple of 4) doubles, A rows × B cols (multiples of 3). */
  private product(A: Float64Array, B: Float64Array, rows: number, cols: number, len: number, C: Float64Array, ldc: number, upper: boolean): void {
    const rowTiles = this.rowTiles;
    if (rowTiles === null) {
      productABt(A, B, rows, cols, len, C, ldc, upper);
      return;
    }
    const rowBytes = 8 * len;
    for (let i = 0; i < rows; i += 3) {
      const j = upper ? i : 0;
      rowTiles(A.byteOffset + i * rowBytes, B.byteOffset + j * rowBytes, (cols - j) / 3, rowBytes, C.byteOffset + 8 * (i * ldc + j), 8 * ldc);
    }
  }

  /** Q = WWᵀ of the rows of w (n × dim) into out (n × n, both halves), by the tiled product. */
  gram(w: Float64Array, out: Float64Array): void {
    const { n, dim, np, dimE, wPad, Q } = this;
    for (let m = 0; m < n; m++) wPad.set(w.subarray(m * dim, (m + 1) * dim), m * dimE);
    this.product(wPad, wPad, np, np, dimE, Q, np, true);
    for (let i = 0; i < n; i++) {
      for (let m = i; m < n; m++) {
        const q = Q[i * np + m];
        out[i * n + m] = q;
        out[m * n + i] = q;
      }
    }
  }

  /**
   * R[i·dim + c] −= a Σ_{m≠i} κ'(Q_im) w_m[c], κ' given by its monomial coefficients kdc
   * (Horner), Q_im = w_i·w_m of the rows of w (n × dim).
   */
  subtractFrom(w: Float64Array, a: number, kdc: Float64Array, R: Float64Array): void {
    const { n, dim, np, npE, dimE, dimp, wPad, wT, Q, K, KW } = this;
    for (let m = 0; m < n; m++) {
      const o = m * dim, po = m * dimE;
      for (let c = 0; c < dim; c++) {
        const x = w[o + c];
        wPad[po + c] = x;
        wT[c * npE + m] = x;
      }
    }
    this.product(wPad, wPad, np, np, dimE, Q, np, true);
    const ktop = kdc.length - 1;
    for (let i = 0; i < n; i++) {
      K[i * npE + i] = 0;
      for (let m = i + 1; m < n; m++) {
        const q = Q[i * np + m];
        let kp = kdc[ktop];
        for (let p = ktop - 1; p >= 0; p--) kp = kp * q + kdc[p];
        const g = a * kp;
        K[i * npE + m] = g;
        K[m * npE + i] = g;
      }
    }
    this.product(K, wT, np, dimp, npE, KW, dimp, false);
    for (let i = 0; i < n; i++) {
      const o = i * dim, ko = i * dimp;
      for (let c = 0; c < dim; c++) R[o + c] -= KW[ko + c];
    }
  }
}
