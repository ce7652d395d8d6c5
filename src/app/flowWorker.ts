import type { WorkerLike } from '../sim/client.ts';

/** A new flow worker (src/sim/flow.worker.ts) as the bundler builds it. */
export function createFlowWorker(): WorkerLike {
  return new Worker(new URL('../sim/flow.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}
