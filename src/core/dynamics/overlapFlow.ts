// Dormand–Prince 5(4) with error control and 4th-order dense output, run independently for
// each of n neurons (the network is decoupled, so each neuron takes its own steps: the ones
// still on the plateau take huge steps while an escaping one takes small ones).
//
// The step sequence of a neuron never depends on the times at which the state is requested:
// advancing to T1 then T2 gives bit-for-bit the same state at T2 as advancing to T2 directly.
// That is what makes the app (which samples at frame times) and the CLI agree exactly.
//
// For speed the neurons still moving are stepped together: each stage runs over all of them
// at once, as long loops over compacted rows, each neuron with its own h and its own
// accept/reject decision. Per neuron the arithmetic is the same, operation by operation, as
// stepping it alone; only the order across neurons differs, so nothing depends on it.
import {
  A21, A31, A32, A41, A42, A43, A51, A52, A53, A54, A61, A62, A63, A64, A65, A71, A73, A74, A75, A76,
  E1, E3, E4, E5, E6, E7, canRetryNonFinite, denseValue, firstStepGuess, grownStep, isTinyStep, shrunkStep,
  startingStep, writeDense,
} from './dormandPrince.ts';
import type { Dynamics, IntegratorStats } from './dynamics.ts';
import { batchOf, type OverlapRHS, type OverlapRHSBatch } from './overlapOde.ts';

/** Rows stepped together: long enough loops, small enough buffers to stay in cache. */
const WINDOW_ROWS = 1024;

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
  /** the same right-hand side over many rows at once (must be bit-identical to rhs per row) */
  rhsBatch?: OverlapRHSBatch;
}

export class OverlapFlow implements Dynamics {
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
  private readonly rhsBatch: OverlapRHSBatch;
  private readonly rtol: number;
  private readonly atol: number;
  private readonly escapeLevel: number;
  private readonly maxSteps: number;
  private readonly isSettled: ((u: Float64Array, uo: number) => boolean) | undefined;
  private readonly settleSpeed: number;
  /** scratch rows of k for the starting step and the escape bisection */
  private readonly ys: Float64Array;
  private readonly k2: Float64Array;
  /** rows of the neurons being stepped together: at most `window` of them at a time */
  private readonly window: number;
  private readonly rowOf: Int32Array;
  private readonly rowH: Float64Array;
  private readonly rowT: Float64Array;
  /** y, f, h (repeated k times), stage input, stages 2..7, y_new, RHS work: `window`·k each */
  private readonly bY: Float64Array;
  private readonly bF: Float64Array;
  private readonly bH: Float64Array;
  private readonly bS: Float64Array;
  private readonly b2: Float64Array;
  private readonly b3: Float64Array;
  private readonly b4: Float64Array;
  private readonly b5: Float64Array;
  private readonly b6: Float64Array;
  private readonly b7: Float64Array;
  private readonly bN: Float64Array;
  private readonly bW: Float64Array;
  private readonly everyone: Int32Array;

  constructor(rhs: OverlapRHS, k: number, u0: Float64Array, n: number, options: IntegratorOptions = {}) {
    this.rhs = rhs;
    this.rhsBatch = options.rhsBatch ?? batchOf(rhs, k);
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
    this.ys = new Float64Array(k);
    this.k2 = new Float64Array(k);
    this.window = Math.max(1, Math.min(n, WINDOW_ROWS));
    const w = this.window;
    this.rowOf = new Int32Array(w);
    this.rowH = new Float64Array(w);
    this.rowT = new Float64Array(w);
    const wk = w * k;
    this.bY = new Float64Array(wk);
    this.bF = new Float64Array(wk);
    this.bH = new Float64Array(wk);
    this.bS = new Float64Array(wk);
    this.b2 = new Float64Array(wk);
    this.b3 = new Float64Array(wk);
    this.b4 = new Float64Array(wk);
    this.b5 = new Float64Array(wk);
    this.b6 = new Float64Array(wk);
    this.b7 = new Float64Array(wk);
    this.bN = new Float64Array(wk);
    this.bW = new Float64Array(wk);
    this.everyone = new Int32Array(n);
    for (let i = 0; i < n; i++) this.everyone[i] = i;
    for (let i = 0; i < n; i++) this.start(i);
  }

  /** Current state of all neurons at time T (every neuron stepped until its step covers T). */
  advanceTo(T: number, out?: Float64Array): void {
    const { n, k } = this;
    this.advanceList(T, this.everyone, n);
    if (out) for (let i = 0; i < n; i++) this.interpolate(i, T, out, i * k);
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
    for (let j = 0; j < k; j++) out[oo + j] = denseValue(D, base + j, k, th);
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
    const h0 = firstStepGuess(d0, d1);
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
    this.h[i] = startingStep(h0, d1, d2);
    for (let j = 0; j < k; j++) if (!Number.isFinite(f[o + j])) this.failed[i] = 1;
  }

  /**
   * Advances the listed neurons until each one's current step ends at or beyond T. Those that
   * need steps fill a window of rows; after every round the finished ones leave it and the
   * next ones from the list take their place, so the loops stay long until the list runs out.
   */
  private advanceList(T: number, list: Int32Array, count: number): void {
    const cap = this.window;
    let next = 0;
    let m = 0;
    for (;;) {
      while (m < cap && next < count) {
        const i = list[next++];
        if (this.needsStep(i, T)) this.load(i, m++);
      }
      if (m === 0) return;
      m = this.round(T, m);
    }
  }

  /**
   * Whether neuron i takes a regular step before T. A settled neuron is held instead and a
   * neuron at its step cap is given up; each of those is final, so neither needs a row.
   */
  private needsStep(i: number, T: number): boolean {
    if (!(this.tEnd[i] < T) || this.failed[i] === 1) return false;
    if (this.steps[i] >= this.maxSteps) {
      this.failed[i] = 1;
      return false;
    }
    if (this.settled[i] === 0) return true;
    this.hold(i);
    this.steps[i]++;
    return false;
  }

  /** Holds a settled neuron from the end of its last real step on, keeping that step's interpolant intact. */
  private hold(i: number): void {
    const { k, y } = this;
    const o = i * k;
    const base = i * 5 * k;
    for (let j = 0; j < k; j++) {
      this.dense[base + j] = y[o + j];
      for (let r = 1; r < 5; r++) this.dense[base + r * k + j] = 0;
    }
    this.tStart[i] = this.tEnd[i];
    this.tEnd[i] = Infinity;
  }

  private load(i: number, r: number): void {
    const { k, y, f, bY, bF } = this;
    const o = i * k, ro = r * k;
    for (let j = 0; j < k; j++) {
      bY[ro + j] = y[o + j];
      bF[ro + j] = f[o + j];
    }
    this.rowOf[r] = i;
    this.rowH[r] = this.h[i];
    this.rowT[r] = this.tEnd[i];
  }

  /** Neuron i's row back into the per-neuron arrays (its step times are kept current already). */
  private unload(i: number, r: number): void {
    const { k, y, f, bY, bF } = this;
    const o = i * k, ro = r * k;
    for (let j = 0; j < k; j++) {
      y[o + j] = bY[ro + j];
      f[o + j] = bF[ro + j];
    }
    this.h[i] = this.rowH[r];
  }

  /**
   * One attempted step (accepted or rejected) of each of the m rows; returns how many rows
   * still need steps, compacted to the front. T decides only whether to keep the interpolant.
   */
  private round(T: number, m: number): number {
    const { k, rtol, atol, rhsBatch } = this;
    const { bY, bF, bH, bS, b2, b3, b4, b5, b6, b7, bN, bW, rowH } = this;
    const len = m * k;
    for (let r = 0, o = 0; r < m; r++, o += k) {
      const h = rowH[r];
      for (let j = 0; j < k; j++) bH[o + j] = h;
    }

    for (let q = 0; q < len; q++) bS[q] = bY[q] + bH[q] * A21 * bF[q];
    rhsBatch(bS, b2, m, bW);
    for (let q = 0; q < len; q++) bS[q] = bY[q] + bH[q] * (A31 * bF[q] + A32 * b2[q]);
    rhsBatch(bS, b3, m, bW);
    for (let q = 0; q < len; q++) bS[q] = bY[q] + bH[q] * (A41 * bF[q] + A42 * b2[q] + A43 * b3[q]);
    rhsBatch(bS, b4, m, bW);
    for (let q = 0; q < len; q++) bS[q] = bY[q] + bH[q] * (A51 * bF[q] + A52 * b2[q] + A53 * b3[q] + A54 * b4[q]);
    rhsBatch(bS, b5, m, bW);
    for (let q = 0; q < len; q++) {
      bS[q] = bY[q] + bH[q] * (A61 * bF[q] + A62 * b2[q] + A63 * b3[q] + A64 * b4[q] + A65 * b5[q]);
    }
    rhsBatch(bS, b6, m, bW);
    for (let q = 0; q < len; q++) {
      bN[q] = bY[q] + bH[q] * (A71 * bF[q] + A73 * b3[q] + A74 * b4[q] + A75 * b5[q] + A76 * b6[q]);
    }
    rhsBatch(bN, b7, m, bW);
    this.stats.rhsEvals += 6 * m;
    // each component's squared scaled error, summed per neuron below in component order
    for (let q = 0; q < len; q++) {
      const e = bH[q] * (E1 * bF[q] + E3 * b3[q] + E4 * b4[q] + E5 * b5[q] + E6 * b6[q] + E7 * b7[q]);
      const sc = atol + rtol * Math.max(Math.abs(bY[q]), Math.abs(bN[q]));
      bS[q] = (e / sc) * (e / sc);
    }

    let kept = 0;
    for (let r = 0; r < m; r++) {
      const i = this.rowOf[r];
      this.decide(i, r, T);
      this.steps[i]++;
      const moving = this.failed[i] === 0 && this.settled[i] === 0 && this.rowT[r] < T;
      if (moving && this.steps[i] < this.maxSteps) {
        if (kept !== r) this.moveRow(r, kept);
        kept++;
        continue;
      }
      this.unload(i, r);
      // what the next attempt would find: a hold, or the step cap
      this.needsStep(i, T);
    }
    return kept;
  }

  /** Accepts or rejects row r's attempted step (neuron i) and proposes its next step size. */
  private decide(i: number, r: number, T: number): void {
    const { k, bY, bF, bS, b3, b4, b5, b6, b7, bN, rowH } = this;
    const o = r * k;
    const h = rowH[r];
    const t = this.rowT[r];
    let err = 0;
    let finite = true;
    for (let j = 0; j < k; j++) {
      err += bS[o + j];
      if (!Number.isFinite(bN[o + j]) || !Number.isFinite(b7[o + j])) finite = false;
    }
    err = Math.sqrt(err / k);
    if (!finite || !Number.isFinite(err)) {
      if (canRetryNonFinite(h, t)) {
        rowH[r] = h * 0.1;
        this.stats.rejected++;
        return;
      }
      this.failed[i] = 1;
      return;
    }
    if (err > 1 && !isTinyStep(h, t)) {
      rowH[r] = shrunkStep(h, err);
      this.stats.rejected++;
      return;
    }

    // accepted
    this.stats.accepted++;
    const tNew = t + h;
    let escaped = false;
    const level = this.escapeLevel;
    if (Number.isNaN(this.escapeTime[i])) {
      for (let j = 0; j < k; j++) if (Math.abs(bN[o + j]) >= level) escaped = true;
    }
    if (tNew >= T || escaped) {
      const D = this.dense;
      const base = i * 5 * k;
      for (let j = 0; j < k; j++) writeDense(D, base + j, k, o + j, h, bY, bN, bF, b3, b4, b5, b6, b7);
    }
    this.tStart[i] = t;
    this.tEnd[i] = tNew;
    this.rowT[r] = tNew;
    for (let j = 0; j < k; j++) {
      bY[o + j] = bN[o + j];
      bF[o + j] = b7[o + j];
    }
    if (escaped) {
      // the interpolant falls back on y for a step too short to show in t
      this.unload(i, r);
      this.escapeTime[i] = this.crossingTime(i, t, h, level);
    }
    if (this.isSettled) {
      let speed = 0;
      for (let j = 0; j < k; j++) speed = Math.max(speed, Math.abs(b7[o + j]));
      if (speed < this.settleSpeed && this.isSettled(bY, o)) this.settled[i] = 1;
    }

    rowH[r] = grownStep(h, err, tNew);
  }

  private moveRow(from: number, to: number): void {
    const { k, bY, bF } = this;
    const a = from * k, b = to * k;
    for (let j = 0; j < k; j++) {
      bY[b + j] = bY[a + j];
      bF[b + j] = bF[a + j];
    }
    this.rowOf[to] = this.rowOf[from];
    this.rowH[to] = this.rowH[from];
    this.rowT[to] = this.rowT[from];
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
