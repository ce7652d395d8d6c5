// What a runner is given rather than reaching for: how to start a flow worker, the animation
// loop, the split view's clock, the timers that bound a worker's silence, and how much work a
// frame of a sample-based run may take. The page's two runners share one set, so they
// share the clock; tests pass fakes.
import type { WorkerLike } from '../sim/client.ts';
import { FRAME_WORK } from '../sim/protocol.ts';
import { rendererStore } from '../state/renderer.ts';
import { realTimers, type Timers } from '../sim/supervisor.ts';
import { createFlowWorker } from './flowWorker.ts';
import { browserFrameLoop, type FrameLoop } from './frameLoop.ts';
import { SplitClock } from './splitClock.ts';

export interface RunnerDeps {
  createWorker: () => WorkerLike;
  loop: FrameLoop;
  clock: SplitClock;
  timers: Timers;
  /**
   * Most n·d·samples one frame of a sample-based run computes on its way to a time, playing or
   * replaying a paused link's (undefined: the worker's FRAME_WORK). It binds only where the
   * worker, not the speed setting, is the limit, and there each frame drawn takes time from it.
   */
  frameWork: () => number | undefined;
}

/**
 * Frames of a run behind its speed, drawn by a software renderer: ten times FRAME_WORK, about 4
 * frames a second instead of 20–30 on the 2-core machine (state/renderer.ts, docs/architecture.md).
 */
export const SOFTWARE_FRAME_WORK = 10 * FRAME_WORK;

export const pageRunnerDeps: RunnerDeps = {
  createWorker: createFlowWorker,
  loop: browserFrameLoop,
  clock: new SplitClock(),
  timers: realTimers,
  frameWork: () => (rendererStore.getState().software ? SOFTWARE_FRAME_WORK : undefined),
};
