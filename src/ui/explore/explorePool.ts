// The page's one explore pool, started on first use and sized to the machine.
import { poolSize, WorkerPool, type PoolWorker } from '../../sim/pool.ts';

let pool: WorkerPool | null = null;

function createExploreWorker(): PoolWorker {
  return new Worker(new URL('../../sim/explore.worker.ts', import.meta.url), { type: 'module' }) as unknown as PoolWorker;
}

export function getExplorePool(): WorkerPool {
  if (!pool) pool = new WorkerPool(createExploreWorker, poolSize(typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency));
  return pool;
}
