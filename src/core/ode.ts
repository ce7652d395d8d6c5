// The closed overlap ODE du/dt = G φ'(u) − u (u·φ'(u)) (science.md §2), specialized by
// Gram structure: O(k) for orthogonal/equiangular, O(k²) for a custom G.
import { spanCoordinates, type Geometry } from './geometry.ts';
import type { Kernel } from './kernel.ts';

/** Writes du/dt for the neuron whose overlaps are u[uo..uo+k) into du[duo..duo+k). */
export type OverlapRHS = (u: Float64Array, uo: number, du: Float64Array, duo: number) => void;

/**
 * With `inSpan` (d = rank G, so every neuron lies in span(V) and q = 1 exactly) the radial term
 * is divided by q = uᵀG⁺u. On q = 1 that is the same flow, but it makes q an exact invariant of
 * the ODE instead of the set q = 1 being repelling wherever u·φ'(u) < 0 (dq/dt = 2(1 − q) u·φ'),
 * where rounding errors would otherwise grow like e^{2|u·φ'| t} and carry the neuron to u = 0.
 */
export function overlapRHS(geom: Geometry, kernel: Kernel, inSpan = false): OverlapRHS {
  const { k, gram } = geom;
  const dc = kernel.dc;
  const top = dc.length - 1;
  const dphiU = new Float64Array(k);
  const coords = new Float64Array(k);
  if (geom.kind !== 'gram') {
    const beta = geom.beta;
    const diag = 1 - beta;
    // G⁻¹ = (I − γ 11ᵀ)/(1 − β) with γ = β/(1 + (k − 1)β)
    const gamma = k > 1 ? beta / (1 + (k - 1) * beta) : 0;
    const qScale = k > 1 ? 1 / diag : 1;
    return (u, uo, du, duo) => {
      let sum = 0;
      let radial = 0;
      let uSum = 0;
      let uSq = 0;
      for (let j = 0; j < k; j++) {
        const x = u[uo + j];
        let v = dc[top];
        for (let p = top - 1; p >= 0; p--) v = v * x + dc[p];
        dphiU[j] = v;
        sum += v;
        radial += x * v;
        uSum += x;
        uSq += x * x;
      }
      if (inSpan) {
        const q = (uSq - gamma * uSum * uSum) * qScale;
        if (q > 0) radial /= q;
      }
      const shared = beta * sum;
      for (let j = 0; j < k; j++) du[duo + j] = diag * dphiU[j] + shared - u[uo + j] * radial;
    };
  }
  return (u, uo, du, duo) => {
    let radial = 0;
    for (let j = 0; j < k; j++) {
      const x = u[uo + j];
      let v = dc[top];
      for (let p = top - 1; p >= 0; p--) v = v * x + dc[p];
      dphiU[j] = v;
      radial += x * v;
    }
    if (inSpan) {
      spanCoordinates(geom.chol, k, u, uo, coords);
      let q = 0;
      for (let j = 0; j < k; j++) q += coords[j] * coords[j];
      if (q > 0) radial /= q;
    }
    for (let j = 0; j < k; j++) {
      let s = 0;
      const row = j * k;
      for (let m = 0; m < k; m++) s += gram[row + m] * dphiU[m];
      du[duo + j] = s - u[uo + j] * radial;
    }
  };
}

/** Correlation loss of one neuron, −Σ_j φ(u_j) (constant dropped). */
export function neuronLoss(kernel: Kernel, u: Float64Array, uo: number, k: number): number {
  const c = kernel.c;
  const top = c.length - 1;
  let s = 0;
  for (let j = 0; j < k; j++) {
    const x = u[uo + j];
    let v = c[top];
    for (let p = top - 1; p >= 0; p--) v = v * x + c[p];
    s += v;
  }
  return -s;
}

/** Mean loss per neuron over n rows of k overlaps. */
export function meanLoss(kernel: Kernel, u: Float64Array, n: number, k: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += neuronLoss(kernel, u, i * k, k);
  return n > 0 ? s / n : 0;
}
