// The squared loss with a fixed second layer (docs/model.md §9): f(x) = a Σ_i σ(w_i·x), loss
// L = ½E[(f − f*)²]. Unlike the correlation loss the neurons interact through Q_im = w_i·w_m,
// but the population dynamics still close on the overlaps (U, Q). This file holds the pieces
// that do not depend on how the flow is integrated: the kernels κ and κ*, the second-layer
// scale, the generalization error, and the closed (U, Q) equations (the coupled integrator in
// coupledFlow.ts works in coordinates instead; a test checks that the two forms agree).
import type { Activation } from './activation.ts';
import { kernelFromCoefficients, polyval, type Kernel } from './kernel.ts';
import type { Geometry } from './geometry.ts';

export interface SquaredLoss {
  /** the correlation kernel φ(t) = Σ a_p b_p t^p (the same as the correlation loss uses) */
  phi: Kernel;
  /** student kernel κ(t) = Σ a_p² t^p: E[σ(w·x)σ(w'·x)] = κ(w·w') */
  kappa: Kernel;
  /** target kernel κ*(t) = Σ b_p² t^p */
  kappaStar: Kernel;
  /** the second-layer weight a (already resolved from a = 0, which means k/n) */
  a: number;
  /** E[f*²] = Σ_{j,l} κ*(G_jl) */
  targetEnergy: number;
}

/** The second layer a: the spec's value, or k/n when it is 0 (n/k neurons per v_j then reproduce f*). */
export function secondLayerScale(a: number | undefined, k: number, n: number): number {
  return a !== undefined && a > 0 ? a : k / n;
}

/** Σ_p c_p² t^p for one activation (h_0..h_2 removed when the model drops them). */
function selfKernel(act: Activation, dropLow: boolean): Kernel {
  const c = new Float64Array(act.coeffs.length);
  for (let p = dropLow ? 3 : 0; p < c.length; p++) c[p] = act.coeffs[p] * act.coeffs[p];
  return kernelFromCoefficients(c);
}

export function squaredLossOf(phi: Kernel, sigma: Activation, target: Activation, dropLow: boolean, geometry: Geometry, a: number): SquaredLoss {
  const kappa = selfKernel(sigma, dropLow);
  const kappaStar = selfKernel(target, dropLow);
  const { k, gram } = geometry;
  let targetEnergy = 0;
  for (let q = 0; q < k * k; q++) targetEnergy += polyval(kappaStar.c, gram[q]);
  return { phi, kappa, kappaStar, a, targetEnergy };
}

/**
 * E[(f − f*)²] = a² Σ_{i,m} κ(Q_im) − 2a Σ_{i,j} φ(u_ij) + E[f*²], from n rows of k overlaps
 * and the n×n matrix Q (row-major). It is 0 exactly when the student reproduces the target.
 */
export function generalizationError(sq: SquaredLoss, u: Float64Array, Q: Float64Array, n: number, k: number): number {
  const { a, kappa, phi } = sq;
  let student = 0;
  for (let i = 0; i < n; i++) {
    student += polyval(kappa.c, Q[i * n + i]);
    for (let m = i + 1; m < n; m++) student += 2 * polyval(kappa.c, Q[i * n + m]);
  }
  let cross = 0;
  for (let q = 0; q < n * k; q++) cross += polyval(phi.c, u[q]);
  return a * a * student - 2 * a * cross + sq.targetEnergy;
}

/**
 * The closed (U, Q) equations of docs/model.md §9, in the time τ = a·t:
 *   du_ij/dt = (Gφ'(u_i))_j − a Σ_{m≠i} κ'(Q_im) u_mj − u_ij s_i,
 *   s_i = u_i·φ'(u_i) − a Σ_{m≠i} κ'(Q_im) Q_im,
 *   dQ_im/dt = ρ_im + ρ_mi − Q_im (s_i + s_m),
 *   ρ_im = Σ_j φ'(u_ij) u_mj − a Σ_{l≠i} κ'(Q_il) Q_lm.
 * Writes dU (n×k) and dQ (n×n). Allocates: this form is the reference the tests check the
 * coordinates form against, not the integrator's hot loop.
 */
export function squaredLossOverlapRHS(
  sq: SquaredLoss,
  G: Float64Array,
  u: Float64Array,
  Q: Float64Array,
  n: number,
  k: number,
  dU: Float64Array,
  dQ: Float64Array,
): void {
  const { a, phi, kappa } = sq;
  const P = new Float64Array(n * k);
  for (let q = 0; q < n * k; q++) P[q] = polyval(phi.dc, u[q]);
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let m = 0; m < n; m++) K[i * n + m] = i === m ? 0 : polyval(kappa.dc, Q[i * n + m]);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let j = 0; j < k; j++) v += u[i * k + j] * P[i * k + j];
    for (let m = 0; m < n; m++) v -= a * K[i * n + m] * Q[i * n + m];
    s[i] = v;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let v = 0;
      for (let l = 0; l < k; l++) v += G[j * k + l] * P[i * k + l];
      for (let m = 0; m < n; m++) v -= a * K[i * n + m] * u[m * k + j];
      dU[i * k + j] = v - u[i * k + j] * s[i];
    }
  }
  const rho = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < n; m++) {
      let v = 0;
      for (let j = 0; j < k; j++) v += P[i * k + j] * u[m * k + j];
      for (let l = 0; l < n; l++) v -= a * K[i * n + l] * Q[l * n + m];
      rho[i * n + m] = v;
    }
  }
  for (let i = 0; i < n; i++) for (let m = 0; m < n; m++) dQ[i * n + m] = rho[i * n + m] + rho[m * n + i] - Q[i * n + m] * (s[i] + s[m]);
}
