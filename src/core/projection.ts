// Drawing coordinates: a neuron's overlaps mapped to a point in (or on) the unit ball of R³
// (science.md §4). The Cholesky basis of span(V) is e_1..e_k with span(e_1..e_3) =
// span(v_1, v_2, v_3), so for k > 3 the picture is the orthogonal projection onto that span.
import { spanCoordinates, type Geometry } from './geometry.ts';

export function projectionDescription(k: number): string {
  if (k <= 3) return 'exact';
  return `projection onto span(v₁, v₂, v₃) of the ${k}-dimensional span of the index vectors`;
}

/**
 * Writes 3 coordinates per neuron. k = 3: the span coordinates (radius √q: a neuron near the
 * centre is still searching outside span(V)). k < 3: the out-of-span remainder √(1 − q) is the
 * next axis, so every neuron sits on the sphere and a searching one sits at that pole.
 */
export class NeuronProjector {
  private readonly c: Float64Array;
  constructor(private readonly geom: Geometry) {
    this.c = new Float64Array(geom.k);
  }

  project(u: Float64Array, n: number, out: Float32Array): void {
    const { k, chol: L } = this.geom;
    const c = this.c;
    for (let i = 0; i < n; i++) {
      const uo = i * k;
      spanCoordinates(L, k, u, uo, c);
      let q = 0;
      for (let a = 0; a < k; a++) q += c[a] * c[a];
      const rest = Math.sqrt(Math.max(0, 1 - q));
      const o = i * 3;
      out[o] = c[0];
      out[o + 1] = k >= 2 ? c[1] : rest;
      out[o + 2] = k >= 3 ? c[2] : k === 2 ? rest : 0;
    }
  }

  /** The index vectors' drawing coordinates (rows of L, first three entries). */
  indexVectors(): Float32Array {
    const { k, chol: L } = this.geom;
    const out = new Float32Array(k * 3);
    for (let j = 0; j < k; j++) for (let a = 0; a < Math.min(3, k); a++) out[j * 3 + a] = L[j * k + a];
    return out;
  }

  /** Drawing coordinates of the average point Σv_j/|Σv_j|. */
  averagePoint(): Float32Array {
    const { k, chol: L } = this.geom;
    const s = new Float64Array(k);
    for (let j = 0; j < k; j++) for (let a = 0; a < k; a++) s[a] += L[j * k + a];
    let norm = 0;
    for (let a = 0; a < k; a++) norm += s[a] * s[a];
    norm = Math.sqrt(norm) || 1;
    const out = new Float32Array(3);
    for (let a = 0; a < Math.min(3, k); a++) out[a] = s[a] / norm;
    if (k === 1) out[1] = 0;
    return out;
  }
}
