// An animation loop for the runners' tests: time stands still until the test runs a frame.
import type { FrameLoop } from './frameLoop.ts';

export class ManualFrameLoop implements FrameLoop {
  private waiting = new Map<number, () => void>();
  private handles = 0;

  /** A page has been open a while before its runners start (readouts are throttled from 0). */
  constructor(private time = 1000) {}

  now(): number {
    return this.time;
  }

  request(callback: () => void): number {
    this.waiting.set(++this.handles, callback);
    return this.handles;
  }

  cancel(handle: number): void {
    this.waiting.delete(handle);
  }

  /** Moves time on by `ms` and runs every callback that asked for this frame, in order. */
  frame(ms = 16): void {
    this.time += ms;
    const due = [...this.waiting.values()];
    this.waiting.clear();
    for (const callback of due) callback();
  }
}
