// The idle-time fork of lookahead.ts, split over part workers: online SGD's neurons step
// independently given the samples (Dynamics.part), so each part worker steps some of them ahead
// on a core of its own, all from the run's state and the same sample stream, and sends its state
// after each piece. Where every part has sent the same piece, the run takes that piece's states
// (loadPart) instead of taking those steps itself: the same state, reached in a fraction of the
// time. Playing frames go from piece to piece, so the run itself takes no step; the parts stay
// at most a memory budget of pieces ahead of it, and stop soon after the page stops asking.
// A part that fails or falls silent hands the work back to the fork in the flow worker.
import type { Dynamics, SavedState } from '../core/dynamics/dynamics.ts';
import type { ModelSpec } from '../core/model/model.ts';
import { Lookahead, LOOKAHEAD_WINDOW_MS, SAVED_BYTES, type StepsAhead } from './lookahead.ts';
import type { FromPart, ToPart } from './protocol.ts';

/** How a part worker is reached; the run's state is copied to each part. */
export interface PartLink {
  post(msg: ToPart): void;
  /** the worker has failed without a word: ends it (the next run gets new ones) */
  close(): void;
}

/** Between two 'part-go's. */
const GO_EVERY_MS = 100;
/** Parts this many pieces behind the run start again from the run's state (a seek, a jump to the end). */
const BEHIND_PIECES = 4;
/**
 * Parts silent this long while they should be stepping (not even their first piece) have failed
 * without a word: the local fork takes over, as after an error.
 */
const SILENT_MS = 2000;

interface Piece {
  t: number;
  states: (SavedState | undefined)[];
  have: number;
}

/** The part workers' neurons: `parts` ranges as equal as may be. */
export function partRanges(n: number, parts: number): { first: number; count: number }[] {
  const m = Math.max(1, Math.min(parts, n));
  return Array.from({ length: m }, (_, p) => {
    const first = Math.floor((p * n) / m);
    return { first, count: Math.floor(((p + 1) * n) / m) - first };
  });
}

export class PartsLookahead implements StepsAhead {
  private readonly ranges: { first: number; count: number }[];
  private generation = -1;
  /** the time each part reported last (−∞ until it does), and the number of that piece */
  private reached: number[];
  private sent: number[];
  /** when each part last sent a piece, or was (re)started or told to go on after a pause */
  private heard: number[];
  /** pieces some part has sent, by number (complete: every part has sent it), none taken yet */
  private pieces = new Map<number, Piece>();
  /** the last piece the run took; the parts may go `ahead` pieces past it */
  private taken = 0;
  private ahead = 16;
  private lastAsked = -Infinity;
  private lastGo = -Infinity;
  /** after a part's error or silence, the local fork does the work */
  private local: Lookahead | null = null;

  constructor(
    private readonly flow: Dynamics,
    private readonly run: { runId: number; spec: ModelSpec; tEnd: number; pieceT: number; localPieceT: number },
    private readonly links: PartLink[],
    private readonly nextGeneration: () => number,
    private readonly now: () => number,
  ) {
    this.ranges = partRanges(flow.n, links.length);
    this.reached = this.ranges.map(() => -Infinity);
    this.sent = this.ranges.map(() => 0);
    this.heard = this.ranges.map(() => -Infinity);
  }

  /** whether the parts step the run (false once the local fork has taken over) */
  get apart(): boolean {
    return this.local === null;
  }

  asked(): void {
    const now = this.now();
    // back from a pause: the parts had stopped, so their silence counts from here
    if (now - this.lastAsked > LOOKAHEAD_WINDOW_MS) this.heard.fill(now);
    this.lastAsked = now;
    this.local?.asked();
  }

  /** A part worker's message; those of an earlier start are dropped. */
  receive(part: number, msg: FromPart): void {
    if (this.local || part >= this.ranges.length) return;
    // generation −1: the part worker itself failed, whatever it was doing
    if (msg.type === 'part-error' && (msg.generation === this.generation || msg.generation < 0)) {
      this.fallBack();
      return;
    }
    if (msg.type !== 'part-saved' || msg.generation !== this.generation) return;
    this.reached[part] = msg.t;
    this.sent[part] = msg.piece;
    this.heard[part] = this.now();
    // as many pieces ahead as the memory budget holds, whatever the run's size (told at the next go)
    const ahead = Math.max(16, Math.floor(SAVED_BYTES / (msg.state.bytes.length * this.ranges.length)));
    if (ahead !== this.ahead) this.lastGo = -Infinity;
    this.ahead = ahead;
    let piece = this.pieces.get(msg.piece);
    if (!piece) {
      piece = { t: msg.t, states: this.ranges.map(() => undefined), have: 0 };
      this.pieces.set(msg.piece, piece);
    }
    if (!piece.states[part]) piece.have++;
    piece.states[part] = msg.state;
  }

  /**
   * Where the run at t should go for a frame that should reach `goal` and may go as far as
   * `far`: the parts' latest complete piece up to far, once they have one within a piece of goal
   * (the run then takes no step itself: every step it takes is one the parts take faster, and
   * leaves them behind; and a frame that takes what the parts have done costs nothing, so it
   * may pass the frame cap); null while they are on their way (the frame waits, also while
   * they start); goal itself where they cannot help (stopped by the page, failed or silent) or
   * for a way shorter than a piece.
   */
  aim(t: number, goal: number, far = goal): number | null {
    if (this.local || this.generation < 0) return goal;
    this.passed(t);
    const now = this.now();
    if (this.silent(now)) {
      this.fallBack(true);
      return goal;
    }
    if (goal <= t + this.run.pieceT || now - this.lastAsked > LOOKAHEAD_WINDOW_MS) return goal;
    const best = this.bestPiece(t, Math.max(goal, far));
    const at = best >= 0 ? this.pieces.get(best)!.t : -Infinity;
    if (at >= goal - this.run.pieceT) return at;
    // the parts wait for the run to take their pieces (all they may hold is short of goal)
    if (best >= 0 && this.ranges.every((_, p) => this.waitsForRun(p))) return at;
    // no piece near goal, though every part is past it: the run goes there itself
    return this.reached.every((r) => r >= goal) ? goal : null;
  }

  /** the latest complete piece past t and not past goal (−1: none) */
  private bestPiece(t: number, goal: number): number {
    let best = -1, at = t;
    for (const [j, p] of this.pieces) {
      if (p.have === this.ranges.length && p.t > at && p.t <= goal) {
        best = j;
        at = p.t;
      }
    }
    return best;
  }

  /** some part has said nothing for SILENT_MS while it should be stepping */
  private silent(now: number): boolean {
    return this.generation >= 0 && this.ranges.some((_, p) => now - this.heard[p] > SILENT_MS && this.reached[p] < this.run.tEnd && !this.waitsForRun(p));
  }

  /** part p has gone as far ahead of the run as it may, so its silence is expected */
  private waitsForRun(p: number): boolean {
    return this.sent[p] >= this.taken + this.ahead;
  }

  /**
   * The run at t went past pieces by its own steps (small requests step here): those pieces
   * will never be taken, and the parts' room ahead counts from the last of them.
   */
  private passed(t: number): void {
    let last = -1;
    for (const [j, p] of this.pieces) {
      if (p.t <= t) {
        this.pieces.delete(j);
        last = Math.max(last, j);
      }
    }
    if (last > this.taken) {
      this.taken = last;
      this.lastGo = -Infinity;
    }
  }

  /**
   * The parts cannot help (an error, or silence: then their workers are ended, and the next run
   * gets new ones): the fork steps in this worker's idle time instead.
   */
  private fallBack(silent = false): void {
    this.stop();
    if (silent) for (const link of this.links) link.close();
    this.local = new Lookahead(this.flow, this.run.tEnd, this.run.localPieceT, this.now);
    this.local.asked();
    this.pieces.clear();
  }

  /** As Lookahead.takeOver: the latest complete piece past t and not past goal, loaded into the run. */
  takeOver(t: number, goal: number): number {
    if (this.local) return this.local.takeOver(t, goal);
    this.passed(t);
    const best = this.bestPiece(t, goal);
    if (best < 0) return t;
    const piece = this.pieces.get(best)!;
    // every part at the same step (they are, from one start; a mismatch takes nothing)
    if (piece.states.some((state) => state!.steps !== piece.states[0]!.steps)) return t;
    this.ranges.forEach(({ first, count }, part) => this.flow.loadPart!(piece.states[part]!, first, count));
    for (const j of [...this.pieces.keys()]) if (j <= best) this.pieces.delete(j);
    this.taken = best;
    // room ahead again: the parts hear it now rather than at the next go
    this.lastGo = -Infinity;
    return piece.t;
  }

  /**
   * The worker has time while the run is at t: starts the parts (again, when the run went past
   * them) and tells them to go on while the page asks. Parts step in their own workers, so there
   * is no work here: false, unless the local fork took over.
   */
  idle(t: number, sliceMs: number): boolean {
    if (this.local) return this.local.idle(t, sliceMs);
    const now = this.now();
    if (now - this.lastAsked > LOOKAHEAD_WINDOW_MS || t >= this.run.tEnd) return false;
    this.passed(t);
    if (this.silent(now)) {
      this.fallBack(true);
      return this.local!.idle(t, sliceMs);
    }
    // a part that has not sent its first piece yet is starting, not behind
    const behind = this.generation < 0 || this.reached.some((r) => r > -Infinity && r < t - BEHIND_PIECES * this.run.pieceT);
    if (behind) {
      this.start(t);
      return false;
    }
    if (now - this.lastGo >= GO_EVERY_MS) {
      this.lastGo = now;
      for (const link of this.links) link.post({ type: 'part-go', generation: this.generation, until: this.taken + this.ahead });
    }
    return false;
  }

  /** The run is replaced: the parts stop stepping for it. */
  stop(): void {
    if (this.generation >= 0) for (const link of this.links) link.post({ type: 'part-stop' });
  }

  private start(t: number): void {
    this.generation = this.nextGeneration();
    this.lastGo = this.now();
    this.heard.fill(this.lastGo);
    this.pieces.clear();
    this.taken = 0;
    this.reached.fill(-Infinity);
    this.sent.fill(0);
    const state = this.flow.saveState!();
    const { runId, spec, tEnd, pieceT } = this.run;
    this.ranges.forEach(({ first, count }, part) => {
      this.links[part].post({ type: 'part-start', generation: this.generation, runId, spec, first, count, state, t, pieceT, tEnd, until: this.ahead });
    });
  }
}
