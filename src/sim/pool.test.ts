import { describe, expect, it } from 'vitest';
import { runExploreJob } from './exploreJobs.ts';
import { poolSize, WorkerPool, type PoolWorker } from './pool.ts';
import type { ExploreJob, ExploreResult, FromExploreWorker, ToExploreWorker } from './protocol.ts';
import { basinGrid, basinSpec } from '../core/experiments/basin.ts';
import type { ModelSpec } from '../core/model/model.ts';

const SPEC: ModelSpec = {
  k: 3, n: 20, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
};

/** A worker that answers on a later tick with the real job code; counts what it was given. */
class FakeWorker implements PoolWorker {
  static alive = 0;
  static terminated = 0;
  onmessage: ((ev: MessageEvent<FromExploreWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  constructor(private readonly crashOn = -1) {
    FakeWorker.alive++;
  }
  postMessage(msg: ToExploreWorker): void {
    setTimeout(() => {
      if (msg.job.kind === 'sweep' && msg.job.job.trial === this.crashOn) {
        this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
        return;
      }
      const result = runExploreJob(msg.job);
      this.onmessage?.({ data: { type: 'result', jobId: msg.jobId, result, computeMs: 0 } } as MessageEvent<FromExploreWorker>);
    }, 0);
  }
  terminate(): void {
    FakeWorker.alive--;
    FakeWorker.terminated++;
  }
}

const sweepJobsOf = (trials: number): ExploreJob[] =>
  Array.from({ length: trials }, (_, t) => ({ kind: 'sweep', job: { kind: 'beta', point: 0, trial: t, spec: SPEC } }) as ExploreJob);

function collect(pool: WorkerPool, jobs: ExploreJob[]) {
  return new Promise<{ results: [number, ExploreResult][]; error?: string }>((resolve) => {
    const results: [number, ExploreResult][] = [];
    pool.run(jobs, {
      onResult: (r, i) => results.push([i, r]),
      onDone: () => resolve({ results }),
      onError: (message) => resolve({ results, error: message }),
    });
  });
}

describe('worker pool', () => {
  it('sizes itself to the machine, one core spared, between 1 and 8', () => {
    expect(poolSize(undefined)).toBe(1);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(NaN)).toBe(1);
    expect(poolSize(1)).toBe(1);
    expect(poolSize(2)).toBe(1);
    expect(poolSize(4)).toBe(3);
    expect(poolSize(64)).toBe(8);
  });

  it('runs every job once on at most `size` workers, with the same numbers as in-thread', async () => {
    const pool = new WorkerPool(() => new FakeWorker(), 3);
    const jobs = sweepJobsOf(7);
    const { results, error } = await collect(pool, jobs);
    expect(error).toBeUndefined();
    expect(pool.workers).toBe(3);
    expect(results.map(([i]) => i).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const [i, r] of results) expect(r).toEqual(runExploreJob(jobs[i]));
    pool.dispose();
  });

  it('carries basin slices', async () => {
    const pool = new WorkerPool(() => new FakeWorker(), 2);
    const { spec } = basinSpec(SPEC);
    const grid = basinGrid(200);
    const { results } = await collect(pool, [{ kind: 'basin', spec, grid, from: 0, count: 50 }, { kind: 'basin', spec, grid, from: 50, count: 50 }]);
    expect(results.map(([, r]) => (r.kind === 'basin' ? r.codes.length : -1))).toEqual([50, 50]);
    pool.dispose();
  });

  it('cancel drops queued jobs and replaces busy workers; later batches still run', async () => {
    FakeWorker.terminated = 0;
    const pool = new WorkerPool(() => new FakeWorker(), 2);
    let seen = 0;
    let finished = false;
    const h = pool.run(sweepJobsOf(10), { onResult: () => seen++, onDone: () => (finished = true), onError: () => {} });
    h.cancel();
    const { results } = await collect(pool, sweepJobsOf(2));
    expect(results).toHaveLength(2);
    expect(seen).toBe(0);
    expect(finished).toBe(false);
    expect(FakeWorker.terminated).toBe(2);
    pool.dispose();
  });

  it('a crashing worker fails its batch with a message and is replaced', async () => {
    const pool = new WorkerPool(() => new FakeWorker(1), 1);
    const { error } = await collect(pool, sweepJobsOf(3));
    expect(error).toMatch(/crashed: boom/);
    const again = await collect(pool, sweepJobsOf(1));
    expect(again.results).toHaveLength(1);
    pool.dispose();
  });
});
