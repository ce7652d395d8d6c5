// High-rate data of the running flow, kept out of React: the latest frame (copied out of the
// worker's buffers) and short histories for the plots. Readers poll `version` in their own
// animation loops instead of re-rendering.
import type { RunInfo } from '../sim/protocol.ts';

/** Neurons whose overlaps are traced in the plot. */
export const TRACED_NEURONS = 6;
/** History length (frames); older samples are thinned by half when full. */
export const HISTORY_CAPACITY = 2048;

export class FrameData {
  version = 0;
  runId = -1;
  info: RunInfo | null = null;
  n = 0;
  k = 0;
  t = 0;
  positions = new Float32Array(0);
  codes = new Uint8Array(0);
  /** the latest overlaps of every neuron (n rows of k), for export */
  overlaps = new Float64Array(0);
  /** history: time, mean loss, and overlaps of the traced neurons (TRACED_NEURONS·k per sample) */
  times = new Float64Array(HISTORY_CAPACITY);
  losses = new Float64Array(HISTORY_CAPACITY);
  traces = new Float64Array(0);
  /** online SGD: the flow's prediction for the same traced neurons, laid out as traces */
  predictions = new Float64Array(0);
  hasPrediction = false;
  length = 0;

  startRun(info: RunInfo): void {
    this.info = info;
    this.runId = info.runId;
    this.n = info.spec.n;
    this.k = info.spec.k;
    this.t = 0;
    if (this.positions.length !== this.n * 3) this.positions = new Float32Array(this.n * 3);
    if (this.codes.length !== this.n) this.codes = new Uint8Array(this.n);
    if (this.overlaps.length !== this.n * this.k) this.overlaps = new Float64Array(this.n * this.k);
    this.traces = new Float64Array(HISTORY_CAPACITY * TRACED_NEURONS * this.k);
    this.predictions = info.sampling ? new Float64Array(HISTORY_CAPACITY * TRACED_NEURONS * this.k) : new Float64Array(0);
    this.hasPrediction = false;
    this.length = 0;
    this.version++;
  }

  push(t: number, loss: number, positions: Float32Array, codes: Uint8Array, overlaps: Float64Array, prediction?: Float64Array): void {
    this.t = t;
    this.positions.set(positions);
    this.codes.set(codes);
    this.overlaps.set(overlaps);
    if (this.length === HISTORY_CAPACITY) this.thin();
    const i = this.length++;
    this.times[i] = t;
    this.losses[i] = loss;
    const m = Math.min(TRACED_NEURONS, this.n) * this.k;
    const row = TRACED_NEURONS * this.k;
    for (let j = 0; j < m; j++) this.traces[i * row + j] = overlaps[j];
    if (prediction && this.predictions.length > 0) {
      const mp = Math.min(m, prediction.length);
      for (let j = 0; j < mp; j++) this.predictions[i * row + j] = prediction[j];
      this.hasPrediction = true;
    }
    this.version++;
  }

  private thin(): void {
    const row = TRACED_NEURONS * this.k;
    for (let i = 0; i < HISTORY_CAPACITY / 2; i++) {
      this.times[i] = this.times[2 * i];
      this.losses[i] = this.losses[2 * i];
      this.traces.copyWithin(i * row, 2 * i * row, 2 * i * row + row);
      if (this.predictions.length > 0) this.predictions.copyWithin(i * row, 2 * i * row, 2 * i * row + row);
    }
    this.length = HISTORY_CAPACITY / 2;
  }
}

export const frameData = new FrameData();
