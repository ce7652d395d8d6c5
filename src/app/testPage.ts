// A page for the runners' tests: a store opened from a link, fake flow workers, a manual
// animation loop, one split-view clock and manual timers, wired as src/app/runnerDeps.ts wires
// the real ones.
import { ManualTimers } from '../sim/manualTimers.ts';
import { createAppStore } from '../state/store.ts';
import { FakeFlowWorker } from './fakeFlowWorker.ts';
import { ManualFrameLoop } from './manualFrameLoop.ts';
import type { RunnerDeps } from './runnerDeps.ts';
import { SplitClock } from './splitClock.ts';

export function testPage(query: string) {
  const store = createAppStore(query);
  const loop = new ManualFrameLoop();
  /** every worker the runners started, in order (the page's run first) */
  const workers: FakeFlowWorker[] = [];
  const createWorker = () => {
    const w = new FakeFlowWorker();
    workers.push(w);
    return w;
  };
  const timers = new ManualTimers();
  const deps: RunnerDeps = { createWorker, loop, clock: new SplitClock(), timers, frameWork: () => undefined };
  const deliver = () => {
    for (const w of workers) w.deliver();
  };
  return {
    store,
    loop,
    timers,
    workers,
    deps,
    /** One animation frame, then the replies to what it asked for land. */
    frame(ms = 16) {
      loop.frame(ms);
      deliver();
    },
    /** Delivers replies, and those to the requests they set off, until none is left. */
    settle() {
      while (workers.some((w) => w.pending > 0)) deliver();
    },
  };
}
