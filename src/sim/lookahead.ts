// The worker's idle time, put to work for dynamics whose every step is work (online SGD). While
// the page keeps asking for frames, a fork of the run steps on between the requests: during the
// log-time start, when the page asks for little and the worker would wait for it, and in the
// gaps while a frame travels to the page and the next request comes back. The fork saves its
// state as it goes; a request takes the latest saved state short of its goal instead of taking
// those steps again, and steps on from there.
//
// No frame changes: the same seed and the same steps give the same state whichever copy took
// them, every frame is still the state at the time the run went to, and a request with the
// plots' samples on the way takes the saved states only up to each sample's time. The
// fork stops soon after the page stops asking (paused, hidden) and at the end of the run.
import type { Dynamics, SavedState } from '../core/dynamics/dynamics.ts';
import type { FromPart } from './protocol.ts';
import { nextGridTime } from './clock.ts';

/**
 * What steps a sample-based run ahead of its frames: this fork in the worker's idle time, or
 * part workers (partsLookahead.ts). The worker's session holds one and never asks which.
 */
export interface StepsAhead {
  /** the page asked for a frame: stepping ahead may go on for LOOKAHEAD_WINDOW_MS */
  asked(): void;
  /** the run at t goes towards goal: loads the latest state saved past t and not past goal; returns the run's time */
  takeOver(t: number, goal: number): number;
  /** time to spare while the run is at t: steps for about sliceMs; returns whether there is more to do */
  idle(t: number, sliceMs: number): boolean;
  /**
   * Where a frame from t that should reach goal, and may go as far as far, goes; null: the
   * frame waits, for steps taken elsewhere that are on their way.
   */
  aim(t: number, goal: number, far?: number): number | null;
  /** whether the steps ahead are taken elsewhere, so the run should take none of its own */
  readonly apart: boolean;
  /** a part worker's message */
  receive(part: number, msg: FromPart): void;
  /** the run is replaced */
  stop(): void;
}

/** The fork keeps stepping this long after the page's last request for a frame. */
export const LOOKAHEAD_WINDOW_MS = 500;
/**
 * Memory for the fork's saved states: past it every other one goes (the latest stays), so they
 * thin out evenly over the way ahead, and a request rarely retakes more than a few steps.
 */
export const SAVED_BYTES = 2 ** 24;

export class Lookahead implements StepsAhead {
  /** the fork steps in this worker, between the run's requests */
  readonly apart = false;
  /** undefined until first needed; null when the run cannot be forked */
  private fork: Dynamics | null | undefined = undefined;
  /** the time the fork's state is at */
  private t = 0;
  /** the fork's saved states, by increasing time; the last is the fork's own */
  private saved: { t: number; state: SavedState }[] = [];
  private lastAsked = -Infinity;
  private maxSaved = 16;
  private readonly scratch: Float64Array;

  /**
   * `pieceT`: how far in t the fork goes between two saved states and looks at the clock (a few
   * milliseconds of work, so a request waits at most about that long behind it).
   */
  constructor(
    private readonly flow: Dynamics,
    private readonly tEnd: number,
    private readonly pieceT: number,
    private readonly now: () => number,
  ) {
    this.scratch = new Float64Array(flow.n * flow.k);
  }

  /** A frame goes to its goal: the run takes the fork's saved states on the way. */
  aim(_t: number, goal: number): number {
    return goal;
  }

  /** No part workers here. */
  receive(): void {}

  /** The fork goes with the run: nothing to stop. */
  stop(): void {}

  /** The page asked for a frame: the fork may step for the next LOOKAHEAD_WINDOW_MS. */
  asked(): void {
    this.lastAsked = this.now();
  }

  /**
   * The run at `t` is asked to go to `goal`: when the fork saved a state past t and not past
   * goal, the run takes the latest such state, and the time it is at now is returned (t otherwise).
   */
  takeOver(t: number, goal: number): number {
    let i = this.saved.length - 1;
    while (i >= 0 && this.saved[i].t > goal) i--;
    if (i < 0 || !(this.saved[i].t > t)) return t;
    const { t: at, state } = this.saved[i];
    this.flow.loadState!(state);
    this.saved = this.saved.slice(i + 1);
    return at;
  }

  /**
   * Steps the fork for about `sliceMs` while the run is at `t`; returns whether it has more to
   * do (false once the page has stopped asking, at the end, or for a run that cannot be forked).
   */
  idle(t: number, sliceMs: number): boolean {
    const started = this.now();
    if (started - this.lastAsked > LOOKAHEAD_WINDOW_MS) return false;
    if (this.fork === undefined) {
      this.fork = this.flow.fork?.() ?? null;
      this.t = t;
    }
    const fork = this.fork;
    if (!fork) return false;
    // the run went past the fork on its own (it was asked for more than the fork had done)
    if (this.t < t) {
      fork.loadState!(this.flow.saveState!());
      this.t = t;
      this.saved = [];
    }
    while (this.t < this.tEnd) {
      // pieces end at the grid's times too, where the run tests for rest (flowSession.ts)
      const to = Math.min(this.tEnd, this.t + this.pieceT, nextGridTime(this.t));
      fork.advanceTo(to, this.scratch);
      this.t = to;
      this.save(fork.saveState!());
      if (this.now() - started >= sliceMs) break;
    }
    return this.t < this.tEnd;
  }

  private save(state: SavedState): void {
    this.saved.push({ t: this.t, state });
    this.maxSaved = Math.max(16, Math.floor(SAVED_BYTES / state.bytes.length));
    if (this.saved.length <= this.maxSaved) return;
    const last = this.saved[this.saved.length - 1];
    this.saved = this.saved.filter((_, i) => i % 2 === 1);
    if (this.saved[this.saved.length - 1] !== last) this.saved.push(last);
  }
}
