// The app's WorkerPool (src/sim/pool.ts) on node:worker_threads: the same queue, one job per
// worker at a time, the same job code in each thread. Only the worker object is adapted here.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FromExploreWorker, ToExploreWorker } from '../sim/protocol.ts';
import { WorkerPool, type PoolWorker } from '../sim/pool.ts';

const BOOT = new URL('./workerBoot.mjs', import.meta.url);
const ENTRY = new URL('./pool.worker.ts', import.meta.url).href;

/** Threads that answered at least one job, by thread id (a check that the work was spread). */
export const threadsUsed = new Set<number>();

class ThreadWorker implements PoolWorker {
  onmessage: ((ev: MessageEvent<FromExploreWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  private readonly thread: Worker;
  /** terminated on purpose: its exit is not a crash */
  private ended = false;

  constructor() {
    this.thread = new Worker(BOOT, { workerData: { entry: ENTRY } });
    this.thread.on('message', (data: FromExploreWorker) => {
      threadsUsed.add(this.thread.threadId);
      this.onmessage?.({ data } as MessageEvent<FromExploreWorker>);
    });
    this.thread.on('error', (err: Error) => this.onerror?.({ message: err.message } as ErrorEvent));
    this.thread.on('exit', (code) => {
      if (code !== 0 && !this.ended) this.onerror?.({ message: `worker thread exited with status ${code}` } as ErrorEvent);
    });
  }

  postMessage(msg: ToExploreWorker): void {
    this.thread.postMessage(msg);
  }

  terminate(): void {
    this.ended = true;
    void this.thread.terminate();
  }
}

/** Every core of this machine (os.availableParallelism), the default of --jobs. */
export function allCores(): number {
  return Math.max(1, availableParallelism());
}

export function threadPool(size: number): WorkerPool {
  return new WorkerPool(() => new ThreadWorker(), size);
}
