// Index-vector geometry: the Gram matrix G = VᵀV (row-major k×k), its validation and its
// Cholesky factor, whose rows are the v_j in an orthonormal basis of span(V).
import type { ParseResult } from './activation.ts';

export type GeometryKind = 'orth' | 'equi' | 'gram';

export interface Geometry {
  readonly kind: GeometryKind;
  readonly k: number;
  /** off-diagonal value for equiangular Gram matrices (0 for orthogonal, NaN for custom) */
  readonly beta: number;
  readonly gram: Float64Array;
  /** lower-triangular L with G = L Lᵀ (zero columns where G is singular) */
  readonly chol: Float64Array;
  /** rank of G = dim span(V) */
  readonly rank: number;
}

function orthogonalGram(k: number): Float64Array {
  const G = new Float64Array(k * k);
  for (let i = 0; i < k; i++) G[i * k + i] = 1;
  return G;
}

export function equiangularGram(k: number, beta: number): Float64Array {
  const G = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) G[i * k + j] = i === j ? 1 : beta;
  return G;
}

/** Tolerances for accepting a user's Gram matrix. */
const SYMMETRY_TOL = 1e-9;
const PIVOT_TOL = 1e-10;

/**
 * Cholesky factor of a symmetric PSD matrix. A pivot within PIVOT_TOL of zero is a
 * dependent column (rank deficiency, allowed); a clearly negative one means "not PSD".
 */
export function cholesky(G: Float64Array, k: number): ParseResult<{ L: Float64Array; rank: number }> {
  const L = new Float64Array(k * k);
  let rank = 0;
  for (let j = 0; j < k; j++) {
    let s = G[j * k + j];
    for (let m = 0; m < j; m++) s -= L[j * k + m] * L[j * k + m];
    if (s < -PIVOT_TOL) {
      return { ok: false, error: `Gram matrix is not positive semidefinite (pivot ${j + 1} is ${s.toPrecision(3)} < 0)` };
    }
    if (s <= PIVOT_TOL) {
      // dependent column: every later entry in it must vanish too
      for (let i = j + 1; i < k; i++) {
        let t = G[i * k + j];
        for (let m = 0; m < j; m++) t -= L[i * k + m] * L[j * k + m];
        if (Math.abs(t) > 1e-7) {
          return { ok: false, error: `Gram matrix is not positive semidefinite (singular pivot ${j + 1} with nonzero coupling)` };
        }
      }
      continue;
    }
    rank++;
    const ljj = Math.sqrt(s);
    L[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let t = G[i * k + j];
      for (let m = 0; m < j; m++) t -= L[i * k + m] * L[j * k + m];
      L[i * k + j] = t / ljj;
    }
  }
  return { ok: true, value: { L, rank } };
}

/** Validates a user Gram matrix: k² finite entries, symmetric, unit diagonal, PSD. */
export function customGeometry(entries: ArrayLike<number>, k: number): ParseResult<Geometry> {
  if (entries.length !== k * k) {
    return { ok: false, error: `Gram matrix needs k² = ${k * k} entries, got ${entries.length}` };
  }
  const G = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) {
    if (!Number.isFinite(entries[i])) return { ok: false, error: `Gram entry ${i + 1} is not a finite number` };
    G[i] = entries[i];
  }
  for (let i = 0; i < k; i++) {
    if (Math.abs(G[i * k + i] - 1) > SYMMETRY_TOL) {
      return { ok: false, error: `Gram diagonal entry (${i + 1},${i + 1}) is ${G[i * k + i]}, must be 1 (unit index vectors)` };
    }
    for (let j = 0; j < i; j++) {
      if (Math.abs(G[i * k + j] - G[j * k + i]) > SYMMETRY_TOL) {
        return { ok: false, error: `Gram matrix is not symmetric: entry (${i + 1},${j + 1}) ≠ (${j + 1},${i + 1})` };
      }
      if (Math.abs(G[i * k + j]) > 1 + SYMMETRY_TOL) {
        return { ok: false, error: `Gram entry (${i + 1},${j + 1}) = ${G[i * k + j]} is outside [-1, 1]` };
      }
    }
  }
  const ch = cholesky(G, k);
  if (!ch.ok) return ch;
  return { ok: true, value: { kind: 'gram', k, beta: NaN, gram: G, chol: ch.value.L, rank: ch.value.rank } };
}

export function structuredGeometry(kind: 'orth' | 'equi', k: number, beta: number): ParseResult<Geometry> {
  const b = kind === 'orth' ? 0 : beta;
  if (k > 1 && !(b > -1 / (k - 1) && b < 1)) {
    return { ok: false, error: `equiangular β = ${b} must lie in (−1/(k−1), 1) = (${(-1 / (k - 1)).toFixed(3)}, 1)` };
  }
  const G = kind === 'orth' ? orthogonalGram(k) : equiangularGram(k, b);
  const ch = cholesky(G, k);
  if (!ch.ok) return ch;
  return { ok: true, value: { kind, k, beta: b, gram: G, chol: ch.value.L, rank: ch.value.rank } };
}

/**
 * Coordinates of a neuron in the orthonormal basis of span(V): solves L c = u by forward
 * substitution (dependent directions get 0). |c|² = uᵀG⁺u = q ≤ 1.
 */
export function spanCoordinates(L: Float64Array, k: number, u: ArrayLike<number>, uOff: number, c: Float64Array, cOff = 0): void {
  for (let i = 0; i < k; i++) {
    const lii = L[i * k + i];
    if (lii === 0) {
      c[cOff + i] = 0;
      continue;
    }
    let s = u[uOff + i];
    for (let m = 0; m < i; m++) s -= L[i * k + m] * c[cOff + m];
    c[cOff + i] = s / lii;
  }
}

/** q = uᵀG⁺u = |c|², the squared norm of the neuron's projection on span(V). */
export function spanNormSquared(L: Float64Array, k: number, u: ArrayLike<number>, uOff = 0): number {
  const c = new Float64Array(k);
  spanCoordinates(L, k, u, uOff, c);
  let q = 0;
  for (let i = 0; i < k; i++) q += c[i] * c[i];
  return q;
}
