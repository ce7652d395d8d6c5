// The worker's state machine, free of any worker global so it can be tested in Node:
// configure builds the model and the flow; advance integrates to a time and fills a frame.
import { averagePointSpanCurvature } from '../core/analysis/averagePoint.ts';
import { countOutcomes } from '../core/outcomes/classify.ts';
import { buildModel, type Model } from '../core/model/model.ts';
import { meanLoss } from '../core/dynamics/overlapOde.ts';
import { NeuronProjector } from '../core/projection/projection.ts';
import { classifyOptionsOf } from '../core/outcomes/run.ts';
import { createDynamics } from '../core/dynamics/factory.ts';
import type { Dynamics } from '../core/dynamics/dynamics.ts';
import { allocateFrameBuffers, fitsRun, TRACED_ROWS, type FromWorker, type ProjectionView, type ReplayedHistory, type RunInfo, type ToWorker } from './protocol.ts';

/** Most n·d·samples one frame computes (about a tenth of a second, `npm run bench`). */
export const FRAME_WORK = 3e7;

export class FlowSession {
  private runId = -1;
  private model: Model | null = null;
  private flow: Dynamics | null = null;
  private projector: NeuronProjector | null = null;
  private t = 0;
  /** the latest frame's overlaps and codes, so a new projection can redraw it without moving */
  private latest: { overlaps: Float64Array; codes: Uint8Array } | null = null;

  /** Handles one message; returns the reply (or null when none is due). */
  handle(msg: ToWorker): FromWorker | null {
    try {
      if (msg.type === 'configure') return this.configure(msg.runId, msg);
      return msg.type === 'project' ? this.project(msg) : this.advance(msg);
    } catch (err) {
      return { type: 'error', runId: msg.runId, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private configure(runId: number, msg: Extract<ToWorker, { type: 'configure' }>): FromWorker {
    this.runId = runId;
    this.model = null;
    this.flow = null;
    const model = buildModel(msg.spec);
    this.model = model;
    this.flow = createDynamics(model);
    this.projector = new NeuronProjector(model.geometry, msg.projection);
    this.t = 0;
    this.latest = null;
    return { type: 'configured', info: this.info(model) };
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
   * Sample-based dynamics cost n·d per sample: a frame goes at most FRAME_WORK further, so a
   * fast playback speed cannot hold one frame for minutes (the next frame continues from here).
   */
  private frameHorizon(): number {
    const plan = this.flow?.sampling;
    if (!plan || !this.model) return Infinity;
    const { n, d } = this.model.spec;
    return this.t + (FRAME_WORK / (n * d * plan.batch)) * plan.eta;
  }

  private advance(msg: Extract<ToWorker, { type: 'advance' }>): FromWorker | null {
    if (msg.runId !== this.runId || !this.model || !this.flow || !this.projector) return null;
    const { n, k } = this.model.spec;
    const started = performance.now();
    const before = { ...this.flow.stats };
    const target = Math.max(this.t, Math.min(msg.t, this.model.tEnd, this.frameHorizon()));
    const buffers = fitsRun(msg.buffers, n, k) ? msg.buffers : allocateFrameBuffers(n, k);
    const history = msg.history ? this.replay(msg.history, target, buffers.overlaps) : undefined;
    this.flow.advanceTo(target, buffers.overlaps);
    this.t = target;
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
        computeMs: performance.now() - started,
      },
      buffers,
      ...(this.flow.samples !== undefined ? { samples: this.flow.samples } : {}),
      ...(prediction ? { prediction } : {}),
      ...(history ? { history } : {}),
    };
  }

  /** Advances through the history times below `target`, recording the plots' samples at each. */
  private replay(times: number[], target: number, overlaps: Float64Array): ReplayedHistory {
    const model = this.model!, flow = this.flow!;
    const { n, k } = model.spec;
    const at = times.filter((h, i) => Number.isFinite(h) && h >= this.t && h < target && (i === 0 || h > times[i - 1]));
    const rows = Math.min(TRACED_ROWS, n) * k, stride = TRACED_ROWS * k;
    const out: ReplayedHistory = {
      times: Float64Array.from(at),
      losses: new Float64Array(at.length),
      genErrors: new Float64Array(at.length).fill(NaN),
      traces: new Float64Array(at.length * stride),
      predictions: new Float64Array(flow.predictionAt ? at.length * stride : 0),
    };
    const prediction = new Float64Array(stride);
    at.forEach((h, i) => {
      flow.advanceTo(h, overlaps);
      this.t = h;
      out.losses[i] = meanLoss(model.kernel, overlaps, n, k);
      if (flow.generalizationError) out.genErrors[i] = flow.generalizationError();
      out.traces.set(overlaps.subarray(0, rows), i * stride);
      if (flow.predictionAt) {
        flow.predictionAt(h, Math.min(TRACED_ROWS, n), prediction);
        out.predictions.set(prediction.subarray(0, Math.min(TRACED_ROWS, n) * k), i * stride);
      }
    });
    return out;
  }
}
