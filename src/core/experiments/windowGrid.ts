// The bistable windows of equiangular β (docs/model.md §7): the intervals where w̄ is a minimum
// inside span(V) (above a β_c root) while the minimum near v_j still exists (below its β_fold),
// so where a neuron ends depends on its start. A linear sweep grid easily steps over them (for
// φ = t³, k = 3 the window (1/4, 0.2612) is narrower than one step of 0.05), so the default
// grids of the β sweep and the phase diagram add points strictly inside each one.
import { averagePointSpanCurvature, betaCriticalRoots } from '../analysis/averagePoint.ts';
import { betaFoldRoots, indexMinimum } from '../analysis/fold.ts';
import type { Kernel } from '../model/kernel.ts';
import { buildModel, type ModelSpec } from '../model/model.ts';

export interface BetaWindow {
  from: number;
  to: number;
}

const WINDOW_CACHE_SIZE = 256;
// a page asks again for every card render and every default grid: the windows depend on the
// kernel and k only, and finding them takes several ms per k
const windowCache = new Map<string, BetaWindow[]>();

/** Every (β_c, β_fold)-type window in [0, 1) of this kernel and k; empty when there is none. */
export function bistableWindows(kernel: Kernel, k: number): BetaWindow[] {
  const key = `${k}|${Array.from(kernel.c).join(',')}`;
  const cached = windowCache.get(key);
  if (cached) return cached.map((w) => ({ ...w }));
  const windows = findWindows(kernel, k);
  if (windowCache.size >= WINDOW_CACHE_SIZE) windowCache.delete(windowCache.keys().next().value!);
  windowCache.set(key, windows.map((w) => ({ ...w })));
  return windows;
}

function findWindows(kernel: Kernel, k: number): BetaWindow[] {
  if (k < 2) return [];
  const cuts = [0, ...betaCriticalRoots(kernel, k), ...betaFoldRoots(kernel, k), 1].sort((a, b) => a - b);
  const out: BetaWindow[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const lo = cuts[i], hi = cuts[i + 1];
    if (!(hi - lo > 1e-9)) continue;
    const mid = 0.5 * (lo + hi);
    // both kinds of minima at once: w̄ curves up inside the span and the branch near v_j exists
    if (!(averagePointSpanCurvature(kernel, k, mid) > 0) || indexMinimum(kernel, k, mid) === null) continue;
    const last = out[out.length - 1];
    if (last && last.to === lo) last.to = hi;
    else out.push({ from: lo, to: hi });
  }
  return out;
}

/**
 * `count` values strictly inside (from, to), evenly placed, each rounded to the coarsest decimal
 * within a quarter of their spacing, so a table prints 0.253, not 0.25280348….
 */
export function pointsInside(w: BetaWindow, count: number): number[] {
  const width = w.to - w.from;
  if (!(width > 0) || count < 1) return [];
  const slack = width / (4 * (count + 1));
  const out: number[] = [];
  for (let i = 1; i <= count; i++) {
    const x = w.from + (width * i) / (count + 1);
    let shown = x;
    for (let digits = 1; digits <= 15; digits++) {
      const r = Number(x.toFixed(digits));
      if (Math.abs(r - x) <= slack) {
        shown = r;
        break;
      }
    }
    if (shown > w.from && shown < w.to && !out.includes(shown)) out.push(shown);
  }
  return out;
}

/** The grid with `perWindow` points added inside every window that lies within [min, max] of the grid, sorted. */
export function withWindowPoints(grid: number[], windows: BetaWindow[], perWindow: number): number[] {
  if (grid.length === 0) return grid;
  const lo = Math.min(...grid), hi = Math.max(...grid);
  const added = windows.flatMap((w) => pointsInside(w, perWindow)).filter((x) => x > lo && x < hi);
  return [...new Set([...grid, ...added])].sort((a, b) => a - b);
}

/** The bistable windows of a model's kernel at each k (the sweep's own β replaces the model's). */
export function windowsOfModel(base: ModelSpec, ks: number[]): BetaWindow[][] {
  const kernel = buildModel({ ...base, k: 1, geom: 'equi', gram: [], beta: 0, n: 1 }).kernel;
  return ks.map((k) => bistableWindows(kernel, k));
}
