// The app's explore runners and the command line drive the same experiment: they must post the
// same jobs (same points, same seeds) to their pools and fold the answers into the same rows.
// Both drivers run here against pools whose workers answer in a shuffled order, in this thread
// (the job code is the workers' own, src/sim/exploreJobs.ts); one run goes through real threads.
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ExperimentJob, ExperimentResult } from '../core/experiments/experiment.ts';
import { sweepConfigOf } from '../core/experiments/sweepSettings.ts';
import { sweepValuesOfKeys } from '../url/sweepKeys.ts';
import type { SweepKind } from '../core/experiments/sweeps.ts';
import { runExploreJob } from '../sim/exploreJobs.ts';
import { WorkerPool, type PoolWorker } from '../sim/pool.ts';
import type { FromExploreWorker, ToExploreWorker } from '../sim/protocol.ts';
import { BasinRunner, type BasinView } from '../ui/explore/basinRunner.ts';
import { SweepRunner, type SweepView } from '../ui/explore/sweepRunner.ts';
import { decode, modelSpecOf } from '../url/codec.ts';
import { planExperiment, type Experiment } from './experimentPlan.ts';
import { runJobs } from './runJobs.ts';
import { sweepRowsOfResults, tableOf } from './tables.ts';
import { threadPool, threadsUsed } from './threadPool.ts';

/** A worker that runs the real job code after a pseudo-random delay, and notes what it was given. */
function recordingPool(size: number, posted: ExperimentJob[]): WorkerPool {
  let tick = 7;
  return new WorkerPool((): PoolWorker => {
    const w: PoolWorker = {
      onmessage: null,
      onerror: null,
      postMessage(msg: ToExploreWorker) {
        posted.push(msg.job);
        tick = (tick * 31 + 11) % 17;
        setTimeout(() => {
          const data: FromExploreWorker = { type: 'result', jobId: msg.jobId, result: runExploreJob(msg.job), computeMs: 0 };
          w.onmessage?.({ data } as MessageEvent<FromExploreWorker>);
        }, tick);
      },
      terminate() {},
    };
    return w;
  }, size);
}

const byJob = (a: ExperimentJob, b: ExperimentJob) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** The app's path: the link's keys → the form's values → the card's configuration → SweepRunner. */
function appSweep(kind: SweepKind, query: string, posted: ExperimentJob[]): Promise<SweepView> {
  const { params } = decode(query);
  const base = modelSpecOf(params);
  const { config } = sweepConfigOf(kind, base, sweepValuesOfKeys(kind, base, params));
  return new Promise((resolve, reject) => {
    const runner = new SweepRunner(() => recordingPool(3, posted), (v) => {
      if (v.status === 'done') resolve(v);
      if (v.status === 'error') reject(new Error(v.message));
    });
    runner.start(config);
  });
}

async function cliRun(experiment: Experiment, query: string, posted: ExperimentJob[], cells?: number) {
  const plan = planExperiment(experiment, query, {}, cells);
  const results = new Map<number, ExperimentResult>();
  const pool = recordingPool(2, posted);
  await runJobs(pool, plan.jobs, plan.jobs.map((_, i) => i), (job, r) => results.set(job, r));
  return { plan, results };
}

const CASES: [SweepKind, string][] = [
  ['beta', 'k=3&n=12&d=200&seed=5&sw=beta&swTo=0.4&swPoints=3&swTrials=2'],
  ['coupon', 'k=3&d=100&seed=2&sw=coupon&swK=2&swUpTo=1.5&swTrials=3'],
  ['escape', 'k=2&p=4&seed=3&sw=escape&swDFrom=100&swDTo=1000&swPoints=2&swTrials=2&swN=8'],
  ['phase', 'k=3&n=8&d=100&sw=phase&swTo=0.5&swPoints=3&swKFrom=2&swKTo=3&swTrials=2'],
];

describe('the app and the command line drive each sweep alike', () => {
  for (const [kind, query] of CASES) {
    it(`${kind}: same jobs, same seeds, same rows`, async () => {
      const appJobs: ExperimentJob[] = [];
      const cliJobs: ExperimentJob[] = [];
      const app = await appSweep(kind, query, appJobs);
      const { plan, results } = await cliRun(kind, query, cliJobs);
      expect(plan.jobs.length).toBeGreaterThan(3);
      expect(cliJobs.slice().sort(byJob)).toEqual(appJobs.slice().sort(byJob));
      expect(cliJobs).toHaveLength(plan.jobs.length);
      const seeds = cliJobs.map((j) => (j.kind === 'sweep' ? `${j.job.point}:${j.job.spec.seed + j.job.trial}` : ''));
      expect(new Set(seeds).size).toBe(cliJobs.length);
      expect(sweepRowsOfResults(plan, results)).toEqual(app.rows);
      // the CLI's CSV rows are the app's CSV rows
      expect(tableOf(plan, results, 'csv').replace(/^#.*\n/gm, '')).toBe((await import('../core/experiments/sweeps.ts')).sweepCsv(kind, app.rows));
    }, 60000);
  }

  it('basin: same slices, same fate of every cell', async () => {
    const query = 'k=3&beta=0.3&p=3';
    const appJobs: ExperimentJob[] = [];
    const cliJobs: ExperimentJob[] = [];
    const app = await new Promise<BasinView>((resolve) => {
      const runner = new BasinRunner(() => recordingPool(3, appJobs), (v) => v.status === 'done' && resolve(v), 2400);
      runner.start(modelSpecOf(decode(query).params), 2400);
    });
    const { plan, results } = await cliRun('basin', query, cliJobs, 2400);
    expect(cliJobs.length).toBeGreaterThan(1);
    expect(cliJobs.slice().sort(byJob)).toEqual(appJobs.slice().sort(byJob));
    const json = JSON.parse(tableOf(plan, results, 'json'));
    expect(json.codes).toEqual(Array.from(app.codes));
    expect(json.counts).toEqual(app.counts);
    // β = 0.3 > β_c = 1/4: the average is a minimum and catches part of the sphere
    expect(json.counts.average).toBeGreaterThan(0);
  }, 60000);
});

describe('the worker-thread pool', () => {
  it('spreads jobs over its threads and gives the rows of a run in this thread', async () => {
    const plan = planExperiment('phase', 'k=3&n=20&d=1000&sw=phase&swTo=0.5&swPoints=3&swKFrom=2&swKTo=3&swTrials=2');
    const threaded = new Map<number, ExperimentResult>();
    threadsUsed.clear();
    const pool = threadPool(2);
    await runJobs(pool, plan.jobs, plan.jobs.map((_, i) => i), (job, r) => threaded.set(job, r));
    pool.dispose();
    expect(threadsUsed.size).toBe(2);
    const local = new Map(plan.jobs.map((job, i) => [i, runExploreJob(job)] as const));
    expect(tableOf(plan, threaded, 'csv')).toBe(tableOf(plan, local, 'csv'));
  }, 120000);

  it('a thread killed mid-sweep is replaced and its job run again: the table of an undisturbed run', async () => {
    const plan = planExperiment('phase', 'k=3&n=20&d=1000&sw=phase&swTo=0.5&swPoints=3&swKFrom=2&swKTo=3&swTrials=2');
    const threads: Worker[] = [];
    const retries: string[] = [];
    const pool = threadPool(2, { onThread: (t) => threads.push(t), onRetry: (m) => retries.push(m) });
    const threaded = new Map<number, ExperimentResult>();
    let killed = false;
    await runJobs(pool, plan.jobs, plan.jobs.map((_, i) => i), (job, r) => {
      threaded.set(job, r);
      // once the answering thread has its next job, both are busy: stop the first one
      if (!killed) {
        killed = true;
        queueMicrotask(() => void threads[0].terminate());
      }
    });
    pool.dispose();
    expect(threads).toHaveLength(3);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatch(/^a worker thread crashed: the thread exited with status 1; the run at β = [\d.]+, k = \d with seed \d runs again on a new worker$/);
    const local = new Map(plan.jobs.map((job, i) => [i, runExploreJob(job)] as const));
    expect(tableOf(plan, threaded, 'csv')).toBe(tableOf(plan, local, 'csv'));
  }, 120000);
});
