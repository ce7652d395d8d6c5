// What a runner is given rather than reaching for: how to start a flow worker, the animation
// loop, the split view's clock, and the timers that bound a worker's silence. The page's two
// runners share one set, so they share the clock; tests pass fakes.
import type { WorkerLike } from '../sim/client.ts';
import { realTimers, type Timers } from '../sim/supervisor.ts';
import { createFlowWorker } from './flowWorker.ts';
import { browserFrameLoop, type FrameLoop } from './frameLoop.ts';
import { SplitClock } from './splitClock.ts';

export interface RunnerDeps {
  createWorker: () => WorkerLike;
  loop: FrameLoop;
  clock: SplitClock;
  timers: Timers;
}

export const pageRunnerDeps: RunnerDeps = { createWorker: createFlowWorker, loop: browserFrameLoop, clock: new SplitClock(), timers: realTimers };
