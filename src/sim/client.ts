// The page's side of the flow worker: sends the latest parameters (one configure in flight,
// the latest asked for meanwhile held, the others dropped), keeps one frame in flight,
// discards frames of superseded runs, and restarts a worker that died or that stayed
// silent longer than its work can take (supervisor.ts, with the pace of flowPace.ts).
import type { ModelSpec } from '../core/model/model.ts';
import type { ProjectionChoice } from '../core/projection/projection.ts';
import { FlowPace } from './flowPace.ts';
import { fitsRun, transferablesOf, type FrameBuffers, type FromWorker, type RunInfo, type ToWorker } from './protocol.ts';
import { realTimers, seconds, Watchdog, type Timers } from './supervisor.ts';

export type FrameMessage = Extract<FromWorker, { type: 'frame' }>;
export type ProjectedMessage = Extract<FromWorker, { type: 'projected' }>;

export interface WorkerLike {
  postMessage(msg: ToWorker, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
  onmessageerror?: ((ev: MessageEvent) => void) | null;
}

export interface SimClientHandlers {
  onConfigured(info: RunInfo): void;
  onFrame(frame: FrameMessage): void;
  /** the current state redrawn in a new projection (no handler: the client drops it) */
  onProjected?(msg: ProjectedMessage): void;
  /** a fault: the worker threw, sent a bad frame or stopped answering; the client has already restarted it */
  onFault(message: string): void;
}

export class SimClient {
  private worker: WorkerLike;
  private watchdog: Watchdog;
  /** what the worker's silences may be, kept across runs and restarted workers */
  private readonly pace = new FlowPace();
  private runId = 0;
  private spec: ModelSpec | null = null;
  private inFlight = false;
  private spare: FrameBuffers | undefined;
  private configured = false;
  /** a configure is on its way through this worker (a later one waits in `held`) */
  private configuring = false;
  /**
   * The latest configure asked for while another was still being built: sent when that one
   * answers. A β drag asks for many runs a second; only the last one asked for is built.
   */
  private held: Extract<ToWorker, { type: 'configure' }> | null = null;
  private lastRequest = 0;
  /** the projection the worker was last asked for: a restarted worker starts in it */
  private projection: ProjectionChoice | undefined;

  constructor(
    private readonly createWorker: () => WorkerLike,
    private readonly handlers: SimClientHandlers,
    private readonly timers: Timers = realTimers,
  ) {
    this.watchdog = this.watch();
    this.worker = this.spawn();
  }

  get busy(): boolean {
    return this.inFlight || !this.configured;
  }

  get currentRunId(): number {
    return this.runId;
  }

  /** Starts a new run from the spec's seeded initial state; older runs' frames are dropped. */
  configure(spec: ModelSpec, projection?: ProjectionChoice): number {
    this.spec = spec;
    if (projection) this.projection = projection;
    this.runId++;
    this.pace.startRun(spec, this.configuring ? 'configuring' : this.inFlight ? 'computing' : 'idle');
    this.inFlight = false;
    this.configured = false;
    const msg = { type: 'configure' as const, runId: this.runId, spec, projection: this.projection };
    if (this.configuring) {
      this.held = msg;
    } else {
      this.configuring = true;
      this.worker.postMessage(msg);
    }
    this.supervise();
    return this.runId;
  }

  /**
   * Redraws the current state in another projection (a view change: the run is not touched).
   * Counts as the frame in flight; ignored while one is.
   */
  project(projection: ProjectionChoice): boolean {
    this.projection = projection;
    if (this.busy) return false;
    this.inFlight = true;
    const buffers = this.spare;
    this.spare = undefined;
    this.worker.postMessage({ type: 'project', runId: this.runId, projection, buffers }, buffers ? transferablesOf(buffers) : []);
    this.supervise();
    return true;
  }

  /**
   * Asks for the state at time t (with the plots' samples at the `history` times on the way, and
   * at most `frameWork` n·d·samples of a sample-based run: protocol.ts); ignored while a frame is
   * in flight.
   */
  request(t: number, history?: number[], frameWork?: number): boolean {
    if (this.busy) return false;
    this.inFlight = true;
    this.lastRequest = t;
    const buffers = this.spare;
    this.spare = undefined;
    const msg = { type: 'advance', runId: this.runId, t, buffers, ...(history ? { history } : {}), ...(frameWork !== undefined ? { frameWork } : {}) } as const;
    this.worker.postMessage(msg, buffers ? transferablesOf(buffers) : []);
    this.supervise();
    return true;
  }

  /**
   * Jump to end: asks for the exact state at T in one frame (with the plots' samples at the
   * `history` times on the way); ignored while a frame is in flight. The worker says it is still
   * going between pieces of the work, so the deadline stays that of one piece.
   */
  finish(history?: number[]): boolean {
    if (this.busy) return false;
    this.inFlight = true;
    const buffers = this.spare;
    this.spare = undefined;
    this.worker.postMessage({ type: 'finish', runId: this.runId, buffers, ...(history ? { history } : {}) }, buffers ? transferablesOf(buffers) : []);
    this.supervise();
    return true;
  }

  /** Hands a frame's buffers back for reuse once the page has copied what it needs. */
  recycle(buffers: FrameBuffers): void {
    this.spare = buffers;
  }

  dispose(): void {
    this.watchdog.dispose();
    this.worker.onmessage = null;
    this.worker.onerror = null;
    this.worker.terminate();
  }

  private watch(): Watchdog {
    return new Watchdog(this.timers, (silent) => this.fault(`the flow worker did not answer for ${seconds(silent)}`));
  }

  /** The page waits while busy: for a configure, or for a piece of a frame's work. */
  private supervise(): void {
    if (!this.configured) this.watchdog.wait(this.pace.configureExpected());
    else if (this.inFlight) this.watchdog.wait(this.pace.pieceMs());
    else this.watchdog.idle();
  }

  private spawn(): WorkerLike {
    const w = this.createWorker();
    w.onmessage = (ev) => {
      this.watchdog.heard();
      this.receive(ev.data);
      if (this.worker === w) this.supervise();
    };
    w.onerror = (ev) => {
      ev.preventDefault?.();
      this.fault(`the flow worker crashed: ${ev.message || 'unknown error'}`);
    };
    w.onmessageerror = () => this.fault('the flow worker sent a message that could not be read');
    return w;
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'ready':
        return;
      case 'progress':
        if (msg.runId === this.runId) this.pace.piece(msg.pieceMs, msg.t);
        return;
      case 'configured':
        if (msg.info.runId !== this.runId) {
          this.sendHeld();
          return;
        }
        this.configured = true;
        this.configuring = false;
        this.pace.configured(msg.computeMs);
        this.handlers.onConfigured(msg.info);
        return;
      case 'frame': {
        if (msg.runId !== this.runId) {
          const n = this.spec?.n ?? 0, k = this.spec?.k ?? 0;
          if (fitsRun(msg.buffers, n, k)) this.spare = msg.buffers;
          return;
        }
        this.inFlight = false;
        this.pace.piece(msg.stats.pieceMs ?? msg.stats.computeMs, msg.t);
        if (!frameIsFinite(msg)) {
          this.fault(`the flow produced a non-finite number near t = ${this.lastRequest.toPrecision(4)}`);
          return;
        }
        this.handlers.onFrame(msg);
        return;
      }
      case 'projected': {
        const n = this.spec?.n ?? 0, k = this.spec?.k ?? 0;
        if (msg.runId !== this.runId) {
          if (fitsRun(msg.buffers, n, k)) this.spare = msg.buffers;
          return;
        }
        this.inFlight = false;
        if (this.handlers.onProjected) this.handlers.onProjected(msg);
        else if (fitsRun(msg.buffers, n, k)) this.spare = msg.buffers;
        return;
      }
      case 'error':
        if (msg.runId !== this.runId) {
          this.sendHeld();
          return;
        }
        this.fault(msg.message);
        return;
    }
  }

  /** A superseded configure has been answered: the worker is free to build the latest one. */
  private sendHeld(): void {
    if (!this.held) return;
    this.worker.postMessage(this.held);
    this.held = null;
  }

  /** Restart with the current parameters; the page keeps showing the last good frame. */
  private fault(message: string): void {
    this.dispose();
    this.inFlight = false;
    this.configured = false;
    this.configuring = false;
    this.held = null;
    this.spare = undefined;
    this.handlers.onFault(message);
    this.watchdog = this.watch();
    this.worker = this.spawn();
    if (this.spec) this.configure(this.spec);
  }
}

function frameIsFinite(f: FrameMessage): boolean {
  if (!Number.isFinite(f.t) || !Number.isFinite(f.loss)) return false;
  const p = f.buffers.positions;
  for (let i = 0; i < p.length; i++) if (!Number.isFinite(p[i])) return false;
  return true;
}
