// Runs some of a plan's jobs on a pool and hands back each result with its index in the plan's
// job list, as it arrives. Which jobs run (a shard, the ones an --out file lacks) is the
// caller's choice; the order results arrive in never matters to the tables.
import type { ExperimentJob, ExperimentResult } from '../core/experiments/experiment.ts';
import type { WorkerPool } from '../sim/pool.ts';

export function runJobs(
  pool: WorkerPool,
  jobs: ExperimentJob[],
  indices: number[],
  onResult: (job: number, result: ExperimentResult) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    pool.run(indices.map((i) => jobs[i]), {
      onResult: (result, at) => onResult(indices[at], result),
      onDone: resolve,
      onError: (message) => reject(new Error(message)),
    });
  });
}

/** The jobs of shard I of N: every N-th job from the (I−1)-th, so each shard gets every part of the grid. */
export function shardJobs(total: number, shard: { index: number; count: number } | null): number[] {
  const out: number[] = [];
  for (let i = 0; i < total; i++) if (!shard || i % shard.count === shard.index - 1) out.push(i);
  return out;
}
