// Every message between the page and the flow worker. Discriminated on `type`; frame
// buffers travel as transferables and come back with the next request (one frame in flight).
import type { AveragePoint } from '../core/analysis/averagePoint.ts';
import type { OutcomeCounts } from '../core/outcomes/classify.ts';
import type { IndexMinimum } from '../core/analysis/fold.ts';
import type { ModelSpec } from '../core/model/model.ts';
import type { ProjectionChoice } from '../core/projection/projection.ts';
import type { SamplingPlan } from '../core/dynamics/sgdPlan.ts';
import type { CriticalPointKind } from '../core/analysis/criticalPoints.ts';
import type { SavedState } from '../core/dynamics/dynamics.ts';

/**
 * Neurons whose overlaps the plots trace (the first ones), also in a replayed history; a
 * sample-based run sends the population flow's prediction for the same neurons.
 */
export const TRACED_ROWS = 6;

/**
 * Most n·d·samples one frame of a sample-based run computes (about 25 ms of SGD steps here,
 * `npm run bench`), unless the request says otherwise (`frameWork`).
 */
export const FRAME_WORK = 3e7;

/**
 * The plots' samples at times before a frame, computed in one request: a paused link rebuilds
 * its loss and overlap history without a frame (and a redraw) per sample. Row i of `traces`
 * (and `predictions`) holds the overlaps of the first min(TRACED_ROWS, n) neurons at times[i].
 */
export interface ReplayedHistory {
  times: Float64Array;
  losses: Float64Array;
  /** E[(f − f*)²] where the dynamics report it, NaN elsewhere */
  genErrors: Float64Array;
  traces: Float64Array;
  /** online SGD: the flow's overlaps for the same neurons (empty otherwise) */
  predictions: Float64Array;
}

/** Typed arrays of one frame; the page hands them back so the worker reuses the memory. */
export interface FrameBuffers {
  /** n rows of k overlaps */
  overlaps: Float64Array;
  /** n rows of 3 drawing coordinates */
  positions: Float32Array;
  /** colour code per neuron: 0..k−1 index heading for, k average, k+1 other */
  codes: Uint8Array;
}

export interface RunInfo {
  runId: number;
  spec: ModelSpec;
  pStar: number;
  even: boolean;
  /** kernel coefficients c_p */
  kernel: number[];
  /** φ in closed form when the run uses one (relu, abs), else null: then `kernel` is only its series' start */
  kernelFormula: string | null;
  betaC: number[];
  /** where the minimum near each v_j folds away; between β_c and β_fold both minima coexist */
  betaFold: number[];
  /** the minimum near v_j at this β (its overlap with v_j, a, and with the others, b) */
  indexMinimum: IndexMinimum | null;
  average: AveragePoint | null;
  tEnd: number;
  warnings: string[];
  /** 'exact', or which projection the 3-D view shows */
  projection: string;
  /** drawing coordinates of the index vectors (k rows of 3) and of the average point */
  indexVectors: Float32Array;
  averagePosition: Float32Array;
  /** μ_span over a grid of β in [0, 1) for the threshold plot (empty for a custom Gram) */
  muCurve: { beta: Float64Array; mu: Float64Array };
  /** online SGD: step size, batch, samples to the end, their cost and the d^{p*−1} reference */
  sampling?: SamplingPlan;
  /** the loss on the sphere of span(V) for the landscape view (k ≤ 3, independent neurons; else null) */
  landscape?: LandscapeInfo | null;
}

/** A critical point of L on the sphere of span(V), where the view draws it (docs/model.md §11). */
export interface LandscapePoint {
  /** its type within the span sphere */
  kind: CriticalPointKind;
  /** overlaps u_j = w·v_j */
  u: number[];
  loss: number;
  /** drawing coordinates (on the unit sphere) */
  position: [number, number, number];
}

export interface LandscapeInfo {
  points: LandscapePoint[];
  /** φ at t = −1 + 2i/(length − 1): the view shades L(w) = −Σ_j φ(w·v_j) from it */
  phi: Float64Array;
}

/** The 3-D projection in use (k > 3 can change it while the run goes on; k ≤ 3 is exact). */
export interface ProjectionView {
  /** 'exact', or which projection the 3-D view shows and how it was chosen */
  projection: string;
  /** drawing coordinates of the index vectors (k rows of 3) and of the average point */
  indexVectors: Float32Array;
  averagePosition: Float32Array;
}

export interface FrameStats {
  rhsEvals: number;
  accepted: number;
  rejected: number;
  /** wall time the worker spent on this frame, ms */
  computeMs: number;
  /** the longest piece of it between two messages to the page, ms (what the page's deadline learns from) */
  pieceMs?: number;
}

export type ToWorker =
  | { type: 'configure'; runId: number; spec: ModelSpec; projection?: ProjectionChoice }
  | {
      type: 'advance';
      runId: number;
      t: number;
      buffers?: FrameBuffers;
      /** increasing times below t at which to record the plots' samples on the way (ReplayedHistory) */
      history?: number[];
      /** most n·d·samples this frame computes, for sample-based dynamics (FRAME_WORK when absent) */
      frameWork?: number;
    }
  /** a view change: the current state drawn in another projection; the run is not touched */
  | { type: 'project'; runId: number; projection: ProjectionChoice; buffers?: FrameBuffers }
  /**
   * Jump to end: the exact state at the run's end time T as a 'frame' (no frame cap, no frames on
   * the way; progress as for any long request), with the plots' samples at the `history` times
   * below it. A long way stops after a slice of time with the frame it reached (t < T): the page
   * asks again, so a new run waits at most one slice.
   */
  | { type: 'finish'; runId: number; buffers?: FrameBuffers; history?: number[] };

export type FromWorker =
  /** the worker's code has loaded: from now on its silences are timed (src/sim/supervisor.ts) */
  | { type: 'ready' }
  /** `computeMs`: the worker's time for the configure, which predicts the next one's */
  | { type: 'configured'; info: RunInfo; computeMs?: number }
  /**
   * A long request is still going: sent between pieces of it at most every HEARTBEAT_MS, with
   * the time reached and the longest piece since the last message.
   */
  | { type: 'progress'; runId: number; t: number; pieceMs: number }
  | {
      type: 'frame';
      runId: number;
      t: number;
      /** mean loss per neuron */
      loss: number;
      counts: OutcomeCounts;
      failed: number;
      stats: FrameStats;
      /** E[(f − f*)²] at t, when the dynamics know it (the squared-loss flow); absent otherwise */
      generalizationError?: number;
      /** with generalizationError: distinct index vectors recovered by at least one neuron */
      covered?: number;
      buffers: FrameBuffers;
      /** online SGD: samples drawn so far */
      samples?: number;
      /** online SGD: the flow's overlaps for the first TRACED_ROWS neurons from the same start */
      prediction?: Float64Array;
      /** the samples asked for with `history`, those reached before t */
      history?: ReplayedHistory;
      /**
       * the first time of the plots' grid (clock.ts), up to t, at which every neuron passed the
       * classification's settled test (core/outcomes/allSettled.ts): nothing moves any more from
       * there, so a playing run may finish at once. The run is tested at every grid time it
       * passes, so this is the same whatever frames the page asked for.
       */
      settledAt?: number;
    }
  /**
   * The reply to `project`: the same state (t, overlaps, codes) with positions in the new
   * projection; no buffers when no frame has been computed yet.
   */
  | { type: 'projected'; runId: number; t: number; view: ProjectionView; buffers?: FrameBuffers }
  | { type: 'error'; runId: number; message: string };

export function transferablesOf(b: FrameBuffers): ArrayBuffer[] {
  return [b.overlaps.buffer as ArrayBuffer, b.positions.buffer as ArrayBuffer, b.codes.buffer as ArrayBuffer];
}

export function historyTransferables(h: ReplayedHistory | undefined): ArrayBuffer[] {
  return h ? [h.times, h.losses, h.genErrors, h.traces, h.predictions].map((a) => a.buffer as ArrayBuffer) : [];
}

export function allocateFrameBuffers(n: number, k: number): FrameBuffers {
  return { overlaps: new Float64Array(n * k), positions: new Float32Array(n * 3), codes: new Uint8Array(n) };
}

export function fitsRun(b: FrameBuffers | undefined, n: number, k: number): b is FrameBuffers {
  return !!b && b.overlaps.length === n * k && b.positions.length === n * 3 && b.codes.length === n;
}

// ───────────── part workers (an online SGD run's neurons stepped ahead in parallel; partsLookahead.ts) ─────────────
// The flow worker starts each part worker on some of a run's neurons from the run's saved state;
// a part steps on in pieces of pieceT while it keeps hearing 'part-go', as far as the piece it
// was last allowed, and sends its state after each piece. `generation` numbers the starts: a
// saved state of an older start is dropped.
export type ToPart =
  | {
      type: 'part-start';
      generation: number;
      runId: number;
      spec: ModelSpec;
      /** the part's neurons: [first, first + count) */
      first: number;
      count: number;
      /** the run's whole state at time t */
      state: SavedState;
      t: number;
      pieceT: number;
      tEnd: number;
      /** the last piece to step before the next 'part-go' */
      until: number;
    }
  /** the page still asks for frames: keep stepping for another LOOKAHEAD_WINDOW_MS, up to piece `until` */
  | { type: 'part-go'; generation: number; until: number }
  /** the run is over (a new one, or no parts for it): stop stepping */
  | { type: 'part-stop' };

export type FromPart =
  /** the part's state at the end of its piece'th piece (time t) since its start */
  | { type: 'part-saved'; generation: number; piece: number; t: number; state: SavedState }
  | { type: 'part-error'; generation: number; message: string };

// ───────────── explore pool (basin map and sweeps; src/sim/explore.worker.ts) ─────────────
// Each job is one slice of a basin map or one (grid point, seed) of a sweep; a worker runs one
// job at a time and answers with its result, which the page adds to what it has.
import type { ExperimentJob, ExperimentResult } from '../core/experiments/experiment.ts';

/** The jobs and answers are the experiments' own (core/experiments/experiment.ts), shared with the CLI's threads. */
export type ExploreJob = ExperimentJob;

export type ExploreResult = ExperimentResult;

export type ToExploreWorker = { type: 'job'; jobId: number; job: ExploreJob };

export type FromExploreWorker =
  | { type: 'ready' }
  | { type: 'result'; jobId: number; result: ExploreResult; computeMs: number }
  | { type: 'error'; jobId: number; message: string };
