// The closed overlap ODE du/dt = G φ'(u) − u (u·φ'(u)) (docs/model.md §2), specialized by
// Gram structure: O(k) for orthogonal/equiangular, O(k²) for a custom G.
import { spanCoordinates, type Geometry } from '../model/geometry.ts';
import type { Kernel } from '../model/kernel.ts';

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
  // kernels with a closed form (relu, abs) evaluate it instead of their truncated series
  const exactD = kernel.exact?.dphi;
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
        let v: number;
        if (exactD) v = exactD(x);
        else {
          v = dc[top];
          for (let p = top - 1; p >= 0; p--) v = v * x + dc[p];
        }
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
      let v: number;
      if (exactD) v = exactD(x);
      else {
        v = dc[top];
        for (let p = top - 1; p >= 0; p--) v = v * x + dc[p];
      }
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

/**
 * du/dt for m neurons stored as consecutive rows of k numbers (row r at u[r·k..r·k+k)) into du;
 * work holds at least m·k numbers. Bit-identical to calling the per-neuron form on each row.
 */
export type OverlapRHSBatch = (u: Float64Array, du: Float64Array, m: number, work: Float64Array) => void;

/**
 * φ'(x) for the first len entries of u. A pure monomial a·x^e (all lower coefficients +0)
 * is a·x·…·x + 0: each Horner step v·x + 0 equals v·x except that it turns −0 into +0, and once
 * a product is ±0 all later ones are too (x is finite then), so the final + 0 alone gives the
 * same bits. Otherwise Horner, degree by degree over all entries, in the per-neuron order.
 */
function dphiAll(dc: Float64Array, u: Float64Array, out: Float64Array, len: number): void {
  const top = dc.length - 1;
  const a = dc[top];
  let monomial = true;
  for (let p = 0; p < top; p++) if (!Object.is(dc[p], 0)) monomial = false;
  if (top === 0) {
    for (let q = 0; q < len; q++) out[q] = a;
  } else if (monomial && top === 1) {
    for (let q = 0; q < len; q++) out[q] = a * u[q] + 0;
  } else if (monomial && top === 2) {
    for (let q = 0; q < len; q++) {
      const x = u[q];
      out[q] = a * x * x + 0;
    }
  } else if (monomial && top === 3) {
    for (let q = 0; q < len; q++) {
      const x = u[q];
      out[q] = a * x * x * x + 0;
    }
  } else {
    for (let q = 0; q < len; q++) out[q] = a;
    for (let p = top - 1; p >= 0; p--) {
      const c = dc[p];
      for (let q = 0; q < len; q++) out[q] = out[q] * u[q] + c;
    }
  }
}

/** The batched form of overlapRHS (same meaning of inSpan), for integrators that step many neurons at once. */
export function overlapRHSBatch(geom: Geometry, kernel: Kernel, inSpan = false): OverlapRHSBatch {
  const { k, gram } = geom;
  const dc = kernel.dc;
  const exactD = kernel.exact?.dphi;
  const coords = new Float64Array(k);
  if (geom.kind !== 'gram') {
    const beta = geom.beta;
    const diag = 1 - beta;
    const gamma = k > 1 ? beta / (1 + (k - 1) * beta) : 0;
    const qScale = k > 1 ? 1 / diag : 1;
    return (u, du, m, work) => {
      if (exactD) for (let q = 0; q < m * k; q++) work[q] = exactD(u[q]);
      else dphiAll(dc, u, work, m * k);
      for (let r = 0, o = 0; r < m; r++, o += k) {
        let sum = 0;
        let radial = 0;
        let uSum = 0;
        let uSq = 0;
        for (let j = 0; j < k; j++) {
          const x = u[o + j];
          const v = work[o + j];
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
        for (let j = 0; j < k; j++) du[o + j] = diag * work[o + j] + shared - u[o + j] * radial;
      }
    };
  }
  return (u, du, m, work) => {
    if (exactD) for (let q = 0; q < m * k; q++) work[q] = exactD(u[q]);
    else dphiAll(dc, u, work, m * k);
    for (let r = 0, o = 0; r < m; r++, o += k) {
      let radial = 0;
      for (let j = 0; j < k; j++) radial += u[o + j] * work[o + j];
      if (inSpan) {
        spanCoordinates(geom.chol, k, u, o, coords);
        let q = 0;
        for (let j = 0; j < k; j++) q += coords[j] * coords[j];
        if (q > 0) radial /= q;
      }
      for (let j = 0; j < k; j++) {
        let s = 0;
        const row = j * k;
        for (let c = 0; c < k; c++) s += gram[row + c] * work[o + c];
        du[o + j] = s - u[o + j] * radial;
      }
    }
  };
}

/** Any per-neuron right-hand side as a batched one (one call per row). */
export function batchOf(rhs: OverlapRHS, k: number): OverlapRHSBatch {
  return (u, du, m) => {
    for (let r = 0, o = 0; r < m; r++, o += k) rhs(u, o, du, o);
  };
}

/** Correlation loss of one neuron, −Σ_j φ(u_j) (constant dropped). */
export function neuronLoss(kernel: Kernel, u: Float64Array, uo: number, k: number): number {
  const c = kernel.c;
  const top = c.length - 1;
  let s = 0;
  if (kernel.exact) {
    for (let j = 0; j < k; j++) s += kernel.exact.phi(u[uo + j]);
    return -s;
  }
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
