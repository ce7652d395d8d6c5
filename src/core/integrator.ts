// Dormand–Prince 5(4) with error control and 4th-order dense output, run independently for
// each of n neurons (the network is decoupled, so each neuron takes its own steps: the ones
// still on the plateau take huge steps while an escaping one takes small ones).
//
// The step sequence of a neuron never depends on the times at which the state is requested:
// advancing to T1 then T2 gives bit-for-bit the same state at T2 as advancing to T2 directly.
// That is what makes the app (which samples at frame times) and the CLI agree exactly.
import type { OverlapRHS } from './ode.ts';

const C2 = 1 / 5, C3 = 3 / 10, C4 = 4 / 5, C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40, A32 = 9 / 40;
const A41 = 44 / 45, A42 = -56 / 15, A43 = 32 / 9;
const A51 = 19372 / 6561, A52 = -25360 / 2187, A53 = 64448 / 6561, A54 = -212 / 729;
const A61 = 9017 / 3168, A62 = -355 / 33, A63 = 46732 / 5247, A64 = 49 / 176, A65 = -5103 / 18656;
const A71 = 35 / 384, A73 = 500 / 1113, A74 = 125 / 192, A75 = -2187 / 6784, A76 = 11 / 84;
const E1 = 71 / 57600, E3 = -71 / 16695, E4 = 71 / 1920, E5 = -17253 / 339200, E6 = 22 / 525, E7 = -1 / 40;
const D1 = -12715105075 / 11282082432, D3 = 87487479700 / 32700410799, D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632, D6 = -1453857185 / 822651844, D7 = 69997945 / 29380423;

void C2; void C3; void C4; void C5; // autonomous system: stage times are not needed

export interface IntegratorOptions {
  rtol?: number;
  atol?: number;
  /** record the first time max_j |u_j| reaches this level (escape from the search phase) */
  escapeLevel?: number;
  /**
   * give up on a neuron after this many attempted steps in all (it is then marked failed);
   * counted over the whole run so the outcome does not depend on how the run was sampled
   */
  maxSteps?: number;
  /**
   * Called when a neuron's velocity falls below settleSpeed; returning true declares it at a
   * stable fixed point, where it is held from then on. Without this an explicit method would
   * spend ~T·λ steps at the stability limit on a neuron that no longer moves.
   */
  isSettled?: (u: Float64Array, uo: number) => boolean;
  settleSpeed?: number;
}

export interface IntegratorStats {
  rhsEvals: number;
  accepted: number;
  rejected: number;
}

export class OverlapFlow {
  readonly n: number;
  readonly k: number;
  /** state of each neuron at the end of its current step */
  readonly y: Float64Array;
  /** right-hand side at y (first stage of the next step) */
  readonly f: Float64Array;
  readonly tStart: Float64Array;
  readonly tEnd: Float64Array;
  /** proposed size of each neuron's next step */
  readonly h: Float64Array;
  /** interpolant coefficients of each neuron's current step, 5k per neuron */
  readonly dense: Float64Array;
  /** first time each neuron's largest |overlap| reached escapeLevel (NaN until then) */
  readonly escapeTime: Float64Array;
  /** 1 where a neuron produced a non-finite value or stalled; it is then frozen */
  readonly failed: Uint8Array;
  /** attempted steps of each neuron so far */
  readonly steps: Float64Array;
  /** 1 where a neuron was declared settled at a stable fixed point (held there from then on) */
  readonly settled: Uint8Array;
  readonly stats: IntegratorStats = { rhsEvals: 0, accepted: 0, rejected: 0 };

  private readonly rhs: OverlapRHS;
  private readonly rtol: number;
  private readonly atol: number;
  private readonly escapeLevel: number;
  private readonly maxSteps: number;
  private readonly isSettled: ((u: Float64Array, uo: number) => boolean) | undefined;
  private readonly settleSpeed: number;
  private readonly y0: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly k7: Float64Array;
  private readonly ys: Float64Array;
  private readonly yn: Float64Array;

  constructor(rhs: OverlapRHS, k: number, u0: Float64Array, n: number, options: IntegratorOptions = {}) {
    this.rhs = rhs;
    this.k = k;
    this.n = n;
    this.rtol = options.rtol ?? 1e-8;
    this.atol = options.atol ?? 1e-12;
    this.escapeLevel = options.escapeLevel ?? 0.5;
    this.maxSteps = options.maxSteps ?? 2_000_000;
    this.isSettled = options.isSettled;
    this.settleSpeed = options.settleSpeed ?? 1e-7;
    this.y = new Float64Array(n * k);
    this.y.set(u0.subarray(0, n * k));
    this.f = new Float64Array(n * k);
    this.tStart = new Float64Array(n);
    this.tEnd = new Float64Array(n);
    this.h = new Float64Array(n);
    this.dense = new Float64Array(n * 5 * k);
    this.escapeTime = new Float64Array(n).fill(NaN);
    this.failed = new Uint8Array(n);
    this.steps = new Float64Array(n);
    this.settled = new Uint8Array(n);
    this.y0 = new Float64Array(k);
    this.k2 = new Float64Array(k);
    this.k3 = new Float64Array(k);
    this.k4 = new Float64Array(k);
    this.k5 = new Float64Array(k);
    this.k6 = new Float64Array(k);
    this.k7 = new Float64Array(k);
    this.ys = new Float64Array(k);
    this.yn = new Float64Array(k);
    for (let i = 0; i < n; i++) this.start(i);
  }

  /** Current state of all neurons at time T (every neuron stepped until its step covers T). */
  advanceTo(T: number, out?: Float64Array): void {
    const { n } = this;
    for (let i = 0; i < n; i++) {
      this.advanceNeuron(i, T);
      if (out) this.interpolate(i, T, out, i * this.k);
    }
  }

  /** Advances one neuron until its current step ends at or beyond T. */
  advanceNeuron(i: number, T: number): void {
    while (this.tEnd[i] < T && this.failed[i] === 0) {
      this.step(i, T);
      if (++this.steps[i] > this.maxSteps) {
        this.failed[i] = 1;
        break;
      }
    }
  }

  /** Writes the state of neuron i at time T (inside its current step) into out[oo..oo+k). */
  interpolate(i: number, T: number, out: Float64Array, oo: number): void {
    const k = this.k;
    const t0 = this.tStart[i];
    const span = this.tEnd[i] - t0;
    const base = i * 5 * k;
    const D = this.dense;
    if (!(span > 0) || this.failed[i] === 1) {
      for (let j = 0; j < k; j++) out[oo + j] = this.y[i * k + j];
      return;
    }
    let th = (T - t0) / span;
    th = th < 0 ? 0 : th > 1 ? 1 : th;
    const th1 = 1 - th;
    for (let j = 0; j < k; j++) {
      const r1 = D[base + j], r2 = D[base + k + j], r3 = D[base + 2 * k + j];
      const r4 = D[base + 3 * k + j], r5 = D[base + 4 * k + j];
      out[oo + j] = r1 + th * (r2 + th1 * (r3 + th * (r4 + th1 * r5)));
    }
  }

  private start(i: number): void {
    const { k, y, f, rtol, atol } = this;
    const o = i * k;
    this.rhs(y, o, f, o);
    this.stats.rhsEvals++;
    const base = i * 5 * k;
    for (let j = 0; j < k; j++) this.dense[base + j] = y[o + j];
    // Hairer's starting step
    let d0 = 0, d1 = 0;
    for (let j = 0; j < k; j++) {
      const sc = atol + rtol * Math.abs(y[o + j]);
      d0 += (y[o + j] / sc) ** 2;
      d1 += (f[o + j] / sc) ** 2;
    }
    d0 = Math.sqrt(d0 / k);
    d1 = Math.sqrt(d1 / k);
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    const ys = this.ys, k2 = this.k2;
    for (let j = 0; j < k; j++) ys[j] = y[o + j] + h0 * f[o + j];
    this.rhs(ys, 0, k2, 0);
    this.stats.rhsEvals++;
    let d2 = 0;
    for (let j = 0; j < k; j++) {
      const sc = atol + rtol * Math.abs(y[o + j]);
      d2 += ((k2[j] - f[o + j]) / sc) ** 2;
    }
    d2 = Math.sqrt(d2 / k) / h0;
    const dm = Math.max(d1, d2);
    const h1 = dm <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 0.2);
    h0 = Math.min(100 * h0, h1);
    this.h[i] = Number.isFinite(h0) && h0 > 0 ? h0 : 1e-6;
    for (let j = 0; j < k; j++) if (!Number.isFinite(f[o + j])) this.failed[i] = 1;
  }

  /** One attempted step of neuron i (accepted or rejected). T decides only whether to keep the interpolant. */
  private step(i: number, T: number): void {
    const { k, y, f, rtol, atol, rhs } = this;
    const { y0, k2, k3, k4, k5, k6, k7, ys, yn } = this;
    const o = i * k;
    const t = this.tEnd[i];
    if (this.settled[i] === 1) {
      // hold from the end of the last real step on, so that step's interpolant stays intact
      const base = i * 5 * k;
      for (let j = 0; j < k; j++) {
        this.dense[base + j] = y[o + j];
        for (let r = 1; r < 5; r++) this.dense[base + r * k + j] = 0;
      }
      this.tStart[i] = t;
      this.tEnd[i] = Infinity;
      return;
    }
    const h = this.h[i];
    for (let j = 0; j < k; j++) y0[j] = y[o + j];

    for (let j = 0; j < k; j++) ys[j] = y0[j] + h * A21 * f[o + j];
    rhs(ys, 0, k2, 0);
    for (let j = 0; j < k; j++) ys[j] = y0[j] + h * (A31 * f[o + j] + A32 * k2[j]);
    rhs(ys, 0, k3, 0);
    for (let j = 0; j < k; j++) ys[j] = y0[j] + h * (A41 * f[o + j] + A42 * k2[j] + A43 * k3[j]);
    rhs(ys, 0, k4, 0);
    for (let j = 0; j < k; j++) ys[j] = y0[j] + h * (A51 * f[o + j] + A52 * k2[j] + A53 * k3[j] + A54 * k4[j]);
    rhs(ys, 0, k5, 0);
    for (let j = 0; j < k; j++) {
      ys[j] = y0[j] + h * (A61 * f[o + j] + A62 * k2[j] + A63 * k3[j] + A64 * k4[j] + A65 * k5[j]);
    }
    rhs(ys, 0, k6, 0);
    for (let j = 0; j < k; j++) {
      yn[j] = y0[j] + h * (A71 * f[o + j] + A73 * k3[j] + A74 * k4[j] + A75 * k5[j] + A76 * k6[j]);
    }
    rhs(yn, 0, k7, 0);
    this.stats.rhsEvals += 6;

    let err = 0;
    let finite = true;
    for (let j = 0; j < k; j++) {
      const e = h * (E1 * f[o + j] + E3 * k3[j] + E4 * k4[j] + E5 * k5[j] + E6 * k6[j] + E7 * k7[j]);
      const sc = atol + rtol * Math.max(Math.abs(y0[j]), Math.abs(yn[j]));
      err += (e / sc) * (e / sc);
      if (!Number.isFinite(yn[j]) || !Number.isFinite(k7[j])) finite = false;
    }
    err = Math.sqrt(err / k);
    if (!finite || !Number.isFinite(err)) {
      if (h > 1e-12 * Math.max(1, t)) {
        this.h[i] = h * 0.1;
        this.stats.rejected++;
        return;
      }
      this.failed[i] = 1;
      return;
    }
    const tiny = h <= 1e-13 * Math.max(1, t);
    if (err > 1 && !tiny) {
      this.h[i] = h * Math.max(0.2, 0.9 * Math.pow(err, -0.2));
      this.stats.rejected++;
      return;
    }

    // accepted
    this.stats.accepted++;
    const tNew = t + h;
    const D = this.dense;
    const base = i * 5 * k;
    let escaped = false;
    const level = this.escapeLevel;
    if (Number.isNaN(this.escapeTime[i])) {
      for (let j = 0; j < k; j++) if (Math.abs(yn[j]) >= level) escaped = true;
    }
    if (tNew >= T || escaped) {
      for (let j = 0; j < k; j++) {
        const dy = yn[j] - y0[j];
        const bspl = h * f[o + j] - dy;
        D[base + j] = y0[j];
        D[base + k + j] = dy;
        D[base + 2 * k + j] = bspl;
        D[base + 3 * k + j] = dy - h * k7[j] - bspl;
        D[base + 4 * k + j] = h * (D1 * f[o + j] + D3 * k3[j] + D4 * k4[j] + D5 * k5[j] + D6 * k6[j] + D7 * k7[j]);
      }
    }
    this.tStart[i] = t;
    this.tEnd[i] = tNew;
    for (let j = 0; j < k; j++) {
      y[o + j] = yn[j];
      f[o + j] = k7[j];
    }
    if (escaped) this.escapeTime[i] = this.crossingTime(i, t, h, level);
    if (this.isSettled) {
      let speed = 0;
      for (let j = 0; j < k; j++) speed = Math.max(speed, Math.abs(k7[j]));
      if (speed < this.settleSpeed && this.isSettled(y, o)) this.settled[i] = 1;
    }

    let fac = err === 0 ? 10 : 0.9 * Math.pow(err, -0.2);
    fac = fac < 0.2 ? 0.2 : fac > 10 ? 10 : fac;
    // never more than double the elapsed time in one step: keeps log-time sampling honest
    const cap = Math.max(tNew, 1);
    this.h[i] = Math.min(h * fac, cap);
  }

  /** First θ in the step where max_j |u_j(θ)| ≥ level, by bisection on the interpolant. */
  private crossingTime(i: number, t0: number, h: number, level: number): number {
    const k = this.k;
    const tmp = this.ys;
    let lo = 0, hi = 1;
    const above = (th: number): boolean => {
      this.interpolate(i, t0 + th * h, tmp, 0);
      for (let j = 0; j < k; j++) if (Math.abs(tmp[j]) >= level) return true;
      return false;
    };
    if (above(0)) return t0;
    for (let it = 0; it < 60; it++) {
      const mid = 0.5 * (lo + hi);
      if (above(mid)) hi = mid;
      else lo = mid;
    }
    return t0 + hi * h;
  }
}
