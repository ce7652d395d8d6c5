// The squared-loss flow (docs/model.md §9): the neurons interact through Q_im = w_i·w_m, so
// they are integrated together, as one state, by one adaptive Dormand–Prince 5(4) step for
// the whole system. The state is each w_i in coordinates of an orthonormal basis of
// span(V, W(0)) (dimension k + min(n, d − rank G)), which the flow never leaves:
//   dw_i/dt = (I − w_i w_iᵀ) r_i,   r_i = Σ_j φ'(u_ij) v_j − a Σ_{m≠i} κ'(Q_im) w_m,
// in the time τ = a·t, so that without the interaction it is the correlation flow exactly.
// Q = WWᵀ is then positive semidefinite by construction; each w_i is renormalized after every
// accepted step, so |w_i| = 1 holds on the stored state to rounding.
//
// The step sequence depends only on the model and the start, never on the times at which the
// state is asked for (each request interpolates inside the step that covers it), so the app,
// which samples at frame times, and the CLI, which asks once, get the same numbers.
//
// Cost per right-hand side: 1.5·n²·dim multiply-adds for Q and the interaction (dim ≤ n + k),
// plus O(nk²) for the overlaps; the two products are tiled for the cache (coupledKernels.ts).
import type { Geometry } from '../model/geometry.ts';
import type { CoordinateStart } from '../model/jointStart.ts';
import { generalizationError, type SquaredLoss } from '../model/squaredLoss.ts';
import {
  A21, A31, A32, A41, A42, A43, A51, A52, A53, A54, A61, A62, A63, A64, A65, A71, A73, A74, A75, A76,
  E1, E3, E4, E5, E6, E7, canRetryNonFinite, denseValue, denseValuesOfStep, firstStepGuess, grownStep, isTinyStep, shrunkStep,
  startingStep,
} from './dormandPrince.ts';
import type { Dynamics, IntegratorStats } from './dynamics.ts';
import { Interaction } from './coupledKernels.ts';
import { stage2, stage3, stage4, stage5, stage6, stage7, stepError } from './coupledStages.ts';

export interface CoupledFlowOptions {
  rtol: number;
  /** absolute tolerance per coordinate (the span coordinates start near d^{−1/2}) */
  atol: number;
  /** give up (mark every neuron failed) after this many attempted steps */
  maxSteps?: number;
  /**
   * The whole system counts as at rest once no coordinate moves faster than this; it is then
   * held, as the correlation flow holds a settled neuron (an explicit method would otherwise
   * spend the rest of a long run at its stability limit on a state that no longer changes).
   */
  restSpeed?: number;
}

export class CoupledFlow implements Dynamics {
  readonly n: number;
  readonly k: number;
  /** coordinates per neuron */
  readonly dim: number;
  readonly failed: Uint8Array;
  readonly stats: IntegratorStats = { rhsEvals: 0, accepted: 0, rejected: 0 };
  /** the state at the end of the current step: n rows of dim, each a unit vector */
  get y(): Float64Array {
    return this.yEnd;
  }
  /** the last state handed out by advanceTo (normalized rows) */
  readonly wOut: Float64Array;
  /** start and end of the current step */
  t0 = 0;
  t1 = 0;
  /** 1 once the system came to rest and is held */
  atRest = false;

  private readonly sq: SquaredLoss;
  private readonly geom: Geometry;
  private readonly len: number;
  private readonly rtol: number;
  private readonly atol: number;
  private readonly maxSteps: number;
  private readonly restSpeed: number;
  private h = 0;
  private steps = 0;
  /** the derivative at y (FSAL: the last stage of the step that ended there) */
  private f: Float64Array;
  private readonly s: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private k7: Float64Array;
  private readonly yNew: Float64Array;
  /** the state at the end of the current step, and at its start (the two swap on acceptance) */
  private yEnd: Float64Array;
  private yStart: Float64Array;
  /**
   * The current step's interpolant comes from its stages, which stay untouched until the next
   * attempt (so an accepted step writes no dense output the frame may never ask for): the
   * derivative at its start (its k1, which after acceptance sits in k7's array) and k3..k7.
   */
  private k1Last: Float64Array;
  private k7Last: Float64Array;
  private hLast = 0;
  /** the interpolant is the constant in `dense` (before the first step, and while at rest) */
  private holding = true;
  /** the constant interpolant: 5 blocks of len */
  private readonly dense: Float64Array;
  /** RHS scratch: overlaps and φ'(u) (n×k) */
  private readonly uWork: Float64Array;
  private readonly pWork: Float64Array;
  private readonly uLast: Float64Array;
  /** Q = WWᵀ of wOut, computed when first asked for after each advanceTo (zero before the first) */
  private readonly qOut: Float64Array;
  private qStale = false;
  private readonly interaction: Interaction;
  /** the tableau's last row (b1, b3..b6) and error weights (e1, e3..e6), and stepError's speed */
  private readonly weights = Float64Array.of(A71, A73, A74, A75, A76);
  private readonly errorWeights = Float64Array.of(E1, E3, E4, E5, E6);
  private readonly speedOut = new Float64Array(1);

  constructor(geom: Geometry, sq: SquaredLoss, start: CoordinateStart, n: number, options: CoupledFlowOptions) {
    this.geom = geom;
    this.sq = sq;
    this.n = n;
    this.k = geom.k;
    this.dim = start.dim;
    this.len = n * start.dim;
    this.rtol = options.rtol;
    this.atol = options.atol;
    this.maxSteps = options.maxSteps ?? 1_000_000;
    this.restSpeed = options.restSpeed ?? 0;
    this.failed = new Uint8Array(n);
    const len = this.len;
    this.yEnd = new Float64Array(start.w);
    this.yStart = new Float64Array(len);
    this.f = new Float64Array(len);
    this.s = new Float64Array(len);
    this.k2 = new Float64Array(len);
    this.k3 = new Float64Array(len);
    this.k4 = new Float64Array(len);
    this.k5 = new Float64Array(len);
    this.k6 = new Float64Array(len);
    this.k7 = new Float64Array(len);
    this.yNew = new Float64Array(len);
    this.dense = new Float64Array(5 * len);
    this.uWork = new Float64Array(n * this.k);
    this.pWork = new Float64Array(n * this.k);
    this.wOut = new Float64Array(len);
    this.qOut = new Float64Array(n * n);
    this.uLast = new Float64Array(n * this.k);
    this.interaction = new Interaction(n, this.dim);
    this.k1Last = this.f;
    this.k7Last = this.k7;
    this.rhs(this.y, this.f);
    this.holdAt(this.y);
    this.wOut.set(this.y);
    this.h = this.startingStep();
  }

  /** The overlaps u_ij = v_j·w_i of n rows of coordinates: v_j has coordinates (row j of L, 0…). */
  overlapsOf(w: Float64Array, u: Float64Array): void {
    const { n, k, dim } = this;
    const L = this.geom.chol;
    for (let i = 0; i < n; i++) {
      const o = i * dim;
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let l = 0; l <= j; l++) s += L[j * k + l] * w[o + l];
        u[i * k + j] = s;
      }
    }
  }

  /** dW/dt at W (n rows of dim) into F (not W itself). Allocation-free. */
  rhs(w: Float64Array, F: Float64Array): void {
    const { n, k, dim, sq } = this;
    const L = this.geom.chol;
    const u = this.uWork, P = this.pWork;
    const dc = sq.phi.dc, kdc = sq.kappa.dc;
    const top = dc.length - 1;
    const a = sq.a;
    this.overlapsOf(w, u);
    for (let q = 0; q < n * k; q++) {
      const x = u[q];
      let v = dc[top];
      for (let p = top - 1; p >= 0; p--) v = v * x + dc[p];
      P[q] = v;
    }
    // r_i = Σ_j φ'(u_ij) v_j (in the first k coordinates only) minus the interaction, from the
    // two dense products (coupledKernels.ts), then projected: one pass over each row, which
    // stays in the cache between its three loops
    const KW = this.interaction.interact(w, a, kdc);
    const ld = this.interaction.stride;
    for (let i = 0; i < n; i++) {
      const o = i * dim, ko = i * ld;
      let s = 0;
      for (let l = 0; l < k; l++) {
        let v = 0;
        for (let j = l; j < k; j++) v += P[i * k + j] * L[j * k + l];
        const r = v - KW[ko + l];
        F[o + l] = r;
        s += w[o + l] * r;
      }
      for (let c = k; c < dim; c++) {
        const r = 0 - KW[ko + c];
        F[o + c] = r;
        s += w[o + c] * r;
      }
      for (let c = 0; c < dim; c++) F[o + c] -= s * w[o + c];
    }
    this.stats.rhsEvals++;
  }

  advanceTo(T: number, out: Float64Array): void {
    while (this.t1 < T && this.failed[0] === 0 && !this.atRest) {
      if (this.steps >= this.maxSteps) {
        this.failed.fill(1);
        break;
      }
      this.attempt();
    }
    this.interpolate(T, this.wOut);
    this.overlapsOf(this.wOut, out);
    this.uLast.set(out);
    // Q waits for generalizationError: the worker advances a frame in several pieces and asks
    // for the error once, and Q costs a third of a right-hand side
    this.qStale = true;
  }

  /** E[(f − f*)²] at the time last asked for. */
  generalizationError(): number {
    if (this.qStale) {
      // by the same tiled product as the right-hand side's (at n in the hundreds a plain loop
      // here would cost as much as a step)
      this.interaction.gram(this.wOut, this.qOut);
      this.qStale = false;
    }
    return generalizationError(this.sq, this.uLast, this.qOut, this.n, this.k);
  }

  /** The state at T inside the current step, each row renormalized (T past the end: the end). */
  private interpolate(T: number, out: Float64Array): void {
    const { len, dim, n } = this;
    const span = this.t1 - this.t0;
    if (!(span > 0) || this.failed[0] === 1 || T >= this.t1) out.set(this.y);
    else {
      let th = (T - this.t0) / span;
      th = th < 0 ? 0 : th;
      const value = denseValue;
      if (this.holding) {
        const D = this.dense;
        for (let q = 0; q < len; q++) out[q] = value(D, q, len, th);
      } else {
        const { k3, k4, k5, k6 } = this;
        denseValuesOfStep(out, len, th, this.hLast, this.yStart, this.yNew, this.k1Last, k3, k4, k5, k6, this.k7Last);
      }
    }
    normalizeRows(out, n, dim);
  }

  /** Makes the interpolant constant at w (before the first step, or while held at rest). */
  private holdAt(w: Float64Array): void {
    this.dense.fill(0);
    this.dense.set(w);
    this.holding = true;
  }

  private startingStep(): number {
    const { len, y, f, rtol, atol } = this;
    let d0 = 0, d1 = 0;
    for (let q = 0; q < len; q++) {
      const sc = atol + rtol * Math.abs(y[q]);
      d0 = Math.max(d0, Math.abs(y[q]) / sc);
      d1 = Math.max(d1, Math.abs(f[q]) / sc);
    }
    const h0 = firstStepGuess(d0, d1);
    const ys = this.s, k2 = this.k2;
    for (let q = 0; q < len; q++) ys[q] = y[q] + h0 * f[q];
    this.rhs(ys, k2);
    let d2 = 0;
    for (let q = 0; q < len; q++) d2 = Math.max(d2, Math.abs(k2[q] - f[q]) / (atol + rtol * Math.abs(y[q])));
    d2 /= h0;
    return startingStep(h0, d1, d2);
  }

  /** One attempted step (accepted or rejected) of the whole system. */
  private attempt(): void {
    const { len, y, f, s, k2, k3, k4, k5, k6, k7, yNew, rtol, atol } = this;
    const h = this.h;
    // the tableau as locals: where modules are loaded as CommonJS (tsx, the CLI) an imported
    // binding is a property read on every use
    const a21 = A21, a31 = A31, a32 = A32, a41 = A41, a42 = A42, a43 = A43, a51 = A51, a52 = A52, a53 = A53, a54 = A54;
    const a61 = A61, a62 = A62, a63 = A63, a64 = A64, a65 = A65, e7 = E7;
    const t = this.t1;
    this.steps++;
    stage2(s, y, h, a21, f, len);
    this.rhs(s, k2);
    stage3(s, y, h, a31, f, a32, k2, len);
    this.rhs(s, k3);
    stage4(s, y, h, a41, f, a42, k2, a43, k3, len);
    this.rhs(s, k4);
    stage5(s, y, h, a51, f, a52, k2, a53, k3, a54, k4, len);
    this.rhs(s, k5);
    stage6(s, y, h, a61, f, a62, k2, a63, k3, a64, k4, a65, k5, len);
    this.rhs(s, k6);
    // s is free once k6 is computed: it takes the error estimate's sum but for its k7 term
    stage7(yNew, s, y, h, this.weights, this.errorWeights, f, k3, k4, k5, k6, len);
    this.rhs(yNew, k7);
    // largest scaled error over the whole state: an error in a few coordinates is not diluted
    // by the many that hardly move
    const err = stepError(s, h, e7, k7, y, yNew, atol, rtol, len, this.speedOut);
    const speed = this.speedOut[0];
    // NaN when a coordinate or a derivative is not finite
    if (!Number.isFinite(err)) {
      if (canRetryNonFinite(h, t)) {
        this.h = h * 0.1;
        this.stats.rejected++;
      } else this.failed.fill(1);
      return;
    }
    if (err > 1 && !isTinyStep(h, t)) {
      this.h = shrunkStep(h, err);
      this.stats.rejected++;
      return;
    }
    this.stats.accepted++;
    this.t0 = t;
    this.t1 = t + h;
    // the step's start, its stages and yNew now define the interpolant until the next attempt
    this.hLast = h;
    this.holding = false;
    this.k1Last = f;
    this.k7Last = k7;
    const start = this.yStart;
    normalizeRowsInto(yNew, start, this.n, this.dim);
    this.yStart = y;
    this.yEnd = start;
    // the first stage of the next step: the derivative at the renormalized state would differ
    // from k7 by about the tolerance, like the step itself, so FSAL's k7 is kept (its array
    // becomes f, and f's the next k7: no copy)
    this.f = k7;
    this.k7 = f;
    if (speed < this.restSpeed) {
      this.atRest = true;
      this.holdAt(this.y);
      this.t0 = this.t1;
      this.t1 = Infinity;
    }
    this.h = grownStep(h, err, this.t1);
  }
}

/** out = the rows of w each scaled to unit length (a zero row copied), as normalizeRows of a copy. */
function normalizeRowsInto(w: Float64Array, out: Float64Array, n: number, dim: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    let s = 0;
    for (let c = 0; c < dim; c++) s += w[o + c] * w[o + c];
    if (!(s > 0)) {
      for (let c = 0; c < dim; c++) out[o + c] = w[o + c];
      continue;
    }
    const inv = 1 / Math.sqrt(s);
    for (let c = 0; c < dim; c++) out[o + c] = w[o + c] * inv;
  }
}

function normalizeRows(w: Float64Array, n: number, dim: number): void {
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    let s = 0;
    for (let c = 0; c < dim; c++) s += w[o + c] * w[o + c];
    if (!(s > 0)) continue;
    const inv = 1 / Math.sqrt(s);
    for (let c = 0; c < dim; c++) w[o + c] *= inv;
  }
}
