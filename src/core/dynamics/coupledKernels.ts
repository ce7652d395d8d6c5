// The two dense products of the squared-loss right-hand side (docs/model.md §9), Q = WWᵀ and
// K·W with K_im = a·κ'(Q_im), written so that memory access is not the cost at n in the
// hundreds: both are products C = A·Bᵀ of matrices held in panels, and each pass over a
// column pair feeds a 4×2 tile of eight sums held in registers (six loads for eight
// multiply-adds instead of two for one).
// A panel is two consecutive rows interleaved by column pairs (r0 c0 c1, r1 c0 c1, r0 c2 c3, …):
// a tile's rows are read through one pointer per panel at fixed offsets, which keeps the
// product's loop within the registers (simdProduct.ts).
// Rows are padded with zeros to a multiple of 4 (of 2 for Wᵀ's), so the tile loop has no
// ragged edge. Each entry is one sequential sum over the row (two, by lanes, in SIMD), so the
// result depends neither on the tiling nor on the layout.
import { simdPanelProduct, type PanelTiles } from './simdProduct.ts';

/** Rows padded up to a whole number of 4-row tiles. */
export function paddedRows(n: number): number {
  return Math.ceil(n / 4) * 4;
}

function even(x: number): number {
  return x + (x & 1);
}

/** Where entry (row, col) of a matrix with rows of `len` columns (len even) sits in its panels. */
export function panelIndex(row: number, col: number, len: number): number {
  return (row >> 1) * 2 * len + (col >> 1) * 4 + (row & 1) * 2 + (col & 1);
}

/** Copies the rows × len row-major matrix src into panels of lenP columns (padding untouched). */
export function toPanels(src: Float64Array, rows: number, len: number, out: Float64Array, lenP: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * len, base = panelIndex(i, 0, lenP);
    for (let c = 0; c < len; c++) out[base + (c >> 1) * 4 + (c & 1)] = src[o + c];
  }
}

/**
 * C[i·ldc + j] = Σ_c A_ic·B_jc for i < rows (a multiple of 4), j < cols (a multiple of 2), A and
 * B in panels of `len` (even) columns. With `upper`, only tiles reaching the diagonal or above
 * are computed (for a symmetric product the caller mirrors them), which halves the work of
 * WWᵀ. Each entry is summed in the order of c.
 */
export function productABt(
  A: Float64Array, B: Float64Array, rows: number, cols: number, len: number,
  C: Float64Array, ldc: number, upper: boolean,
): void {
  const panel = 2 * len;
  for (let i = 0; i < rows; i += 4) {
    const a = (i / 2) * panel, a2 = a + panel;
    for (let j = upper ? i : 0; j < cols; j += 2) {
      const b = (j / 2) * panel;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let p = 0; p < panel; p += 4) {
        for (let lane = 0; lane < 2; lane++) {
          const o = p + lane;
          const x0 = A[a + o], x1 = A[a + o + 2], x2 = A[a2 + o], x3 = A[a2 + o + 2];
          const y0 = B[b + o], y1 = B[b + o + 2];
          s00 += x0 * y0; s01 += x0 * y1;
          s10 += x1 * y0; s11 += x1 * y1;
          s20 += x2 * y0; s21 += x2 * y1;
          s30 += x3 * y0; s31 += x3 * y1;
        }
      }
      const o0 = i * ldc + j, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc;
      C[o0] = s00; C[o0 + 1] = s01;
      C[o1] = s10; C[o1 + 1] = s11;
      C[o2] = s20; C[o2 + 1] = s21;
      C[o3] = s30; C[o3 + 1] = s31;
    }
  }
}

/**
 * Scratch and steps for the interaction term −a Σ_{m≠i} κ'(Q_im) w_m of all n rows at once:
 * W is copied into zero-padded panels (np × dim') and, transposed, into panels of dim' × np
 * (dim' = dim made even), Q's upper tiles are computed once and mirrored, K = a·κ'(Q) with a
 * zero diagonal is written straight into panels, then K·W. The products run as two-lane SIMD
 * (simdProduct.ts) where WebAssembly SIMD exists; elsewhere productABt does the same sums in
 * JavaScript. Allocation-free after construction.
 */
export class Interaction {
  readonly n: number;
  readonly dim: number;
  /** true when the products run as WebAssembly SIMD */
  readonly simd: boolean;
  private readonly np: number;
  private readonly dimE: number;
  /** W (np × dimE), Wᵀ (dimE × np) and K (np × np) in panels; Q (np × np), KW (np × dimE) row-major */
  private readonly wP: Float64Array;
  private readonly wTP: Float64Array;
  private readonly Q: Float64Array;
  private readonly KP: Float64Array;
  private readonly KW: Float64Array;
  private readonly panelTiles: PanelTiles | null;

  constructor(n: number, dim: number, useSimd = true) {
    this.n = n;
    this.dim = dim;
    const np = (this.np = paddedRows(n));
    const dimE = (this.dimE = even(dim));
    const sizes = [np * dimE, dimE * np, np * np, np * np, np * dimE];
    const total = sizes.reduce((s, x) => s + x, 0);
    const wasm = useSimd ? simdPanelProduct(8 * total) : null;
    this.simd = wasm !== null;
    this.panelTiles = wasm ? wasm.panelTiles : null;
    const buffer = wasm ? wasm.memory.buffer : new ArrayBuffer(8 * total);
    let at = 0;
    const [wP, wTP, Q, KP, KW] = sizes.map((len) => {
      const view = new Float64Array(buffer, 8 * at, len);
      at += len;
      return view;
    });
    this.wP = wP;
    this.wTP = wTP;
    this.Q = Q;
    this.KP = KP;
    this.KW = KW;
  }

  /** C = A·Bᵀ of panels of `len` (even) columns, A rows (a multiple of 4) × B cols (of 2). */
  private product(A: Float64Array, B: Float64Array, rows: number, cols: number, len: number, C: Float64Array, ldc: number, upper: boolean): void {
    const panelTiles = this.panelTiles;
    if (panelTiles === null) {
      productABt(A, B, rows, cols, len, C, ldc, upper);
      return;
    }
    const panelBytes = 16 * len;
    for (let i = 0; i < rows; i += 4) {
      const j = upper ? i : 0;
      panelTiles(A.byteOffset + (i / 2) * panelBytes, B.byteOffset + (j / 2) * panelBytes, (cols - j) / 2, panelBytes, C.byteOffset + 8 * (i * ldc + j), 8 * ldc);
    }
  }

  /** Q = WWᵀ of the rows of w (n × dim) into out (n × n, both halves), by the tiled product. */
  gram(w: Float64Array, out: Float64Array): void {
    const { n, dim, np, dimE, wP, Q } = this;
    toPanels(w, n, dim, wP, dimE);
    this.product(wP, wP, np, np, dimE, Q, np, true);
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
    const { n, dim, dimE } = this;
    const KW = this.interact(w, a, kdc);
    for (let i = 0; i < n; i++) {
      const o = i * dim, ko = i * dimE;
      for (let c = 0; c < dim; c++) R[o + c] -= KW[ko + c];
    }
  }

  /** Row stride of the rows `interact` returns. */
  get stride(): number {
    return this.dimE;
  }

  /**
   * a Σ_{m≠i} κ'(Q_im) w_m of every row i, as rows of `stride` doubles of the returned view
   * (scratch, overwritten by the next call), for callers that fold it into their own pass.
   */
  interact(w: Float64Array, a: number, kdc: Float64Array): Float64Array {
    const { np, dimE, wP, wTP, Q, KP, KW } = this;
    this.pack(w);
    this.product(wP, wP, np, np, dimE, Q, np, true);
    this.fillK(a, kdc);
    this.product(KP, wTP, np, dimE, np, KW, dimE, false);
    return KW;
  }

  /**
   * W into wP and Wᵀ into wTP, by 2×2 blocks: a block is four consecutive doubles in both
   * layouts (rows m, m + 1 by columns c, c + 1 in wP, the transpose in wTP), so every write is
   * sequential. Entries past n or dim are written as the zeros they are.
   */
  private pack(w: Float64Array): void {
    const { n, dim, np, dimE, wP, wTP } = this;
    for (let m = 0; m < n; m += 2) {
      const o0 = m * dim, o1 = o0 + dim, second = m + 1 < n;
      // panelIndex(m, c, dimE) and panelIndex(c, m, np) for even m and c
      const po = m * dimE, to = 2 * m;
      for (let c = 0; c < dim; c += 2) {
        const right = c + 1 < dim;
        const x00 = w[o0 + c], x01 = right ? w[o0 + c + 1] : 0;
        const x10 = second ? w[o1 + c] : 0, x11 = second && right ? w[o1 + c + 1] : 0;
        const p = po + 2 * c, t = c * np + to;
        wP[p] = x00; wP[p + 1] = x01; wP[p + 2] = x10; wP[p + 3] = x11;
        wTP[t] = x00; wTP[t + 1] = x10; wTP[t + 2] = x01; wTP[t + 3] = x11;
      }
    }
  }

  /**
   * K_im = a·κ'(Q_im) for m ≠ i (Horner on kdc), 0 on the diagonal and in the padding, from Q's
   * upper half, by 2×2 blocks: block (i, m) of the upper half and its transpose, block (m, i),
   * are four consecutive doubles each.
   */
  private fillK(a: number, kdc: Float64Array): void {
    const { n, np, Q, KP } = this;
    const ktop = kdc.length - 1, top = kdc[ktop];
    for (let i = 0; i < n; i += 2) {
      const r0 = i * np, r1 = r0 + np, second = i + 1 < n;
      // the diagonal block
      let kd = top;
      const qd = Q[r0 + i + 1];
      for (let p = ktop - 1; p >= 0; p--) kd = kd * qd + kdc[p];
      const d = r0 + 2 * i, gd = second ? a * kd : 0;
      KP[d] = 0; KP[d + 1] = gd; KP[d + 2] = gd; KP[d + 3] = 0;
      for (let m = i + 2; m < n; m += 2) {
        // four Horner evaluations side by side (entries past n, in Q's zero padding, are dropped)
        const q00 = Q[r0 + m], q01 = Q[r0 + m + 1], q10 = Q[r1 + m], q11 = Q[r1 + m + 1];
        let k00 = top, k01 = top, k10 = top, k11 = top;
        for (let p = ktop - 1; p >= 0; p--) {
          const c = kdc[p];
          k00 = k00 * q00 + c; k01 = k01 * q01 + c; k10 = k10 * q10 + c; k11 = k11 * q11 + c;
        }
        const right = m + 1 < n;
        const g00 = a * k00, g01 = right ? a * k01 : 0;
        const g10 = second ? a * k10 : 0, g11 = second && right ? a * k11 : 0;
        const u = r0 + 2 * m, l = m * np + 2 * i;
        KP[u] = g00; KP[u + 1] = g01; KP[u + 2] = g10; KP[u + 3] = g11;
        KP[l] = g00; KP[l + 1] = g10; KP[l + 2] = g01; KP[l + 3] = g11;
      }
    }
  }
}
