// The app's WorkerPool (src/sim/pool.ts) on node:worker_threads: the same queue, one job per
// worker at a time, the same job code in each thread, the same replacement of a thread that
// exits or stops answering (its job runs again, so the table is the one of an undisturbed run).
// Only the worker object is adapted here.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FromExploreWorker, ToExploreWorker } from '../sim/protocol.ts';
import { WorkerPool, type PoolOptions, type PoolWorker } from '../sim/pool.ts';

const BOOT = new URL('./workerBoot.mjs', import.meta.url);
const ENTRY = new URL('./pool.worker.ts', import.meta.url).href;

/** Threads that answered at least one job, by thread id (a check that the work was spread). */
export const threadsUsed = new Set<number>();

class ThreadWorker implements PoolWorker {
  onmessage: ((ev: MessageEvent<FromExploreWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  readonly thread: Worker;
  /** terminated on purpose: its exit is not a fault */
  private ended = false;

  constructor() {
    this.thread = new Worker(BOOT, { workerData: { entry: ENTRY } });
    this.thread.on('message', (data: FromExploreWorker) => {
      if (data.type !== 'ready') threadsUsed.add(this.thread.threadId);
      this.onmessage?.({ data } as MessageEvent<FromExploreWorker>);
    });
    this.thread.on('error', (err: Error) => this.onerror?.({ message: err.message } as ErrorEvent));
    // a thread only ends when told to: any other exit, even with status 0, loses its job
    this.thread.on('exit', (code) => {
      if (!this.ended) this.onerror?.({ message: `the thread exited with status ${code}` } as ErrorEvent);
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

export interface ThreadPoolOptions extends PoolOptions {
  /** each new thread, as it starts (tests stop one to see its job run again) */
  onThread?(thread: Worker): void;
}

/** Progress and notes go to stderr, as every command's do; stdout keeps the table alone. */
const noteOnStderr = (message: string) => process.stderr.write(`note: ${message}\n`);

export function threadPool(size: number, { onThread, ...options }: ThreadPoolOptions = {}): WorkerPool {
  const create = () => {
    const w = new ThreadWorker();
    onThread?.(w.thread);
    return w;
  };
  return new WorkerPool(create, size, { workerName: 'a worker thread', onRetry: noteOnStderr, ...options });
}
