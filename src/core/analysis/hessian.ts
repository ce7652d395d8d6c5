// Loss Hessian on the sphere at a critical point w lying in span(V):
// H[z,z] = −Σ_j φ''(u_j)(v_j·z)² + (Σ_j φ'(u_j)u_j)|z|² for tangent z ⊥ w (docs/model.md §7).
import type { Geometry } from '../model/geometry.ts';
import { spanCoordinates } from '../model/geometry.ts';
import { d2phi, dphi, type Kernel } from '../model/kernel.ts';
import { symmetricEigen } from '../math/linalg.ts';

export interface CriticalPointHessian {
  /** eigenvalues on the tangent directions inside span(V) (rank − 1 of them), ascending */
  span: number[];
  /** eigenvalue on every direction orthogonal to span(V) (multiplicity d − rank) */
  perp: number;
}

/** Assumes w ∈ span(V) (uᵀG⁺u = 1), as at w̄ and at the minima near each v_j. */
export function criticalPointHessian(geom: Geometry, kernel: Kernel, u: ArrayLike<number>): CriticalPointHessian {
  const { k, chol: L } = geom;
  let radial = 0;
  for (let j = 0; j < k; j++) radial += dphi(kernel, u[j]) * u[j];
  // in span coordinates v_j = row j of L, so Σ φ''(u_j) v_j v_jᵀ = Lᵀ diag(φ'') L
  const M = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += L[j * k + a] * d2phi(kernel, u[j]) * L[j * k + b];
      M[a * k + b] = -s + (a === b ? radial : 0);
    }
  }
  const c = new Float64Array(k);
  spanCoordinates(L, k, u, 0, c);
  let cn = 0;
  for (let j = 0; j < k; j++) cn += c[j] * c[j];
  cn = Math.sqrt(cn);
  for (let j = 0; j < k; j++) c[j] /= cn || 1;
  // restrict to the tangent space: P M P with P = I − ccᵀ, then drop the eigenvector along c
  const P = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) P[a * k + b] = (a === b ? 1 : 0) - c[a] * c[b];
  const PMP = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      let s = 0;
      for (let x = 0; x < k; x++) for (let y = 0; y < k; y++) s += P[a * k + x] * M[x * k + y] * P[y * k + b];
      PMP[a * k + b] = s;
    }
  }
  const { values, vectors } = symmetricEigen(PMP, k);
  // directions outside the span (rank-deficient G) and the radial one are not tangent in span
  const span: number[] = [];
  let radialIdx = -1, best = -1;
  for (let e = 0; e < k; e++) {
    let dot = 0;
    for (let r = 0; r < k; r++) dot += vectors[r * k + e] * c[r];
    if (Math.abs(dot) > best) {
      best = Math.abs(dot);
      radialIdx = e;
    }
  }
  for (let e = 0; e < k; e++) {
    if (e === radialIdx) continue;
    let inRange = 0;
    for (let r = 0; r < k; r++) if (L[r * k + r] !== 0) inRange += vectors[r * k + e] ** 2;
    if (inRange > 0.5) span.push(values[e]);
  }
  return { span, perp: radial };
}
