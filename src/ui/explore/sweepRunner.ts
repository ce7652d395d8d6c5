// One sweep at a time per plot: cut into jobs, run on the pool, merged one small result at a
// time. Finished sweeps are kept in a cache keyed by their canonical parameters, so running the
// same configuration again is instant.
import { planSweep, sweepRowsOf } from '../../core/experiments/experiment.ts';
import type { Problem } from '../../core/model/model.ts';
import {
  addTrial, emptyPointStats, MAX_SWEEP_JOBS, sgdSweepRefusal, sweepKey, sweepRow,
  type PointStats, type SweepConfig, type SweepPoint, type SweepRowOut, type TrialResult,
} from '../../core/experiments/sweeps.ts';
import type { BatchHandle, WorkerPool } from '../../sim/pool.ts';

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SweepView {
  status: SweepStatus;
  config: SweepConfig | null;
  points: SweepPoint[];
  rows: SweepRowOut[];
  done: number;
  total: number;
  problems: Problem[];
  /** what went wrong (status error) */
  message: string;
  /** the result came from the cache */
  cached: boolean;
  elapsedMs: number;
  /** bumped on every change, for redraw polling */
  version: number;
}

const cache = new Map<string, SweepView>();
const MAX_CACHED = 50;

export function emptySweepView(): SweepView {
  return { status: 'idle', config: null, points: [], rows: [], done: 0, total: 0, problems: [], message: '', cached: false, elapsedMs: 0, version: 0 };
}

export class SweepRunner {
  view: SweepView = emptySweepView();
  private handle: BatchHandle | null = null;
  private stats: PointStats[] = [];

  constructor(
    private readonly pool: () => WorkerPool,
    private readonly onChange: (view: SweepView) => void,
  ) {}

  start(config: SweepConfig): void {
    this.stop();
    const version = this.view.version + 1;
    const key = sweepKey(config);
    const hit = cache.get(key);
    if (hit) {
      this.set({ ...hit, cached: true, version });
      return;
    }
    // the job list and the final rows are core/experiments/experiment.ts's, as on the command line
    const { points, problems, jobs } = planSweep(config);
    // online SGD: the whole sweep is estimated before it starts and refused with the number, as a live run is
    const tooMuch = jobs.length > 0 ? sgdSweepRefusal(config, points) : null;
    if (jobs.length === 0 || jobs.length > MAX_SWEEP_JOBS || tooMuch) {
      const message = jobs.length === 0 ? 'no grid point could be run' : tooMuch ?? `${jobs.length} runs is more than the limit of ${MAX_SWEEP_JOBS}: use fewer points or trials`;
      this.set({ ...emptySweepView(), status: 'error', config, problems, message, version });
      return;
    }
    this.stats = points.map(() => emptyPointStats());
    const rows = points.map((p, i) => sweepRow(config, p, this.stats[i]));
    const started = performance.now();
    this.set({ status: 'running', config, points, rows, done: 0, total: jobs.length, problems, message: '', cached: false, elapsedMs: 0, version });
    const results: TrialResult[] = [];
    this.handle = this.pool().run(
      jobs,
      {
        onResult: (result) => {
          if (result.kind !== 'sweep') return;
          const r = result.result;
          results.push(r);
          const s = this.stats[r.point];
          addTrial(s, r);
          const v = this.view;
          v.rows[r.point] = sweepRow(config, points[r.point], s);
          v.done++;
          v.elapsedMs = performance.now() - started;
          v.version++;
          this.onChange(v);
        },
        onDone: () => {
          this.handle = null;
          // live rows follow arrival order; the finished ones are folded in job order
          const rows = sweepRowsOf(config, points, results);
          const finished = { ...this.view, rows, status: 'done' as const, elapsedMs: performance.now() - started, version: this.view.version + 1 };
          if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
          cache.set(key, { ...finished, rows: [...finished.rows] });
          this.set(finished);
        },
        onError: (message) => {
          this.handle = null;
          this.set({ ...this.view, status: 'error', message, version: this.view.version + 1 });
        },
      },
    );
  }

  cancel(): void {
    if (!this.handle) return;
    this.stop();
    this.set({ ...this.view, status: 'cancelled', version: this.view.version + 1 });
  }

  dispose(): void {
    this.stop();
  }

  private stop(): void {
    this.handle?.cancel();
    this.handle = null;
  }

  private set(view: SweepView): void {
    this.view = view;
    this.onChange(view);
  }
}
