// Online SGD on real samples (docs/model.md §10): n neurons as unit vectors in R^d, fresh Gaussian
// inputs from the seeded stream, labels f*(x) = Σ_j σ*(v_j·x), and the projected, renormalized
// spherical step w ← normalize(w + η (I − wwᵀ) g), g the batch mean of σ'(w·x) y x.
//
// Per step and neuron the work is two passes over d (the dots w·x_b, then the update fused with
// the new squared norm), with no allocation and independent partial sums. The norm after a step is computed in closed form
// from the dots and the batch's Gram matrix, and each neuron carries its measured |w|², so the
// direction is exact to rounding and |w| = 1 never drifts. Where WebAssembly SIMD is available
// the passes run as two-lane kernels (sgdKernels.ts) on weights and samples kept in the module's
// memory; they round exactly as the JavaScript passes below, so a seed gives the same run either way.
// There the whole step runs in the module too, many steps per call (sgdSteps.ts): the sampler
// (sgdNormals.ts, calling Rng.normal's own logarithm), the labels and every neuron's update, again
// operation for operation as the step below.
import type { Dynamics, IntegratorStats, SavedState } from './dynamics.ts';
import type { Geometry } from '../model/geometry.ts';
import { GaussianSamples } from './sampleStream.ts';
import { RNG_BYTES, RNG_SPARE, RNG_WORDS } from './sgdNormals.ts';
import { weightsFromOverlaps } from './sgdStart.ts';
import { stepsAt, type SamplingPlan } from './sgdPlan.ts';
import { sgdKernels, type SgdKernels } from './sgdKernels.ts';
import { sgdLayout, type SgdLayout } from './sgdLayout.ts';

export interface SgdSetup {
  geometry: Geometry;
  n: number;
  d: number;
  seed: number;
  /** σ and σ' of the student, σ* of the target, as monomial coefficients */
  sigma: Float64Array;
  sigmaSlope: Float64Array;
  target: Float64Array;
  plan: SamplingPlan;
  /** the initial overlaps (n rows of k), the flow's */
  u0: Float64Array;
  /** the population flow from the first `rows` neurons' start, for the dashed overlay */
  flowOf?: (rows: number) => Dynamics;
  /** false: the JavaScript passes even where WebAssembly SIMD is available (the two give the same run) */
  simd?: boolean;
  /** false: the module's row passes but the JavaScript step around them (the same run again) */
  wholeSteps?: boolean;
}

/** The most steps one call into the module takes (its count is a 32-bit integer). */
const STEPS_PER_CALL = 2 ** 30;

/** Largest module memory a run forks (each state its fork saves is this large): 1 MiB. */
const FORK_MAX_BYTES = 2 ** 20;

function horner(c: Float64Array, z: number): number {
  let v = c[c.length - 1];
  for (let p = c.length - 2; p >= 0; p--) v = v * z + c[p];
  return v;
}

// The two passes over d per neuron and step. Each keeps four independent partial sums, so the
// additions do not wait on one another (one running sum would make every pass as slow as the
// latency of an addition); the order is fixed, so the same seed still gives the same run.

/** W[o..o+d)·X[xo..xo+d). */
function rowDot(W: Float64Array, o: number, X: Float64Array, xo: number, d: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let m = 0;
  for (; m + 3 < d; m += 4) {
    s0 += W[o + m] * X[xo + m];
    s1 += W[o + m + 1] * X[xo + m + 1];
    s2 += W[o + m + 2] * X[xo + m + 2];
    s3 += W[o + m + 3] * X[xo + m + 3];
  }
  for (; m < d; m++) s0 += W[o + m] * X[xo + m];
  return (s0 + s1) + (s2 + s3);
}

/** W[o..o+d) ← keep·W + add·X[0..d), returning the new |W[o..o+d)|². */
function scaleAddRow(W: Float64Array, o: number, keep: number, add: number, X: Float64Array, d: number): number {
  let r0 = 0, r1 = 0, r2 = 0, r3 = 0;
  let m = 0;
  for (; m + 3 < d; m += 4) {
    const v0 = keep * W[o + m] + add * X[m];
    const v1 = keep * W[o + m + 1] + add * X[m + 1];
    const v2 = keep * W[o + m + 2] + add * X[m + 2];
    const v3 = keep * W[o + m + 3] + add * X[m + 3];
    W[o + m] = v0;
    W[o + m + 1] = v1;
    W[o + m + 2] = v2;
    W[o + m + 3] = v3;
    r0 += v0 * v0;
    r1 += v1 * v1;
    r2 += v2 * v2;
    r3 += v3 * v3;
  }
  for (; m < d; m++) {
    const v = keep * W[o + m] + add * X[m];
    W[o + m] = v;
    r0 += v * v;
  }
  return (r0 + r1) + (r2 + r3);
}

export class SgdDynamics implements Dynamics {
  readonly n: number;
  readonly k: number;
  readonly d: number;
  readonly failed: Uint8Array;
  readonly stats: IntegratorStats = { rhsEvals: 0, accepted: 0, rejected: 0 };
  readonly sampling: SamplingPlan;
  /** n rows of d weights; row i is w_i·sqrt(norms[i]) */
  readonly weights: Float64Array;
  /** |w_i|² as last computed (1 up to rounding) */
  readonly norms: Float64Array;
  private readonly eta: number;
  private readonly batch: number;
  private readonly chol: Float64Array;
  private readonly setup: SgdSetup;
  private readonly samples_: GaussianSamples;
  private readonly X: Float64Array;
  private readonly XX: Float64Array;
  private readonly Y: Float64Array;
  private readonly C: Float64Array;
  private readonly Z: Float64Array;
  private readonly u0: Float64Array;
  /** the SIMD passes (sgdKernels.ts) over the module's memory, which then holds W, X, C, the norms and the failed flags */
  private readonly kernels: SgdKernels | null;
  /** where the arrays are in the kernels' memory */
  private readonly at: SgdLayout;
  /** true: whole steps in the module, which then also holds the sample generator's state, the labels and the Gram matrix */
  private readonly whole: boolean;
  private steps = 0;
  private prediction: Dynamics | null = null;
  private predictionRows = 0;

  constructor(setup: SgdSetup) {
    const { geometry, n, d, plan } = setup;
    this.setup = setup;
    this.n = n;
    this.k = geometry.k;
    this.d = d;
    this.sampling = plan;
    this.eta = plan.eta;
    this.batch = plan.batch;
    this.chol = geometry.chol;
    this.u0 = setup.u0.slice();
    const B = this.batch;
    const k = this.k;
    const { sigmaSlope: slope, target } = setup;
    const at = (this.at = sgdLayout(n, d, B, k, slope.length, target.length));
    this.kernels = setup.simd === false ? null : sgdKernels(at.bytes);
    const buffer = this.kernels?.memory.buffer;
    // whole steps need σ' and σ* with at least one coefficient each (the module's Horner starts
    // from the top one) and the k coordinates of the index vectors inside a sample (d ≥ k)
    this.whole = !!buffer && setup.wholeSteps !== false && slope.length > 0 && target.length > 0 && d >= k;
    if (buffer) {
      new Float64Array(buffer, at.slope, slope.length).set(slope);
      new Float64Array(buffer, at.target, target.length).set(target);
      new Float64Array(buffer, at.chol, k * k).set(this.chol.subarray(0, k * k));
    }
    this.failed = buffer ? new Uint8Array(buffer, at.failed, n) : new Uint8Array(n);
    const W = buffer ? new Float64Array(buffer, at.w, n * d) : new Float64Array(n * d);
    this.weights = weightsFromOverlaps(geometry, setup.u0, n, d, setup.seed, W);
    this.norms = buffer ? new Float64Array(buffer, at.norms, n) : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let m = i * d, end = m + d; m < end; m++) r += this.weights[m] * this.weights[m];
      this.norms[i] = r;
    }
    this.samples_ = new GaussianSamples(setup.seed);
    if (buffer && this.whole) this.samples_.saveState(...this.generatorArrays(buffer));
    this.X = buffer ? new Float64Array(buffer, at.x, B * d) : new Float64Array(B * d);
    this.XX = buffer ? new Float64Array(buffer, at.xx, B * B) : new Float64Array(B * B);
    this.Y = buffer ? new Float64Array(buffer, at.y, B) : new Float64Array(B);
    this.C = buffer ? new Float64Array(buffer, at.c, B) : new Float64Array(B);
    this.Z = new Float64Array(B);
  }

  /** the sample generator's words and spare normal in the module's memory (sgdNormals.ts) */
  private generatorArrays(buffer: ArrayBufferLike): [Int32Array, Float64Array] {
    const at = this.at.rng;
    return [new Int32Array(buffer, at + RNG_WORDS, 4), new Float64Array(buffer, at + RNG_SPARE, 1)];
  }

  /** The sample generator's state (math/rng.ts's saveState), wherever it lives: the same after the same steps on every path. */
  generatorState(): { words: number[]; spare: number } {
    const words = new Int32Array(4);
    const spare = new Float64Array(1);
    const buffer = this.kernels?.memory.buffer;
    if (buffer && this.whole) {
      const [w, s] = this.generatorArrays(buffer);
      words.set(w);
      spare.set(s);
    } else this.samples_.saveState(words, spare);
    return { words: Array.from(words), spare: spare[0] };
  }

  /** samples drawn so far */
  get samples(): number {
    return this.steps * this.batch;
  }

  get stepCount(): number {
    return this.steps;
  }

  advanceTo(t: number, out: Float64Array): void {
    const target = stepsAt(t, this.eta);
    if (target > this.steps) this.takeSteps(target - this.steps);
    // the start is u0 by construction (the weights reproduce it to rounding, tested): the
    // flow and SGD then show and classify the very same first frame
    if (this.steps === 0) out.set(this.u0.subarray(0, this.n * this.k));
    else this.measuredOverlaps(out);
  }

  /** Takes `count` SGD steps, as `count` calls of step() would. */
  takeSteps(count: number): void {
    const kernels = this.kernels;
    if (!kernels || !this.whole) {
      for (let s = 0; s < count; s++) this.step();
      return;
    }
    const { n, d, k, batch: B, at, eta } = this;
    const { sigmaSlope, target } = this.setup;
    for (let left = count; left > 0; ) {
      const now = Math.min(left, STEPS_PER_CALL);
      kernels.steps(now, at.w, at.x, at.c, at.xx, at.y, n, d, B, at.norms, at.failed, at.slope, sigmaSlope.length, at.target, target.length, at.chol, k, at.rng, eta, at.rows, at.next);
      left -= now;
    }
    this.steps += count;
    this.stats.accepted += count;
    this.stats.rhsEvals += B * count;
  }

  /** Takes exactly one SGD step (tests check invariants after each). */
  step(): void {
    if (this.whole) {
      this.takeSteps(1);
      return;
    }
    const { d, k, n, batch: B, X, XX, Y, C, Z, chol, weights: W, norms, kernels, at } = this;
    const { x: xAt, c: cAt } = at;
    const { target, sigmaSlope } = this.setup;
    for (let b = 0; b < B; b++) {
      const o = b * d;
      XX[b * B + b] = this.samples_.next(X, o, d);
      let y = 0;
      for (let j = 0; j < k; j++) {
        let vx = 0;
        for (let m = 0; m <= j; m++) vx += chol[j * k + m] * X[o + m];
        y += horner(target, vx);
      }
      Y[b] = y;
    }
    for (let b = 0; b < B; b++) {
      for (let c = 0; c < b; c++) {
        let s = 0;
        for (let m = 0; m < d; m++) s += X[b * d + m] * X[c * d + m];
        XX[b * B + c] = s;
        XX[c * B + b] = s;
      }
    }
    const eta = this.eta;
    if (kernels && B === 1 && sigmaSlope.length > 0) {
      // the loop below for B = 1, all rows in one call (sgdKernels.ts's stepRows)
      kernels.stepRows(at.w, xAt, n, d, at.norms, at.failed, at.slope, sigmaSlope.length, Y[0], XX[0], eta, at.rows);
      this.steps++;
      this.stats.accepted++;
      this.stats.rhsEvals += B;
      return;
    }
    for (let i = 0; i < n; i++) {
      if (this.failed[i]) continue;
      const o = i * d;
      const inv = 1 / Math.sqrt(norms[i]);
      // ŵ·g and |g|² with ŵ = w/|w| and g = Σ_b C_b x_b
      let wg = 0;
      for (let b = 0; b < B; b++) {
        const z = (kernels ? kernels.rowDot(8 * o, xAt + 8 * b * d, d) : rowDot(W, o, X, b * d, d)) * inv;
        Z[b] = z;
        C[b] = (horner(sigmaSlope, z) * Y[b]) / B;
        wg += C[b] * z;
      }
      let gg = 0;
      for (let b = 0; b < B; b++) for (let c = 0; c < B; c++) gg += C[b] * C[c] * XX[b * B + c];
      // w + η(g − (ŵ·g)ŵ) = a ŵ + η g, with |a ŵ + η g|² = a² + 2aη ŵ·g + η²|g|²
      const a = 1 - eta * wg;
      const N2 = a * a + 2 * a * eta * wg + eta * eta * gg;
      if (!(N2 > 0 && Number.isFinite(N2))) {
        this.failed[i] = 1;
        continue;
      }
      const scale = 1 / Math.sqrt(N2);
      const keep = a * inv * scale;
      let r = 0;
      if (B === 1) {
        const add = eta * C[0] * scale;
        r = kernels ? kernels.scaleAddRow(8 * o, xAt, d, keep, add) : scaleAddRow(W, o, keep, add, X, d);
      } else if (kernels) {
        for (let b = 0; b < B; b++) C[b] *= eta * scale;
        r = kernels.batchRow(8 * o, xAt, cAt, B, d, keep);
      } else {
        for (let b = 0; b < B; b++) C[b] *= eta * scale;
        let r0 = 0, r1 = 0;
        let m = 0;
        for (; m + 1 < d; m += 2) {
          let v0 = keep * W[o + m], v1 = keep * W[o + m + 1];
          for (let b = 0, xo = m; b < B; b++, xo += d) {
            v0 += C[b] * X[xo];
            v1 += C[b] * X[xo + 1];
          }
          W[o + m] = v0;
          W[o + m + 1] = v1;
          r0 += v0 * v0;
          r1 += v1 * v1;
        }
        for (; m < d; m++) {
          let v = keep * W[o + m];
          for (let b = 0; b < B; b++) v += C[b] * X[b * d + m];
          W[o + m] = v;
          r0 += v * v;
        }
        r = r0 + r1;
      }
      if (!Number.isFinite(r)) this.failed[i] = 1;
      norms[i] = r;
    }
    this.steps++;
    this.stats.accepted++;
    this.stats.rhsEvals += B;
  }

  /**
   * A twin stepping on its own from this state (Dynamics.fork): where the whole step runs in the
   * module, the module's memory is the whole state (weights, norms, failed flags, the sample
   * generator), so a copy of it and of the step count is the run.
   */
  fork(): SgdDynamics | null {
    if (!this.kernels || !this.whole || this.at.bytes > FORK_MAX_BYTES) return null;
    const twin = new SgdDynamics(this.setup);
    if (!twin.kernels || !twin.whole) return null;
    twin.loadState(this.saveState());
    return twin;
  }

  saveState(): SavedState {
    if (!this.kernels || !this.whole) throw new Error('only an SGD run stepping in its module saves its state');
    return { steps: this.steps, stats: { ...this.stats }, bytes: new Uint8Array(this.kernels.memory.buffer, 0, this.at.bytes).slice() };
  }

  loadState(state: SavedState): void {
    if (!this.kernels || !this.whole || state.bytes.length !== this.at.bytes) throw new Error('an SGD run loads only a state it or a fork of it saved');
    new Uint8Array(this.kernels.memory.buffer, 0, this.at.bytes).set(state.bytes);
    this.steps = state.steps;
    Object.assign(this.stats, state.stats);
  }

  /**
   * Neurons [first, first + count) of this run as a run of their own (Dynamics.part): each
   * neuron's step reads only its own row and the samples, and every part draws the same samples
   * from the same generator state, so the part's rows step exactly as they do here.
   */
  part(first: number, count: number): SgdDynamics | null {
    if (!this.kernels || !this.whole || this.at.bytes > FORK_MAX_BYTES) return null;
    if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 1 && first + count <= this.n)) return null;
    const k = this.k;
    const twin = new SgdDynamics({ ...this.setup, n: count, u0: this.u0.subarray(first * k, (first + count) * k), flowOf: undefined });
    if (!twin.kernels || !twin.whole) return null;
    copyRows(this.kernels.memory.buffer, this.at, first, twin.kernels.memory.buffer, twin.at, 0, count, this.d);
    twin.steps = this.steps;
    Object.assign(twin.stats, this.stats);
    return twin;
  }

  loadPart(state: SavedState, first: number, count: number): void {
    const { n, d, k, batch, kernels } = this;
    const from = sgdLayout(count, d, batch, k, this.setup.sigmaSlope.length, this.setup.target.length);
    if (!kernels || !this.whole || first < 0 || first + count > n || state.bytes.length !== from.bytes) {
      throw new Error('an SGD run loads only the saved state of a part of it');
    }
    const bytes = state.bytes;
    copyRows(bytes.buffer, shifted(from, bytes.byteOffset), 0, kernels.memory.buffer, this.at, first, count, d);
    this.steps = state.steps;
    Object.assign(this.stats, state.stats);
  }

  /** u_ij = w_i·v_j, from the weights: the index vectors are the rows of L in the first k coordinates. */
  measuredOverlaps(out: Float64Array): Float64Array {
    const { n, k, d, chol, weights: W, norms } = this;
    for (let i = 0; i < n; i++) {
      const inv = 1 / Math.sqrt(norms[i]);
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let m = 0; m <= j; m++) s += chol[j * k + m] * W[i * d + m];
        // a failed neuron reads as 0 (it is counted as failed, never classified)
        out[i * k + j] = this.failed[i] ? 0 : s * inv;
      }
    }
    return out;
  }

  /** The population flow's overlaps at t for the first `rows` neurons, from the same start. */
  predictionAt(t: number, rows: number, out: Float64Array): void {
    const m = Math.min(rows, this.n);
    if (!this.setup.flowOf) throw new Error('no flow to predict with');
    if (!this.prediction || this.predictionRows !== m) {
      this.prediction = this.setup.flowOf(m);
      this.predictionRows = m;
    }
    this.prediction.advanceTo(t, out);
  }
}

/** A layout whose arrays start `offset` bytes later (a saved state's copy inside a larger buffer). */
function shifted(at: SgdLayout, offset: number): SgdLayout {
  return { ...at, w: at.w + offset, norms: at.norms + offset, failed: at.failed + offset, rng: at.rng + offset };
}

/**
 * Copies `count` neurons (weights, |w|², failed flags) from row `first` of one run's memory to
 * row `to` of another's, and the sample generator's state with them: what a part of a run is.
 */
function copyRows(src: ArrayBufferLike, from: SgdLayout, first: number, dst: ArrayBufferLike, into: SgdLayout, to: number, count: number, d: number): void {
  const bytes = (buffer: ArrayBufferLike, at: number, length: number) => new Uint8Array(buffer, at, length);
  const row = 8 * d;
  bytes(dst, into.w + to * row, count * row).set(bytes(src, from.w + first * row, count * row));
  bytes(dst, into.norms + 8 * to, 8 * count).set(bytes(src, from.norms + 8 * first, 8 * count));
  bytes(dst, into.failed + to, count).set(bytes(src, from.failed + first, count));
  bytes(dst, into.rng, RNG_BYTES).set(bytes(src, from.rng, RNG_BYTES));
}
