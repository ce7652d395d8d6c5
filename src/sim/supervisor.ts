// A deadline on a worker's silence. A worker that has stopped (close(), a killed thread) or
// hangs in a loop sends nothing, so the only sign is time: while the page waits for an answer,
// a worker silent for longer than the work it was given can take is declared lost. The owner
// (SimClient, WorkerPool) says what it waits for and how long that work is expected to take,
// from what the worker has measured of the same work; this module only keeps the time.

/** The clock and timers a watchdog runs on (fakes in tests, so nothing waits for real). */
export interface Timers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Silence shorter than this is never a fault, whatever the work: it covers a garbage
 * collection, a machine busy with other programs, a tab coming back from the background, and
 * it keeps a lost worker's notice within a few seconds of the fault.
 */
export const FLOOR_MS = 4000;

/**
 * How many times its expected length a stretch of work may take. Measured pieces of the same
 * work vary by at most about 4× on a loaded machine (first runs compile, later ones do not; a
 * sweep's points differ), so 10× leaves room on top of that.
 */
export const SLACK = 10;

/**
 * A deadline that fires this late means the page's own thread was held up (a long task, a
 * throttled tab): the worker's answer may be waiting behind it, so it gets GRACE_MS more.
 */
const LATE_MS = 1000;
const GRACE_MS = 1000;

/** How long a worker may stay silent on work expected to take `expectedMs` (Infinity: unknown). */
export function allowance(expectedMs: number): number {
  return Math.max(FLOOR_MS, SLACK * expectedMs);
}

/** A silence as the notices say it: "4 s". */
export function seconds(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))} s`;
}

export class Watchdog {
  /** the worker has said something: its code has loaded (loading is the network's business) */
  private started = false;
  private waiting = false;
  /** when the current silence began */
  private since = 0;
  private expectedMs = Infinity;
  private timer: unknown = null;
  private graced = false;

  constructor(
    private readonly timers: Timers,
    private readonly onLost: (silentMs: number) => void,
  ) {}

  /** The worker spoke: it is alive, and the silence starts again from now. */
  heard(): void {
    this.started = true;
    this.since = this.timers.now();
    this.arm();
  }

  /**
   * The page waits for an answer that takes about `expectedMs` of the worker's time
   * (Infinity: nothing measured predicts it, so it is not bounded). Waiting already, the
   * silence still counts from when it began: a new request queues behind the old one.
   */
  wait(expectedMs: number): void {
    if (!this.waiting) {
      this.waiting = true;
      this.since = this.timers.now();
    }
    this.expectedMs = expectedMs;
    this.arm();
  }

  /** Nothing is awaited: an idle worker may stay silent for good. */
  idle(): void {
    this.waiting = false;
    this.clear();
  }

  dispose(): void {
    this.idle();
    this.started = false;
  }

  private arm(): void {
    this.clear();
    this.graced = false;
    if (!this.started || !this.waiting) return;
    const limit = allowance(this.expectedMs);
    if (!Number.isFinite(limit)) return;
    this.schedule(this.since + limit);
  }

  private schedule(due: number): void {
    const now = this.timers.now();
    // lateness is against when the timer was meant to run: a deadline already past runs now
    const at = Math.max(due, now);
    this.timer = this.timers.setTimeout(() => this.fire(at), at - now);
  }

  private fire(at: number): void {
    this.timer = null;
    const now = this.timers.now();
    if (now - at > LATE_MS && !this.graced) {
      this.graced = true;
      this.schedule(now + GRACE_MS);
      return;
    }
    this.waiting = false;
    this.onLost(now - this.since);
  }

  private clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
