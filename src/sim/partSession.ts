// A part worker's state machine, free of any worker global so it can be tested in Node: it holds
// some neurons of an online SGD run (Dynamics.part), steps them on in pieces while the flow
// worker keeps saying 'part-go' (as far as the piece it allows), and sends the state after each
// piece (partsLookahead.ts).
import { buildModel } from '../core/model/model.ts';
import { createDynamics } from '../core/dynamics/factory.ts';
import type { Dynamics } from '../core/dynamics/dynamics.ts';
import { LOOKAHEAD_WINDOW_MS } from './lookahead.ts';
import { nextGridTime } from './clock.ts';
import type { FromPart, ToPart } from './protocol.ts';

export class PartSession {
  private runId = -1;
  /** the whole run, rebuilt only for a new run: each start loads the run's state into it */
  private whole: Dynamics | null = null;
  private part: Dynamics | null = null;
  private generation = -1;
  private t = 0;
  private piece = 0;
  private pieceT = Infinity;
  private tEnd = 0;
  private lastGo = -Infinity;
  /** the last piece to step before the next 'part-go' */
  private until = 0;
  private scratch = new Float64Array(0);

  constructor(
    private readonly post: (msg: FromPart) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  handle(msg: ToPart): void {
    if (msg.type === 'part-go') {
      if (msg.generation !== this.generation) return;
      this.lastGo = this.now();
      this.until = msg.until;
      return;
    }
    if (msg.type === 'part-stop') {
      this.part = null;
      return;
    }
    this.generation = msg.generation;
    this.part = null;
    try {
      if (msg.runId !== this.runId || !this.whole) {
        this.whole = null;
        this.whole = createDynamics(buildModel(msg.spec));
        this.runId = msg.runId;
      }
      if (!this.whole.loadState || !this.whole.part) throw new Error('this run has no parts');
      this.whole.loadState(msg.state);
      this.part = this.whole.part(msg.first, msg.count);
      if (!this.part) throw new Error(`neurons ${msg.first + 1}–${msg.first + msg.count} cannot step as a part`);
    } catch (err) {
      this.runId = -1;
      this.post({ type: 'part-error', generation: msg.generation, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    this.t = msg.t;
    this.piece = 0;
    this.pieceT = msg.pieceT;
    this.tEnd = msg.tEnd;
    this.lastGo = this.now();
    this.until = msg.until;
    this.scratch = new Float64Array(this.part.n * this.part.k);
  }

  /** Steps pieces for about `sliceMs`; returns whether there is more to do. */
  work(sliceMs: number): boolean {
    const part = this.part;
    const started = this.now();
    if (!part || this.t >= this.tEnd || this.piece >= this.until || started - this.lastGo > LOOKAHEAD_WINDOW_MS) return false;
    do {
      // pieces end at the grid's times too, where the run tests for rest (flowSession.ts)
      const to = Math.min(this.tEnd, this.t + this.pieceT, nextGridTime(this.t));
      part.advanceTo(to, this.scratch);
      this.t = to;
      this.piece++;
      this.post({ type: 'part-saved', generation: this.generation, piece: this.piece, t: to, state: part.saveState!() });
    } while (this.t < this.tEnd && this.piece < this.until && this.now() - started < sliceMs);
    return this.t < this.tEnd && this.piece < this.until;
  }
}
