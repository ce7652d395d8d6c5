// The speed-up curve of the command line's worker-thread pool: one phase-diagram sweep (the
// CLI's own job list) run with 1, 2, … every core, each pool warmed first so thread start-up
// and compilation are not timed. Jobs per second of wall time, the speed-up against one
// thread, and CPU seconds per wall second (how many cores really worked: the machine may be
// shared, which caps the speed-up below the thread count).
import type { ExperimentResult } from '../core/experiments/experiment.ts';
import { planExperiment } from './experimentPlan.ts';
import { runJobs } from './runJobs.ts';
import { tableOf } from './tables.ts';
import { allCores, threadPool } from './threadPool.ts';

export const BENCH_SWEEP_QUERY = 'k=3&n=200&d=1000&seed=1&sw=phase&swTo=0.6&swPoints=6&swKFrom=2&swKTo=4&swTrials=8';

const round = (x: number) => Number(x.toPrecision(4));

export async function sweepSpeedup(maxWorkers = allCores()) {
  const plan = planExperiment('phase', BENCH_SWEEP_QUERY);
  const all = plan.jobs.map((_, i) => i);
  const curve: { workers: number; seconds: number; jobsPerSecond: number; speedup: number; cpuPerWall: number }[] = [];
  let table = '';
  for (let workers = 1; workers <= maxWorkers; workers++) {
    const pool = threadPool(workers);
    // warm-up: every thread starts, loads the core and runs one job
    await runJobs(pool, plan.jobs, all.slice(0, workers), () => {});
    const results = new Map<number, ExperimentResult>();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await runJobs(pool, plan.jobs, all, (job, r) => results.set(job, r));
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    pool.dispose();
    const jobsPerSecond = plan.jobs.length / seconds;
    curve.push({
      workers,
      seconds: round(seconds),
      jobsPerSecond: round(jobsPerSecond),
      speedup: round(curve.length > 0 ? jobsPerSecond / curve[0].jobsPerSecond : 1),
      cpuPerWall: round((cpu.user + cpu.system) / 1e6 / seconds),
    });
    // every pool size must give the same table, or the speed-up means nothing
    const t = tableOf(plan, results, 'csv');
    if (table !== '' && t !== table) throw new Error(`the table with ${workers} workers differs from the table with 1`);
    table = t;
  }
  return { query: BENCH_SWEEP_QUERY, experiment: 'phase', jobs: plan.jobs.length, cores: allCores(), curve };
}
