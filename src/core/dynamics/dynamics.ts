// What the worker, the CLI and the sweeps need from anything that moves the neurons. The
// correlation flow (overlapFlow.ts), the coupled squared-loss flow (coupledFlow.ts) and online
// SGD (sgd.ts) each implement it; `createDynamics` in factory.ts is the only place that picks
// one, so no caller ever branches on which one it holds.
import type { SamplingPlan } from './sgdPlan.ts';

/** Work done so far, for the readout and the bench (an SGD step counts as one evaluation). */
export interface IntegratorStats {
  rhsEvals: number;
  accepted: number;
  rejected: number;
}

export interface Dynamics {
  readonly n: number;
  readonly k: number;
  /**
   * Moves the state to time t (never earlier than the last time asked for) and writes the
   * n rows of k overlaps u_ij = w_i·v_j into `out`. The state reached must not depend on the
   * times at which it was sampled on the way, so a paused link and the CLI agree.
   */
  advanceTo(t: number, out: Float64Array): void;
  /** 1 where a neuron's computation broke down (non-finite values or the step cap) */
  readonly failed: Uint8Array;
  /** work done so far, for the readout and the bench */
  readonly stats: IntegratorStats;
  /**
   * Optional: E[(f − f*)²] at the time last passed to advanceTo, for dynamics whose state
   * determines it (the squared-loss flow tracks Q = WWᵀ; the per-neuron correlation flow does not).
   */
  generalizationError?(): number;
  /** samples drawn so far (dynamics that learn from samples; absent for a population flow) */
  readonly samples?: number;
  /** step size, batch, samples to the end and their cost (dynamics that learn from samples) */
  readonly sampling?: SamplingPlan;
  /**
   * Optional: when each neuron's largest |overlap| first reached 1/2 (NaN until then), for
   * dynamics that record the crossing as they go (the flow, from its dense output). Sweeps read
   * the overlaps on a fine grid of times for dynamics without it.
   */
  readonly escapeTime?: Float64Array;
  /** the population flow's overlaps at t for the first `rows` neurons from the same start */
  predictionAt?(t: number, rows: number, out: Float64Array): void;
  /**
   * Optional, for dynamics whose every step is work (online SGD): a copy of this run in its
   * present state that steps on its own, or null where one cannot be made (or its saved states
   * would be too large): a caller with time to spare can step the copy ahead and later take
   * its saved state instead of taking those steps again.
   */
  fork?(): Dynamics | null;
  /** The whole state, copied (with fork). */
  saveState?(): SavedState;
  /**
   * Continues from a state this run or a fork of it saved: the same seed and the same steps give
   * the same state, so this is the state this run would reach by taking those steps itself.
   */
  loadState?(state: SavedState): void;
  /**
   * Optional, for dynamics whose neurons step independently of one another given what they
   * learn from (online SGD: every neuron sees the same seeded samples): a fork of neurons
   * [first, first + count) only, or null where one cannot be made. Parts of one run step on in
   * parallel, and the run takes their states back with loadPart.
   */
  part?(first: number, count: number): Dynamics | null;
  /**
   * Takes neurons [first, first + count) from a state a part of this run saved. Loading every
   * part at the same step is the state this run would reach by taking those steps itself.
   */
  loadPart?(state: SavedState, first: number, count: number): void;
}

/** A dynamics' whole state at one time, as saveState copies it. */
export interface SavedState {
  readonly steps: number;
  readonly stats: Readonly<IntegratorStats>;
  readonly bytes: Uint8Array;
}
