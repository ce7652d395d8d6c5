// Dormand–Prince 5(4): the tableau, its 4th-order dense output and the step-size control,
// written once for both flows that step it (the per-neuron correlation flow and the coupled
// squared-loss flow; docs/model.md §2 and §9). Each caller keeps its own state layout and its
// own error norm; what a step size does after an error estimate is decided only here.

export const A21 = 1 / 5;
export const A31 = 3 / 40, A32 = 9 / 40;
export const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
export const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
export const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
export const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
export const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;
// The system is autonomous, so the stage times c_2..c_6 are never needed.

/** Relative tolerance of every flow the app runs (the CLI and the worker use the same). */
export const RTOL = 1e-8;

/**
 * Absolute tolerance for overlaps in dimension d: a start has overlaps of order d^{−1/2}, so a
 * fixed atol would either drown the search phase at large d or waste steps at small d.
 */
export function absoluteTolerance(d: number, rtol = RTOL): number {
  return (rtol * 1e-2) / Math.sqrt(d);
}

/**
 * The step factor 0.9·err^(−1/5) is clamped to [0.2, 10]. Math.pow dominates the cost of a step,
 * so it is skipped where the clamp decides anyway: below 5e-6 the factor exceeds 10.3, above
 * 2000 it is below 0.197 (the clamps are at err ≈ 5.9e-6 and ≈ 1845), so the bits are the same.
 */
const GROW_CEILING_ERR = 5e-6;
const SHRINK_FLOOR_ERR = 2000;

/** The next step size after a step rejected with scaled error err > 1. */
export function shrunkStep(h: number, err: number): number {
  return h * (err > SHRINK_FLOOR_ERR ? 0.2 : Math.max(0.2, 0.9 * Math.pow(err, -0.2)));
}

/**
 * The next step size after a step accepted with scaled error err, ending at tNew. A step never
 * more than doubles the elapsed time: that keeps log-time sampling honest.
 */
export function grownStep(h: number, err: number, tNew: number): number {
  let fac = err < GROW_CEILING_ERR ? 10 : 0.9 * Math.pow(err, -0.2);
  fac = fac < 0.2 ? 0.2 : fac > 10 ? 10 : fac;
  return Math.min(h * fac, Math.max(tNew, 1));
}

/** Whether a step that produced non-finite values may be retried at a tenth of its size. */
export function canRetryNonFinite(h: number, t: number): boolean {
  return h > 1e-12 * Math.max(1, t);
}

/** A step this small at time t is accepted whatever its error: it can no longer shrink usefully. */
export function isTinyStep(h: number, t: number): boolean {
  return h <= 1e-13 * Math.max(1, t);
}

/**
 * Hairer's starting step, first guess, from the scaled norms of the state (d0) and of its
 * derivative (d1).
 */
export function firstStepGuess(d0: number, d1: number): number {
  return d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
}

/** Hairer's starting step, from the first guess h0 and the scaled second-derivative estimate d2. */
export function startingStep(h0: number, d1: number, d2: number): number {
  const dm = Math.max(d1, d2);
  const h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 0.2);
  const h = Math.min(100 * h0, h1);
  return Number.isFinite(h) && h > 0 ? h : 1e-6;
}

/**
 * Writes the five dense-output coefficients of one component q of an accepted step of size h
 * (stages f = k1, k3..k7, from y to yNew) to D[at], D[at + stride], …, D[at + 4·stride].
 */
export function writeDense(
  D: Float64Array, at: number, stride: number, q: number, h: number,
  y: Float64Array, yNew: Float64Array, f: Float64Array,
  k3: Float64Array, k4: Float64Array, k5: Float64Array, k6: Float64Array, k7: Float64Array,
): void {
  const dy = yNew[q] - y[q];
  const bspl = h * f[q] - dy;
  D[at] = y[q];
  D[at + stride] = dy;
  D[at + 2 * stride] = bspl;
  D[at + 3 * stride] = dy - h * k7[q] - bspl;
  D[at + 4 * stride] = h * (D1 * f[q] + D3 * k3[q] + D4 * k4[q] + D5 * k5[q] + D6 * k6[q] + D7 * k7[q]);
}

/** The dense output at θ ∈ [0, 1] of the step whose coefficients start at D[at], stride apart. */
export function denseValue(D: Float64Array, at: number, stride: number, th: number): number {
  const th1 = 1 - th;
  return D[at] + th * (D[at + stride] + th1 * (D[at + 2 * stride] + th * (D[at + 3 * stride] + th1 * D[at + 4 * stride])));
}

/**
 * out[q] = the dense output at θ of every component q < len of an accepted step, straight from
 * its stages: the same arithmetic as writeDense then denseValue, bit for bit, without storing
 * the five coefficients (for a flow that asks for the interpolant less often than it steps).
 */
export function denseValuesOfStep(
  out: Float64Array, len: number, th: number, h: number,
  y: Float64Array, yNew: Float64Array, f: Float64Array,
  k3: Float64Array, k4: Float64Array, k5: Float64Array, k6: Float64Array, k7: Float64Array,
): void {
  const th1 = 1 - th;
  for (let q = 0; q < len; q++) {
    const dy = yNew[q] - y[q];
    const bspl = h * f[q] - dy;
    const c3 = dy - h * k7[q] - bspl;
    const c4 = h * (D1 * f[q] + D3 * k3[q] + D4 * k4[q] + D5 * k5[q] + D6 * k6[q] + D7 * k7[q]);
    out[q] = y[q] + th * (dy + th1 * (bspl + th * (c3 + th1 * c4)));
  }
}
