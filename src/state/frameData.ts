// High-rate data of the running flow, kept out of React: the latest frame (copied out of the
// worker's buffers) and short histories for the plots. Readers poll `version` in their own
// animation loops instead of re-rendering.
import { TRACED_ROWS as TRACED_NEURONS, type ReplayedHistory, type RunInfo } from '../sim/protocol.ts';
import type { Readout } from './readout.ts';

// the plots and the share panel take the traced count from the frame data
export { TRACED_NEURONS };

/** History length (frames); older samples are thinned by half when full. */
export const HISTORY_CAPACITY = 2048;

export class FrameData {
  version = 0;
  runId = -1;
  info: RunInfo | null = null;
  n = 0;
  k = 0;
  t = 0;
  /** drawing coordinates with the view's radial scale applied (see radial.ts) */
  positions = new Float32Array(0);
  /** drawing coordinates as the worker sent them */
  rawPositions = new Float32Array(0);
  /** r0 of the radial scale (0: linear) */
  radialR0 = 0;
  codes = new Uint8Array(0);
  /** bumped when the frame on screen is redrawn in another projection (not a move of the neurons) */
  projectionVersion = 0;
  /** the latest overlaps of every neuron (n rows of k), for export */
  overlaps = new Float64Array(0);
  /** history: time, mean loss, and overlaps of the traced neurons (TRACED_NEURONS·k per sample) */
  times = new Float64Array(HISTORY_CAPACITY);
  losses = new Float64Array(HISTORY_CAPACITY);
  traces = new Float64Array(0);
  /** E[(f − f*)²] per sample, for dynamics that report it (NaN where absent) */
  genErrors = new Float64Array(HISTORY_CAPACITY);
  /** online SGD: the flow's prediction for the same traced neurons, laid out as traces */
  predictions = new Float64Array(0);
  hasPrediction = false;
  length = 0;
  /**
   * The readout of the latest frame. The store's readout is refreshed at most every 100 ms, so
   * it can lag the frame on screen; pausing takes this one, so the time shown and the time in
   * the link are the same.
   */
  readout: Readout | null = null;

  startRun(info: RunInfo): void {
    this.info = info;
    this.runId = info.runId;
    this.n = info.spec.n;
    this.k = info.spec.k;
    this.t = 0;
    this.readout = null;
    if (this.positions.length !== this.n * 3) this.positions = new Float32Array(this.n * 3);
    if (this.rawPositions.length !== this.n * 3) this.rawPositions = new Float32Array(this.n * 3);
    if (this.codes.length !== this.n) this.codes = new Uint8Array(this.n);
    if (this.overlaps.length !== this.n * this.k) this.overlaps = new Float64Array(this.n * this.k);
    this.traces = new Float64Array(HISTORY_CAPACITY * TRACED_NEURONS * this.k);
    this.predictions = info.sampling ? new Float64Array(HISTORY_CAPACITY * TRACED_NEURONS * this.k) : new Float64Array(0);
    this.hasPrediction = false;
    this.length = 0;
    this.version++;
  }

  /**
   * The same run carried on by a new worker (after a fault): the frame on screen and the plots'
   * history stay; only the run's id changes, so the new worker's frames are taken as its own.
   */
  adopt(info: RunInfo): void {
    this.info = info;
    this.runId = info.runId;
    this.version++;
  }

  push(t: number, loss: number, positions: Float32Array, codes: Uint8Array, overlaps: Float64Array, genError = NaN, prediction?: Float64Array): void {
    this.t = t;
    this.rawPositions.set(positions);
    this.applyRadial();
    this.codes.set(codes);
    this.overlaps.set(overlaps);
    this.record(t, loss, overlaps, genError, prediction);
    this.version++;
  }

  /** Samples of the plots before the next frame (a paused link's replay); the frame on screen stays. */
  pushHistory(h: ReplayedHistory): void {
    const row = TRACED_NEURONS * this.k;
    for (let i = 0; i < h.times.length; i++) {
      const prediction = h.predictions.length > 0 ? h.predictions.subarray(i * row, (i + 1) * row) : undefined;
      this.record(h.times[i], h.losses[i], h.traces.subarray(i * row, (i + 1) * row), h.genErrors[i], prediction);
    }
    this.version++;
  }

  /** One sample of the history: `overlaps` starts with the traced neurons' rows. */
  private record(t: number, loss: number, overlaps: Float64Array, genError: number, prediction?: Float64Array): void {
    if (this.length === HISTORY_CAPACITY) this.thin();
    const i = this.length++;
    this.times[i] = t;
    this.losses[i] = loss;
    this.genErrors[i] = genError;
    const m = Math.min(TRACED_NEURONS, this.n) * this.k;
    const row = TRACED_NEURONS * this.k;
    for (let j = 0; j < m; j++) this.traces[i * row + j] = overlaps[j];
    if (prediction && this.predictions.length > 0) {
      const mp = Math.min(m, prediction.length);
      for (let j = 0; j < mp; j++) this.predictions[i * row + j] = prediction[j];
      this.hasPrediction = true;
    }
  }

  /**
   * The same state drawn in another projection (a view change): positions and codes are
   * replaced, t and the histories stay. Trails start again from here (projectionVersion).
   */
  reproject(positions: Float32Array, codes: Uint8Array): void {
    if (positions.length !== this.rawPositions.length) return;
    this.rawPositions.set(positions);
    this.applyRadial();
    this.codes.set(codes);
    this.projectionVersion++;
    this.version++;
  }

  /** Switches the radial scale; the frame on screen is redrawn with it. */
  setRadialR0(r0: number): void {
    if (r0 === this.radialR0) return;
    this.radialR0 = r0;
    this.applyRadial();
    this.version++;
  }

  private applyRadial(): void {
    const raw = this.rawPositions, out = this.positions, r0 = this.radialR0;
    if (!(r0 > 0)) {
      out.set(raw);
      return;
    }
    // mapRadius per point with its constants hoisted: this runs over every neuron of every
    // frame on the page's thread (10⁵ of them at d = 10⁶, where the log scale is on)
    const r0Squared = r0 * r0, logR0 = Math.log(r0), perLog = 1 / Math.log(1 / r0);
    for (let o = 0; o < raw.length; o += 3) {
      const r2 = raw[o] * raw[o] + raw[o + 1] * raw[o + 1] + raw[o + 2] * raw[o + 2];
      let s = 0;
      if (r2 > r0Squared) {
        const r = Math.sqrt(r2);
        s = Math.min(1, (Math.log(r) - logR0) * perLog) / r;
      }
      out[o] = raw[o] * s;
      out[o + 1] = raw[o + 1] * s;
      out[o + 2] = raw[o + 2] * s;
    }
  }

  private thin(): void {
    const row = TRACED_NEURONS * this.k;
    for (let i = 0; i < HISTORY_CAPACITY / 2; i++) {
      this.times[i] = this.times[2 * i];
      this.losses[i] = this.losses[2 * i];
      this.genErrors[i] = this.genErrors[2 * i];
      this.traces.copyWithin(i * row, 2 * i * row, 2 * i * row + row);
      if (this.predictions.length > 0) this.predictions.copyWithin(i * row, 2 * i * row, 2 * i * row + row);
    }
    this.length = HISTORY_CAPACITY / 2;
  }
}

export const frameData = new FrameData();
