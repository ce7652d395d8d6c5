import { describe, expect, it } from 'vitest';
import { runExploreJob } from './exploreJobs.ts';
import { poolSize, WorkerPool, type PoolWorker } from './pool.ts';
import type { ExploreJob, ExploreResult, FromExploreWorker, ToExploreWorker } from './protocol.ts';
import { basinGrid, basinSpec } from '../core/experiments/basin.ts';
import type { ModelSpec } from '../core/model/model.ts';
import { ManualTimers } from './manualTimers.ts';
import { FLOOR_MS, SLACK } from './supervisor.ts';

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

/**
 * A worker that says it is ready, answers with the real job code (its computeMs as given), and
 * goes silent for good from its `silentFrom`-th job on, or on every job of a trial in `silentOn`.
 */
class ScriptedWorker implements PoolWorker {
  onmessage: ((ev: MessageEvent<FromExploreWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  received = 0;
  terminated = false;
  constructor(
    private readonly silentFrom = Infinity,
    private readonly silentOn = new Set<number>(),
    private readonly computeMs = (job: ExploreJob) => (job.kind === 'basin' ? job.count : 1),
  ) {
    queueMicrotask(() => this.onmessage?.({ data: { type: 'ready' } } as MessageEvent<FromExploreWorker>));
  }
  postMessage(msg: ToExploreWorker): void {
    if (++this.received >= this.silentFrom) return;
    if (msg.job.kind === 'sweep' && this.silentOn.has(msg.job.job.trial)) return;
    setTimeout(() => {
      const data: FromExploreWorker = { type: 'result', jobId: msg.jobId, result: runExploreJob(msg.job), computeMs: this.computeMs(msg.job) };
      this.onmessage?.({ data } as MessageEvent<FromExploreWorker>);
    }, 0);
  }
  terminate(): void {
    this.terminated = true;
  }
}

/** Lets the workers' replies (real timers) land until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(done()).toBe(true);
}

function watchedBatch(pool: WorkerPool, jobs: ExploreJob[]) {
  const state = { results: [] as [number, ExploreResult][], done: false, error: '' };
  pool.run(jobs, {
    onResult: (r, i) => state.results.push([i, r]),
    onDone: () => (state.done = true),
    onError: (m) => (state.error = m),
  });
  return state;
}

describe('worker pool: a worker that stops answering', () => {
  it('is replaced after the bound and its job runs again on a fresh worker: the same results', async () => {
    const timers = new ManualTimers();
    const made: ScriptedWorker[] = [];
    const retries: string[] = [];
    const pool = new WorkerPool(() => {
      const w = new ScriptedWorker(made.length === 0 ? 2 : Infinity);
      made.push(w);
      return w;
    }, 2, { timers, onRetry: (m) => retries.push(m) });
    const jobs = sweepJobsOf(6);
    const batch = watchedBatch(pool, jobs);
    // the first worker answered one job and went silent on its second; the other did the rest
    await until(() => batch.results.length === 5);
    expect(made).toHaveLength(2);
    timers.advance(FLOOR_MS - 1);
    expect(retries).toEqual([]);
    timers.advance(1);
    expect(made[0].terminated).toBe(true);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatch(/^an explore worker did not answer for 4 s; the run at β = 0\.2 with seed \d runs again on a new worker$/);
    await until(() => batch.done);
    expect(batch.error).toBe('');
    expect(batch.results.map(([i]) => i).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [i, r] of batch.results) expect(r).toEqual(runExploreJob(jobs[i]));
    pool.dispose();
  });

  it('a job that loses its worker twice fails its batch, naming the job', async () => {
    const timers = new ManualTimers();
    let made = 0;
    const pool = new WorkerPool(() => (made++, new ScriptedWorker(Infinity, new Set([2]))), 1, { timers });
    const batch = watchedBatch(pool, sweepJobsOf(4));
    await until(() => batch.results.length === 2);
    timers.advance(FLOOR_MS);
    expect(made).toBe(2);
    await until(() => timers.pending > 0); // the new worker is ready and holds the job
    timers.advance(FLOOR_MS);
    expect(batch.error).toBe('the run at β = 0.2 with seed 3 lost its worker twice (an explore worker did not answer for 4 s)');
    expect(batch.done).toBe(false);
    pool.dispose();
  });

  it('a worker that crashes once costs nothing but the rerun of its job', async () => {
    let crashed = false;
    const pool = new WorkerPool(() => {
      const w = new ScriptedWorker();
      const post = w.postMessage.bind(w);
      w.postMessage = (msg) => {
        if (!crashed && msg.job.kind === 'sweep' && msg.job.job.trial === 1) {
          crashed = true;
          setTimeout(() => w.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent), 0);
        } else post(msg);
      };
      return w;
    }, 2, { timers: new ManualTimers() });
    const jobs = sweepJobsOf(4);
    const batch = watchedBatch(pool, jobs);
    await until(() => batch.done);
    expect(crashed).toBe(true);
    for (const [i, r] of batch.results) expect(r).toEqual(runExploreJob(jobs[i]));
    pool.dispose();
  });

  it('nothing bounds work before some of its class has answered here (nothing measured predicts it)', async () => {
    const timers = new ManualTimers();
    const pool = new WorkerPool(() => new ScriptedWorker(1), 1, { timers });
    const batch = watchedBatch(pool, sweepJobsOf(2));
    await until(() => timers.pending === 0);
    timers.advance(3_600_000);
    expect(batch.error).toBe('');
    pool.dispose();
  });

  it('a later batch of the same class is bounded from its first job, by what the earlier one measured', async () => {
    const timers = new ManualTimers();
    let made = 0;
    // the first worker answers two jobs, then is silent
    const pool = new WorkerPool(() => new ScriptedWorker(made++ === 0 ? 3 : Infinity), 1, { timers });
    const first = watchedBatch(pool, sweepJobsOf(2));
    await until(() => first.done);
    const second = watchedBatch(pool, sweepJobsOf(1));
    await until(() => timers.pending === 1);
    timers.advance(FLOOR_MS);
    expect(made).toBe(2);
    await until(() => second.done);
    pool.dispose();
  });

  it('the bound is SLACK times what the batch has measured per unit of work, times the job’s units', async () => {
    const timers = new ManualTimers();
    const { spec } = basinSpec(SPEC);
    const grid = basinGrid(2000);
    // 1 ms per cell measured on a slice of 100; the next slice has 1000 cells and never answers
    const made: ScriptedWorker[] = [];
    const pool = new WorkerPool(() => {
      const w = new ScriptedWorker(2);
      made.push(w);
      return w;
    }, 1, { timers });
    const batch = watchedBatch(pool, [{ kind: 'basin', spec, grid, from: 0, count: 100 }, { kind: 'basin', spec, grid, from: 100, count: 1000 }]);
    await until(() => batch.results.length === 1 && timers.pending === 1);
    timers.advance(SLACK * 1000 - 1);
    expect(made).toHaveLength(1);
    timers.advance(1);
    expect(made).toHaveLength(2);
    pool.dispose();
  });
});
