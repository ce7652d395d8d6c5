// Timers for the watchdogs' tests: time stands still until the test moves it on, and then the
// timers that came due run in order, as the page's would.
import type { Timers } from './supervisor.ts';

export class ManualTimers implements Timers {
  private time = 0;
  private next = 0;
  private readonly due = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): number {
    this.due.set(++this.next, { at: this.time + Math.max(0, ms), callback });
    return this.next;
  }

  clearTimeout(handle: unknown): void {
    this.due.delete(handle as number);
  }

  /** Timers set and not yet run or cleared. */
  get pending(): number {
    return this.due.size;
  }

  /** Moves time on by `ms`, running each timer at its time (timers they set run too, if due). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let first: [number, { at: number; callback: () => void }] | null = null;
      for (const entry of this.due) if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.due.delete(first[0]);
      this.time = Math.max(this.time, first[1].at);
      first[1].callback();
    }
    this.time = end;
  }

  /** Time passes with nothing running (the page's thread held up): timers due meanwhile run late, at the end. */
  stall(ms: number): void {
    this.time += ms;
  }
}
