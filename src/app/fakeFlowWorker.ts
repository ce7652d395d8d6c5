// A flow worker for the runners' tests. It answers every protocol message as the real one does
// (configured, a frame at the asked time with the asked history, projected), but holds each
// reply until the test delivers it, so the test decides what is in flight and when it lands.
// `stop()` makes it a worker that closed itself: it takes messages and never answers again.
import { emptyCounts } from '../core/outcomes/classify.ts';
import type { ModelSpec } from '../core/model/model.ts';
import type { WorkerLike } from '../sim/client.ts';
import { allocateFrameBuffers, fitsRun, TRACED_ROWS, type FromWorker, type ReplayedHistory, type RunInfo, type ToWorker } from '../sim/protocol.ts';

/** The end time of a run whose spec leaves T to the model (T = 0). */
export const FAKE_AUTO_END = 1000;

export class FakeFlowWorker implements WorkerLike {
  readonly sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: ((ev: MessageEvent) => void) | null = null;
  private replies: FromWorker[] = [];
  private spec: ModelSpec | null = null;
  private t = 0;
  private stopped = false;
  /** frames at or after this time report that every neuron settled then (Infinity: never) */
  settleAt = Infinity;
  /** how far in t one reply to `finish` goes (a long jump comes back in slices; Infinity: to T) */
  finishSlice = Infinity;
  /** how far in t one `advance` goes at most, as online SGD's frames are capped in work (Infinity: no cap) */
  frameCap = Infinity;

  postMessage(msg: ToWorker): void {
    this.sent.push(msg);
    if (!this.stopped) this.replies.push(this.answer(msg));
  }

  /** From now on nothing comes back, not even the replies already due. */
  stop(): void {
    this.stopped = true;
    this.replies = [];
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Replies not yet delivered. */
  get pending(): number {
    return this.replies.length;
  }

  /** How many jumps to the end were asked for. */
  get finishes(): number {
    return this.sent.filter((m) => m.type === 'finish').length;
  }

  /** The times of every `advance` asked for, in order. */
  get advances(): number[] {
    return this.sent.flatMap((m) => (m.type === 'advance' ? [m.t] : []));
  }

  /** Delivers the replies waiting now (not those to requests they set off). */
  deliver(): void {
    const due = this.replies;
    this.replies = [];
    for (const data of due) this.onmessage?.({ data } as MessageEvent<FromWorker>);
  }

  private answer(msg: ToWorker): FromWorker {
    switch (msg.type) {
      case 'configure':
        this.spec = msg.spec;
        this.t = 0;
        return { type: 'configured', info: infoOf(msg.runId, msg.spec), computeMs: 5 };
      case 'finish':
      case 'advance': {
        const { n, k } = this.spec!;
        const end = endOf(this.spec!);
        this.t = msg.type === 'finish' ? Math.min(end, this.t + this.finishSlice) : Math.min(msg.t, end, this.t + this.frameCap);
        const buffers = fitsRun(msg.buffers, n, k) ? msg.buffers : allocateFrameBuffers(n, k);
        buffers.positions.fill(0.5);
        return {
          type: 'frame', runId: msg.runId, t: this.t, loss: -this.t / (1 + this.t), counts: emptyCounts(k), failed: 0, buffers,
          stats: { rhsEvals: 1, accepted: 1, rejected: 0, computeMs: 2 },
          ...(msg.history ? { history: historyOf(msg.history.filter((h) => h < this.t), k) } : {}),
          ...(this.t >= this.settleAt ? { settledAt: this.settleAt } : {}),
        };
      }
      case 'project': {
        const k = this.spec!.k;
        const view = { projection: JSON.stringify(msg.projection), indexVectors: new Float32Array(k * 3), averagePosition: new Float32Array(3) };
        return { type: 'projected', runId: msg.runId, t: this.t, view, ...(msg.buffers ? { buffers: msg.buffers } : {}) };
      }
    }
  }
}

const endOf = (spec: ModelSpec) => (spec.T > 0 ? spec.T : FAKE_AUTO_END);

function infoOf(runId: number, spec: ModelSpec): RunInfo {
  return {
    runId, spec, pStar: spec.p, even: spec.p % 2 === 0, kernel: [], kernelFormula: null, betaC: [], betaFold: [], indexMinimum: null,
    average: null, tEnd: endOf(spec), warnings: [], projection: 'exact',
    indexVectors: new Float32Array(spec.k * 3), averagePosition: new Float32Array(3),
    muCurve: { beta: new Float64Array(0), mu: new Float64Array(0) },
  };
}

function historyOf(times: number[], k: number): ReplayedHistory {
  const m = times.length;
  return {
    times: Float64Array.from(times),
    losses: Float64Array.from(times, (t) => -t / (1 + t)),
    genErrors: new Float64Array(m).fill(NaN),
    traces: new Float64Array(m * TRACED_ROWS * k),
    predictions: new Float64Array(0),
  };
}
