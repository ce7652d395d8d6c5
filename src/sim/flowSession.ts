// The worker's state machine, free of any worker global so it can be tested in Node:
// configure builds the model and the flow; advance integrates to a time and fills a frame.
// Advances go in pieces of about PIECE_MS, and a long one says between pieces that it is still
// going, so the page's deadline (supervisor.ts) can stay short yet never cut a long seek.
import { averagePointSpanCurvature } from '../core/analysis/averagePoint.ts';
import { countOutcomes } from '../core/outcomes/classify.ts';
import { buildModel, type Model } from '../core/model/model.ts';
import { landscapeInfo } from './landscapeInfo.ts';
import { meanLoss } from '../core/dynamics/overlapOde.ts';
import { NeuronProjector } from '../core/projection/projection.ts';
import { classifyOptionsOf } from '../core/outcomes/run.ts';
import { runAtRest } from '../core/outcomes/allSettled.ts';
import { createDynamics } from '../core/dynamics/factory.ts';
import type { Dynamics } from '../core/dynamics/dynamics.ts';
import { gridTime, T_FLOOR } from './clock.ts';
import { Lookahead, type StepsAhead } from './lookahead.ts';
import { PartsLookahead, type PartLink } from './partsLookahead.ts';
import { allocateFrameBuffers, fitsRun, FRAME_WORK, TRACED_ROWS, type FromPart, type FromWorker, type ProjectionView, type ReplayedHistory, type RunInfo, type ToWorker } from './protocol.ts';

/** n·d·samples the fork of a sample-based run takes between looks at the clock (a few ms, lookahead.ts). */
const LOOKAHEAD_PIECE_WORK = 4e6;
/**
 * n·d·samples (of the whole run) between two states a part worker sends (partsLookahead.ts):
 * about 10 ms of a part's work. Frames go from one such state to another; a sample of the plots
 * between two retakes at most one piece here.
 */
const PART_PIECE_WORK = 1.6e7;

/** Longest the page goes without a message while a request runs (plus one piece). */
export const HEARTBEAT_MS = 250;
/** Work per piece of an advance: small beside HEARTBEAT_MS, large beside a piece's overhead (one interpolation). */
const PIECE_MS = 40;
/**
 * Longest stretch of a jump to the end between two replies: a new run, a pause or a reset waits
 * at most this long behind it (the page asks again for the rest).
 */
const FINISH_SLICE_MS = 500;
/** Length of a piece in decades of t: where a run starts, and the range it adapts in. */
const FIRST_DECADES = 0.02;
const MIN_DECADES = 1e-4;
const MAX_DECADES = 4;

type Post = (msg: FromWorker) => void;
type Advance = Extract<ToWorker, { type: 'advance' }>;

export class FlowSession {
  private runId = -1;
  private model: Model | null = null;
  private flow: Dynamics | null = null;
  private projector: NeuronProjector | null = null;
  private t = 0;
  /** the latest frame's overlaps and codes, so a new projection can redraw it without moving */
  private latest: { overlaps: Float64Array; codes: Uint8Array } | null = null;
  /** when the page last heard from this worker, and the longest piece of work since */
  private spoke = 0;
  private longest = 0;
  /** length of the next piece, in decades of t, following the measured pace of this run */
  private decades = FIRST_DECADES;
  /**
   * the time of the plots' latest replayed sample: a jump to the end whose slice ran out right
   * after recording the sample at the time it stopped must not record it again next slice
   */
  private recorded = -Infinity;
  /** a fork of a sample-based run stepping ahead in the worker's idle time, or its parts in part workers */
  private lookahead: StepsAhead | null = null;
  /** numbers the part workers' starts across runs (their messages say which start they answer) */
  private generations = 0;
  /** a frame held back until the part workers have it (partsLookahead.ts's aim) */
  private waiting: { request: Advance; cap: number | undefined } | null = null;
  /** the run-at-rest test of the current model, built on its first use */
  private restTest: { model: Model; test: ReturnType<typeof runAtRest> } | null = null;
  /**
   * The run is tested for rest at every time of the plots' grid (clock.ts) it passes, in order,
   * whatever its frames: the grid index of the next test, and the first grid time found at rest.
   * So "settled at" is the same on every machine, at every speed, and after any way there.
   */
  private restIndex = 0;
  private settledAt: number | undefined = undefined;

  /**
   * `post` sends progress while a request runs, and a frame that waited for the part workers
   * (any other reply is returned by handle); `openParts` gives the part workers of a
   * sample-based run (none: the fork steps here).
   */
  constructor(
    private readonly post: Post = () => {},
    private readonly now: () => number = () => performance.now(),
    private readonly openParts: () => PartLink[] = () => [],
  ) {}

  /** A part worker's message (partsLookahead.ts); a frame waiting for the parts may now go. */
  partMessage(part: number, msg: FromPart): void {
    if (!this.lookahead) return;
    this.lookahead.receive(part, msg);
    if (this.waiting) this.tick();
  }

  /** Whether a frame waits for the part workers: the worker then calls tick every so often. */
  get isWaiting(): boolean {
    return this.waiting !== null;
  }

  /**
   * Answers the waiting frame when the parts have it or cannot help (tick is how a silent part
   * is noticed), and tells the page meanwhile that the request is still going.
   */
  tick(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    const ahead = this.lookahead;
    // a frame in flight is the page asking: the parts go on while it waits (and hear so)
    ahead?.asked();
    if (ahead?.apart) ahead.idle(this.t, 0);
    if (ahead && ahead.aim(this.t, this.goalOf(waiting.request, waiting.cap), Math.min(waiting.request.t, this.model!.tEnd)) === null) {
      this.beat();
      return;
    }
    this.answerWaiting();
  }

  private answerWaiting(): void {
    const waiting = this.waiting;
    if (!waiting) return;
    this.waiting = null;
    this.startRequest();
    const { request, cap } = waiting;
    const deadline = cap === Infinity ? this.now() + FINISH_SLICE_MS : Infinity;
    const reply = this.guarded(request.runId, () => this.advance(request, cap, deadline, false));
    if (reply) this.post(reply);
  }

  /** Handles one message; returns the reply (or null when none is due). */
  handle(msg: ToWorker): FromWorker | null {
    // a new run drops a frame waiting for the parts (the page has forgotten it); anything else
    // comes after it, so replies keep the requests' order
    if (msg.type === 'configure') this.waiting = null;
    else this.answerWaiting();
    this.startRequest();
    return this.guarded(msg.runId, () => {
      if (msg.type === 'configure') return this.configure(msg.runId, msg);
      if (msg.type === 'finish') return this.finish(msg);
      return msg.type === 'project' ? this.project(msg) : this.advance(msg);
    });
  }

  /** A request starts: the heartbeat and the longest piece count from here. */
  private startRequest(): void {
    this.spoke = this.now();
    this.longest = 0;
  }

  private guarded(runId: number, work: () => FromWorker | null): FromWorker | null {
    try {
      return work();
    } catch (err) {
      return { type: 'error', runId, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private configure(runId: number, msg: Extract<ToWorker, { type: 'configure' }>): FromWorker {
    const started = this.now();
    this.runId = runId;
    this.decades = FIRST_DECADES;
    this.model = null;
    this.flow = null;
    this.lookahead?.stop();
    this.lookahead = null;
    const model = buildModel(msg.spec);
    this.model = model;
    this.flow = createDynamics(model);
    this.lookahead = this.lookaheadOf(msg);
    this.projector = new NeuronProjector(model.geometry, msg.projection);
    this.t = 0;
    this.recorded = -Infinity;
    this.restIndex = 0;
    this.settledAt = undefined;
    this.latest = null;
    const info = this.info(model);
    return { type: 'configured', info, computeMs: this.now() - started };
  }

  /**
   * Who steps a sample-based run ahead: part workers, each with some of its neurons, where there
   * are at least two of them; else a fork here in the worker's idle time (lookahead.ts).
   */
  private lookaheadOf(msg: Extract<ToWorker, { type: 'configure' }>): StepsAhead | null {
    const flow = this.flow!, model = this.model!;
    if (!flow.fork || !flow.sampling) return null;
    const localPieceT = this.workSpan(LOOKAHEAD_PIECE_WORK);
    // a part of one neuron is made where parts of this run can be (small enough, stepping in the module)
    const links = model.spec.n >= 2 && flow.part?.(0, 1) ? this.openParts() : [];
    if (links.length < 2) return new Lookahead(flow, model.tEnd, localPieceT, this.now);
    const run = { runId: msg.runId, spec: msg.spec, tEnd: model.tEnd, pieceT: this.workSpan(PART_PIECE_WORK), localPieceT };
    return new PartsLookahead(flow, run, links, () => this.generations++, this.now);
  }

  private info(model: Model): RunInfo {
    const { k } = model.spec;
    const beta = new Float64Array(model.spec.geom === 'gram' || k < 2 ? 0 : 200);
    const mu = new Float64Array(beta.length);
    for (let i = 0; i < beta.length; i++) {
      beta[i] = (i / (beta.length - 1)) * 0.99;
      mu[i] = averagePointSpanCurvature(model.kernel, k, beta[i]);
    }
    return {
      runId: this.runId,
      spec: model.spec,
      pStar: model.kernel.pStar,
      even: model.kernel.even,
      kernel: Array.from(model.kernel.c),
      kernelFormula: model.kernel.exact ? model.kernel.exact.formula : null,
      betaC: model.betaC,
      betaFold: model.betaFold,
      indexMinimum: model.indexMinimum,
      average: model.average,
      tEnd: model.tEnd,
      warnings: model.warnings,
      ...this.view(),
      muCurve: { beta, mu },
      ...(this.flow?.sampling ? { sampling: this.flow.sampling } : {}),
      landscape: landscapeInfo(model, this.projector!),
    };
  }

  private view(): ProjectionView {
    const p = this.projector!;
    return { projection: p.description, indexVectors: p.indexVectors(), averagePosition: p.averagePoint() };
  }

  /** Redraws the current state in another projection; t, overlaps and counts stay as they are. */
  private project(msg: Extract<ToWorker, { type: 'project' }>): FromWorker | null {
    if (msg.runId !== this.runId || !this.model || !this.projector) return null;
    this.projector.choose(msg.projection);
    const view = this.view();
    if (!this.latest) return { type: 'projected', runId: this.runId, t: this.t, view };
    const { n, k } = this.model.spec;
    const buffers = fitsRun(msg.buffers, n, k) ? msg.buffers : allocateFrameBuffers(n, k);
    buffers.overlaps.set(this.latest.overlaps);
    buffers.codes.set(this.latest.codes);
    this.projector.project(buffers.overlaps, n, buffers.positions);
    return { type: 'projected', runId: this.runId, t: this.t, view, buffers };
  }

  /**
   * Sample-based dynamics cost n·d per sample: a frame goes at most `work` (n·d·samples) further,
   * so a fast playback speed cannot hold one frame for minutes (the next frame continues from here).
   */
  private frameHorizon(work: number | undefined): number {
    return this.t + this.workSpan(work !== undefined && work > 0 && Number.isFinite(work) ? work : FRAME_WORK);
  }

  /** The span of t that costs `work` n·d·samples (Infinity for a population flow). */
  private workSpan(work: number): number {
    const plan = this.flow?.sampling;
    if (!plan || !this.model) return Infinity;
    const { n, d } = this.model.spec;
    return (work / (n * d * plan.batch)) * plan.eta;
  }

  /**
   * Work for the time between requests (the worker calls it while no message waits): steps a
   * sample-based run's fork for about `sliceMs`; returns whether there is more to do.
   */
  idle(sliceMs: number): boolean {
    return this.lookahead?.idle(this.t, sliceMs) ?? false;
  }

  /** Takes the idle-time fork's latest saved state not past `goal`, if it is ahead of the run (lookahead.ts). */
  private takeFork(goal: number, out: Float64Array): void {
    const ahead = this.lookahead;
    if (!ahead) return;
    // through the rest tests on the way: the steps ahead end pieces at grid times too
    for (;;) {
      const check = this.nextRestCheck();
      this.t = ahead.takeOver(this.t, Math.min(goal, check));
      if (this.t !== check) return;
      this.flow!.advanceTo(this.t, out);
      this.testRest(out);
    }
  }

  /** The grid time of the next rest test (Infinity once the run has settled, or past the run's end). */
  private nextRestCheck(): number {
    if (this.settledAt !== undefined) return Infinity;
    const g = gridTime(this.restIndex);
    return g < this.model!.tEnd ? g : Infinity;
  }

  /**
   * The rest test at the grid time the run is at, with its overlaps u: whether every neuron is at
   * rest (core/outcomes/allSettled.ts), so a playing run may end at once.
   */
  private testRest(u: Float64Array): void {
    const model = this.model!;
    if (!this.restTest || this.restTest.model !== model) {
      this.restTest = { model, test: runAtRest(model.geometry, model.kernel, classifyOptionsOf(model)) };
    }
    if (this.restTest.test(u, model.spec.n, this.t, model.tEnd, this.flow!.failed)) this.settledAt = this.t;
    else this.restIndex++;
  }

  /**
   * Jump to end: a frame at T, computed like any other (the state at a time does not depend on
   * the way there, clock.ts) but without the frame cap. A long way (online SGD: every step is
   * taken) stops after FINISH_SLICE_MS with a frame where it got to, and the page asks again, so
   * a new run or a pause between slices is heard within a slice.
   */
  private finish(msg: Extract<ToWorker, { type: 'finish' }>): FromWorker | null {
    if (msg.runId !== this.runId || !this.model) return null;
    const request = { type: 'advance', runId: msg.runId, t: this.model.tEnd, buffers: msg.buffers, history: msg.history } as const;
    return this.advance(request, Infinity, this.now() + FINISH_SLICE_MS);
  }

  /** Where a request goes: its time, within the run and the frame cap (`cap`: a jump's, Infinity). */
  private goalOf(msg: Advance, cap: number | undefined): number {
    return Math.max(this.t, Math.min(msg.t, this.model!.tEnd, cap ?? this.frameHorizon(msg.frameWork)));
  }

  private advance(msg: Advance, cap?: number, deadline = Infinity, mayWait = true): FromWorker | null {
    if (msg.runId !== this.runId || !this.model || !this.flow || !this.projector) return null;
    const { n, k } = this.model.spec;
    const started = this.now();
    const before = { ...this.flow.stats };
    this.lookahead?.asked();
    // the plots' samples need the state at each of their times: the fork's work is taken up to
    // the first of them here, and up to each next one on the way (replay); with part workers the
    // frame's cap counts from where the run is, as their pieces do
    const firstSample = msg.history?.find((h) => h >= this.t && h > this.recorded) ?? Infinity;
    const buffers = fitsRun(msg.buffers, n, k) ? msg.buffers : allocateFrameBuffers(n, k);
    if (!this.lookahead?.apart) this.takeFork(Math.min(msg.t, this.model.tEnd, firstSample), buffers.overlaps);
    let goal = this.goalOf(msg, cap);
    // where the steps ahead say: part workers send a frame where they have been, hold one they
    // will soon have until they do (partMessage, tick), and take a jump to the end from one of
    // their stops to the next
    if (this.lookahead) {
      const aim = this.lookahead.aim(this.t, goal, Math.min(msg.t, this.model.tEnd));
      if (aim === null && mayWait) {
        this.waiting = { request: msg, cap };
        return null;
      }
      goal = Math.max(this.t, aim ?? goal);
    }
    const history = msg.history ? this.replay(msg.history, goal, buffers.overlaps, deadline) : undefined;
    // a slice that ran out during the samples stops there: the next one takes them up
    if (!(this.now() >= deadline)) {
      this.advanceInPieces(goal, buffers.overlaps, deadline);
    }
    // the goal, unless a jump to the end ran out of its slice of time before it
    const target = this.t;
    const opt = classifyOptionsOf(this.model);
    for (let i = 0; i < n * k; i++) {
      if (!Number.isFinite(buffers.overlaps[i])) {
        return { type: 'error', runId: this.runId, message: `neuron ${Math.floor(i / k) + 1} has a non-finite overlap at t = ${target.toPrecision(4)}` };
      }
    }
    this.projector.project(buffers.overlaps, n, buffers.positions);
    const counts = countOutcomes(buffers.overlaps, n, opt, this.flow.failed, buffers.codes);
    if (!this.latest) this.latest = { overlaps: new Float64Array(n * k), codes: new Uint8Array(n) };
    this.latest.overlaps.set(buffers.overlaps);
    this.latest.codes.set(buffers.codes);
    let failed = 0;
    for (let i = 0; i < n; i++) failed += this.flow.failed[i];
    const s = this.flow.stats;
    const extra = this.flow.generalizationError
      ? { generalizationError: this.flow.generalizationError(), covered: counts.recovered.filter((c) => c > 0).length }
      : {};
    let prediction: Float64Array | undefined;
    if (this.flow.predictionAt) {
      const rows = Math.min(TRACED_ROWS, n);
      prediction = new Float64Array(rows * k);
      this.flow.predictionAt(target, rows, prediction);
    }
    return {
      ...extra,
      type: 'frame',
      runId: this.runId,
      t: target,
      loss: meanLoss(this.model.kernel, buffers.overlaps, n, k),
      counts,
      failed,
      stats: {
        rhsEvals: s.rhsEvals - before.rhsEvals,
        accepted: s.accepted - before.accepted,
        rejected: s.rejected - before.rejected,
        computeMs: this.now() - started,
        pieceMs: this.longest,
      },
      buffers,
      ...(this.flow.samples !== undefined ? { samples: this.flow.samples } : {}),
      ...(prediction ? { prediction } : {}),
      ...(history ? { history } : {}),
      ...(this.settledAt !== undefined ? { settledAt: this.settledAt } : {}),
    };
  }

  /** Advances through the history times below `target`, recording the plots' samples at each. */
  private replay(times: number[], target: number, overlaps: Float64Array, deadline = Infinity): ReplayedHistory {
    const model = this.model!, flow = this.flow!;
    const { n, k } = model.spec;
    const at = times.filter((h, i) => Number.isFinite(h) && h >= this.t && h > this.recorded && h < target && (i === 0 || h > times[i - 1]));
    const rows = Math.min(TRACED_ROWS, n) * k, stride = TRACED_ROWS * k;
    const out: ReplayedHistory = {
      times: Float64Array.from(at),
      losses: new Float64Array(at.length),
      genErrors: new Float64Array(at.length).fill(NaN),
      traces: new Float64Array(at.length * stride),
      predictions: new Float64Array(flow.predictionAt ? at.length * stride : 0),
    };
    const prediction = new Float64Array(stride);
    for (let i = 0; i < at.length; i++) {
      // out of time (a slice of a jump to the end): the samples reached so far, the rest next time
      if (this.now() >= deadline) return truncated(out, i, stride);
      const h = at[i];
      this.advanceInPieces(h, overlaps, deadline);
      if (this.t < h) return truncated(out, i, stride);
      this.recorded = h;
      out.losses[i] = meanLoss(model.kernel, overlaps, n, k);
      if (flow.generalizationError) out.genErrors[i] = flow.generalizationError();
      out.traces.set(overlaps.subarray(0, rows), i * stride);
      if (flow.predictionAt) {
        flow.predictionAt(h, Math.min(TRACED_ROWS, n), prediction);
        out.predictions.set(prediction.subarray(0, Math.min(TRACED_ROWS, n) * k), i * stride);
      }
    }
    return out;
  }

  /**
   * Advances to `target` in pieces of about PIECE_MS, each a stretch of log t sized by the last
   * one's time, with progress between them, taking what the steps ahead have done on the way
   * and stopping at each grid time for the rest test. The state at target is the same however
   * the way is cut (each dynamics steps on its own step control and interpolates, see clock.ts).
   * Past `deadline` it stops after the piece under way, short of target (this.t says where).
   */
  private advanceInPieces(target: number, out: Float64Array, deadline = Infinity): void {
    const flow = this.flow!;
    for (;;) {
      this.takeFork(target, out);
      const check = this.nextRestCheck();
      const planned = Math.max(this.t, T_FLOOR) * Math.pow(10, this.decades);
      const to = Math.min(target, check, planned);
      const started = this.now();
      flow.advanceTo(to, out);
      const ms = this.now() - started;
      this.t = to;
      if (ms > this.longest) this.longest = ms;
      if (to === check) this.testRest(out);
      if (to >= target) return;
      // only a piece of the planned length says how long such a piece takes: one cut short at a
      // rest test took less, and would grow the next ones past PIECE_MS once the tests stop
      if (to === planned) {
        const grow = Math.min(2, Math.max(0.5, PIECE_MS / Math.max(ms, 0.5)));
        this.decades = Math.min(MAX_DECADES, Math.max(MIN_DECADES, this.decades * grow));
      }
      if (this.now() >= deadline) return;
      this.beat();
    }
  }

  /** Tells the page the request is still going, at most every HEARTBEAT_MS. */
  private beat(): void {
    const now = this.now();
    if (now - this.spoke < HEARTBEAT_MS) return;
    this.post({ type: 'progress', runId: this.runId, t: this.t, pieceMs: this.longest });
    this.spoke = now;
    this.longest = 0;
  }
}

/** The first `m` samples of a replayed history (a jump to the end that ran out of its slice). */
function truncated(h: ReplayedHistory, m: number, stride: number): ReplayedHistory {
  return {
    times: h.times.slice(0, m),
    losses: h.losses.slice(0, m),
    genErrors: h.genErrors.slice(0, m),
    traces: h.traces.slice(0, m * stride),
    predictions: h.predictions.slice(0, h.predictions.length > 0 ? m * stride : 0),
  };
}
