// What the readouts show of the latest frame. Its own module so that the frame data and the
// stores that hold it need not import each other.
import type { OutcomeCounts } from '../core/outcomes/classify.ts';

export interface Readout {
  t: number;
  loss: number;
  counts: OutcomeCounts | null;
  failed: number;
  /** worker time for the last frame, ms */
  computeMs: number;
  /** E[(f − f*)²], when the run's dynamics report it (squared loss) */
  generalizationError?: number;
  /** online SGD: samples drawn so far */
  samples?: number;
  /** a run that finished early: when every neuron had settled (the frame shown is still at T) */
  settledAt?: number;
  /** playing behind the asked speed: how fast the computation goes (app/playRate.ts) */
  limit?: { decadesPerSecond: number; tPerSecond: number };
}
