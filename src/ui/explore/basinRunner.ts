// The basin map of the current model: split into slices over the pool, filled in as slices
// return, cached per (model, grid size). A new model cancels the map in progress.
import { basinCounts, basinGrid, basinSpec, gridSize, type BasinCounts, type BasinGrid } from '../../core/experiments/basin.ts';
import { basinJobs, PENDING_CELL } from '../../core/experiments/experiment.ts';
import type { ModelSpec, Problem } from '../../core/model/model.ts';
import type { BatchHandle, WorkerPool } from '../../sim/pool.ts';

/** Code of a cell whose slice has not come back yet. */
export const PENDING = PENDING_CELL;

export interface BasinView {
  status: 'idle' | 'running' | 'done' | 'unavailable' | 'error';
  spec: ModelSpec | null;
  grid: BasinGrid;
  codes: Uint8Array;
  counts: BasinCounts | null;
  done: number;
  total: number;
  problems: Problem[];
  message: string;
  elapsedMs: number;
  version: number;
}

const cache = new Map<string, BasinView>();
const MAX_CACHED = 12;

export class BasinRunner {
  view: BasinView;
  private handle: BatchHandle | null = null;
  private runningKey = '';

  constructor(
    private readonly pool: () => WorkerPool,
    private readonly onChange: (view: BasinView) => void,
    points: number,
  ) {
    const grid = basinGrid(points);
    this.view = { status: 'idle', spec: null, grid, codes: new Uint8Array(gridSize(grid)).fill(PENDING), counts: null, done: 0, total: 0, problems: [], message: '', elapsedMs: 0, version: 0 };
  }

  start(input: ModelSpec, points: number): void {
    const grid = basinGrid(points);
    const { spec, problems } = basinSpec(input);
    const key = JSON.stringify([spec, grid]);
    // a change that does not alter the map (n, d, seed, view settings) leaves the map running
    if (this.handle && key === this.runningKey) return;
    this.handle?.cancel();
    this.handle = null;
    this.runningKey = key;
    const version = this.view.version + 1;
    if (problems.some((p) => p.key === 'k')) {
      this.set({ ...this.view, status: 'unavailable', spec: null, problems, message: problems[0].message, version });
      return;
    }
    const hit = cache.get(key);
    if (hit) {
      this.set({ ...hit, version });
      return;
    }
    const total = gridSize(grid);
    const codes = new Uint8Array(total).fill(PENDING);
    // the command line's job list too (core/experiments/experiment.ts): fixed slices, whatever the pool size
    const jobs = basinJobs(spec, grid);
    const started = performance.now();
    this.set({ status: 'running', spec, grid, codes, counts: null, done: 0, total: jobs.length, problems, message: '', elapsedMs: 0, version });
    this.handle = this.pool().run(
      jobs,
      {
        onResult: (result) => {
          if (result.kind !== 'basin') return;
          codes.set(result.codes, result.from);
          const v = this.view;
          v.done++;
          v.version++;
          v.elapsedMs = performance.now() - started;
          this.onChange(v);
        },
        onDone: () => {
          this.handle = null;
          const finished: BasinView = { ...this.view, status: 'done', counts: basinCounts(codes, spec.k), elapsedMs: performance.now() - started, version: this.view.version + 1 };
          if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
          cache.set(key, finished);
          this.set(finished);
        },
        onError: (message) => {
          this.handle = null;
          this.set({ ...this.view, status: 'error', message, version: this.view.version + 1 });
        },
      },
    );
  }

  dispose(): void {
    this.handle?.cancel();
    this.handle = null;
  }

  private set(view: BasinView): void {
    this.view = view;
    this.onChange(view);
  }
}
