// How fast a playing run actually advances, against the speed asked for: the speed setting is
// decades of t per second (sim/clock.ts), but a frame can only go as far as the worker computes
// in time (and online SGD's frames are capped in work), so the run may fall behind it. The
// readout then says so, and how fast the computation goes.
import { T_FLOOR } from '../sim/clock.ts';

/** The rate is measured over the frames of about the last WINDOW_MS (at least MIN_SPAN_MS of them). */
const WINDOW_MS = 2000;
const MIN_SPAN_MS = 1000;
/** Behind by more than this share of the asked speed: the computation is the limit. */
const BEHIND = 0.8;

export interface PlayLimit {
  /** achieved decades of t per second */
  decadesPerSecond: number;
  /** achieved flow time per second, around the latest frame */
  tPerSecond: number;
}

export class PlayRate {
  private times: number[] = [];
  private walls: number[] = [];

  /** Forget the measured frames (a new run, a pause, a jump). */
  reset(): void {
    this.times.length = 0;
    this.walls.length = 0;
  }

  /**
   * A frame at flow time t was shown at wall time `now` (ms) while playing at `speed` decades
   * per second; returns the achieved rate when it is behind the asked one, else null.
   */
  frame(t: number, now: number, speed: number): PlayLimit | null {
    this.times.push(t);
    this.walls.push(now);
    while (this.walls.length > 2 && now - this.walls[1] >= WINDOW_MS) {
      this.walls.shift();
      this.times.shift();
    }
    const span = now - this.walls[0];
    if (span < MIN_SPAN_MS) return null;
    const seconds = span / 1000;
    const t0 = Math.max(this.times[0], T_FLOOR);
    const t1 = Math.max(t, T_FLOOR);
    const decadesPerSecond = Math.log10(t1 / t0) / seconds;
    if (!(decadesPerSecond < BEHIND * speed)) return null;
    return { decadesPerSecond, tPerSecond: (t - this.times[0]) / seconds };
  }
}
