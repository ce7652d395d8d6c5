// Exact joint initialization of n neurons for the coupled (squared-loss) flow, for any d up to
// 10⁹, in coordinates of an orthonormal basis of span(V, W(0)) (docs/model.md §9).
//
// The overlaps U are the ones of init.ts, drawn from the same streams, so the same seed starts
// both losses from the same neurons. What the correlation flow never needs is how the parts of
// the w_i orthogonal to span(V) sit relative to each other. Before normalization they are
// independent N(0, I_{d−r}) vectors (r = rank G); in an orthonormal basis of their own span their
// coordinates are the columns of the Bartlett factor R (upper triangular, R_ii ~ χ_{d−r−i},
// R_im ~ N(0, 1) above the diagonal, 0-based i). Norms and directions of Gaussian vectors are
// independent, so the direction of column i, scaled to the length √(1 − q_i) the overlaps
// already fix (q_i = u_iᵀG⁺u_i), is exactly the orthogonal part of w_i.
import { spanCoordinates, type Geometry } from './geometry.ts';
import { Rng } from '../math/rng.ts';

/**
 * Streams of the Bartlett columns: column i uses stream BARTLETT_STREAM + i, far from the
 * streams 2i and 2i + 1 that init.ts uses for neuron i's overlaps (stream numbers map to RNG
 * states one-to-one, so they never coincide), and independent of n, so adding neurons keeps
 * the first ones where they were.
 */
const BARTLETT_STREAM = 0x40000000;

export interface CoordinateStart {
  /** dimension of the coordinates: k (span(V), Cholesky basis) + m (orthogonal parts) */
  dim: number;
  /** m = min(n, d − rank): the dimension the orthogonal parts span */
  orth: number;
  /** n rows of dim coordinates, each row a unit vector */
  w: Float64Array;
}

/**
 * Coordinates of the n neurons whose overlaps are u0 (n rows of k): the first k coordinates are
 * c_i = L⁻¹u_i in the basis of span(V) whose vectors have coordinates given by the rows of the
 * Cholesky factor L (a dependent column stays 0); the other m are the scaled Bartlett directions.
 */
export function initialCoordinates(geom: Geometry, n: number, d: number, seed: number, u0: Float64Array): CoordinateStart {
  const { k, chol, rank } = geom;
  const free = Math.max(0, d - rank);
  const m = Math.min(n, free);
  const dim = k + m;
  const w = new Float64Array(n * dim);
  const c = new Float64Array(k);
  const col = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    spanCoordinates(chol, k, u0, i * k, c);
    let q = 0;
    for (let j = 0; j < k; j++) {
      w[i * dim + j] = c[j];
      q += c[j] * c[j];
    }
    if (m === 0) continue;
    const rng = new Rng(seed, BARTLETT_STREAM + i);
    const top = Math.min(i, m - 1);
    let norm2 = 0;
    for (let r = 0; r <= top; r++) {
      col[r] = r === i ? Math.sqrt(rng.chiSquare(free - i)) : rng.normal();
      norm2 += col[r] * col[r];
    }
    // a start exactly in span(V) (q = 1) has no orthogonal part, whatever its direction
    const scale = q < 1 && norm2 > 0 ? Math.sqrt(1 - q) / Math.sqrt(norm2) : 0;
    for (let r = 0; r <= top; r++) w[i * dim + k + r] = col[r] * scale;
  }
  return { dim, orth: m, w };
}

/** Q = W Wᵀ (n×n, row-major) from n rows of dim coordinates. */
export function innerProducts(w: Float64Array, n: number, dim: number, Q: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let m = i; m < n; m++) {
      let s = 0;
      for (let c = 0; c < dim; c++) s += w[i * dim + c] * w[m * dim + c];
      Q[i * n + m] = s;
      Q[m * n + i] = s;
    }
  }
  return Q;
}
