// Exact law of the overlaps u = Vᵀw of a uniform point w on S^{d-1}, for any d ≥ rank(G),
// without ever forming a d-dimensional vector (docs/model.md §3).
import type { Geometry } from './geometry.ts';
import { Rng } from '../math/rng.ts';

/**
 * Fills out (n rows of k) with initial overlaps. Neuron i draws from its own streams
 * (Gaussian part and χ² part separately), so changing n keeps the first neurons, and
 * changing d or β moves every neuron continuously from the same underlying draw.
 */
export function sampleInitialOverlaps(geom: Geometry, n: number, d: number, seed: number, out: Float64Array): Float64Array {
  const { k, chol: L, rank } = geom;
  const g = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const gauss = new Rng(seed, 2 * i);
    const chi = new Rng(seed, 2 * i + 1);
    let g2 = 0;
    for (let j = 0; j < k; j++) {
      g[j] = gauss.normal();
      // a dependent column of L multiplies nothing: its draw is not part of |P_V z|²
      if (L[j * k + j] !== 0) g2 += g[j] * g[j];
    }
    const s = chi.chiSquare(d - rank);
    const inv = 1 / Math.sqrt(g2 + s);
    for (let j = 0; j < k; j++) {
      let y = 0;
      for (let m = 0; m <= j; m++) y += L[j * k + m] * g[m];
      out[i * k + j] = y * inv;
    }
  }
  return out;
}
