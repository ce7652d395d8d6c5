// A slider's values reach the store at most once per interval while it moves. Each value that
// reaches the store restarts the run and re-renders every panel that reads the parameters
// (tens of milliseconds of main thread on a 2-core machine); a hand sends 30–60 values a
// second. The first value goes at once, then the latest of each interval at its end, and the
// last one always arrives (npm run perf, "β drag").
import { realTimers, type Timers } from '../sim/supervisor.ts';

/** Shortest time between two values of one slider reaching the store. */
export const SLIDER_COMMIT_MS = 80;

export interface Paced<T> {
  /** A new value: committed now, or as the latest of the current interval at its end. */
  push(value: T): void;
  /** Commits a waiting value now (the drag ended). */
  flush(): void;
  /** Forgets a waiting value. */
  cancel(): void;
}

export function paced<T>(commit: (value: T) => void, intervalMs = SLIDER_COMMIT_MS, timers: Timers = realTimers): Paced<T> {
  let last = -Infinity;
  let waiting: { value: T } | null = null;
  let timer: unknown = null;
  const send = () => {
    timer = null;
    if (!waiting) return;
    const { value } = waiting;
    waiting = null;
    last = timers.now();
    commit(value);
  };
  return {
    push(value) {
      waiting = { value };
      if (timer !== null) return;
      const wait = last + intervalMs - timers.now();
      if (wait <= 0) send();
      else timer = timers.setTimeout(send, wait);
    },
    flush() {
      if (timer !== null) timers.clearTimeout(timer);
      send();
    },
    cancel() {
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      waiting = null;
    },
  };
}
