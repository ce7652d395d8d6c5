// Real weight vectors w_i(0) ∈ R^d with prescribed overlaps: w = V G⁻¹u + sqrt(1 − q) e with
// q = uᵀG⁻¹u and e a uniform unit vector orthogonal to span(V) (docs/model.md §10), so Vᵀw = u and
// SGD starts from exactly the neurons the flow starts from. The index vectors are placed in the
// first k coordinates as the rows of the Cholesky factor L (x is isotropic, so any placement
// has the same law); a neuron's span part is then its span coordinates c = L⁻¹u.
import { spanCoordinates, type Geometry } from '../model/geometry.ts';
import { Rng } from '../math/rng.ts';
import { DIRECTION_STREAM_BASE } from './sampleStream.ts';

/**
 * Coordinates of R^d not used by span(V): the first k minus the dependent columns of L (a
 * singular G), then k..d−1. There are d − rank of them.
 */
export function freeCoordinates(geom: Geometry, d: number): Int32Array {
  const { k, chol } = geom;
  const out = new Int32Array(Math.max(0, d - geom.rank));
  let o = 0;
  for (let m = 0; m < Math.min(k, d); m++) if (chol[m * k + m] === 0) out[o++] = m;
  for (let m = k; m < d && o < out.length; m++) out[o++] = m;
  return out;
}

/** Fills W (n rows of d) with unit vectors whose overlaps with the index vectors are u0. */
export function weightsFromOverlaps(geom: Geometry, u0: Float64Array, n: number, d: number, seed: number, W: Float64Array): Float64Array {
  const { k, chol } = geom;
  const free = freeCoordinates(geom, d);
  const c = new Float64Array(k);
  W.fill(0);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    spanCoordinates(chol, k, u0, i * k, c);
    let q = 0;
    for (let m = 0; m < k; m++) {
      W[o + m] = c[m];
      q += c[m] * c[m];
    }
    const rest = Math.sqrt(Math.max(0, 1 - q));
    if (free.length === 0 || rest === 0) continue;
    // a uniform direction in the free coordinates: a normalized Gaussian vector
    const rng = new Rng(seed, DIRECTION_STREAM_BASE + i);
    let sq = 0;
    for (let m = 0; m < free.length; m++) {
      const v = rng.normal();
      W[o + free[m]] = v;
      sq += v * v;
    }
    const scale = rest / Math.sqrt(sq);
    for (let m = 0; m < free.length; m++) W[o + free[m]] *= scale;
  }
  return W;
}
