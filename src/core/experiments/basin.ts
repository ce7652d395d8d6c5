// Basin map at d = 3: every point x of an equal-area grid on S² is a starting neuron, flowed
// with the one integrator to the end, and coded by where it ended (0..k−1 index vector j,
// k the average, k+1 anything else). In d = 3 the Cholesky basis of span(V) is the whole
// space, so the overlaps of x are u = L x (u_j = v_j·x, v_j = row j of L).
import { fateCode } from '../outcomes/classify.ts';
import { autoEndTime, buildModel, normalizeSpec, type Model, type ModelSpec, type Problem } from '../model/model.ts';
import { classifyOptionsOf } from '../outcomes/run.ts';
import { createDynamics } from '../dynamics/factory.ts';
import { dynamicsKind } from '../dynamics/kind.ts';
import { experimentSpec } from './dynamicsPolicy.ts';

/** The dimension of the basin map: the sphere is drawn as it is. */
const BASIN_D = 3;
export const MAX_BASIN_POINTS = 200000;
export const DEFAULT_BASIN_POINTS = 10000;

/**
 * An equal-area grid: rows uniform in z (Archimedes: equal z-bands have equal area) and
 * columns uniform in longitude, so every cell has area 4π/(rows·cols). cols ≈ π·rows keeps
 * the cells near the equator roughly square.
 */
export interface BasinGrid {
  rows: number;
  cols: number;
}

export function basinGrid(points: number): BasinGrid {
  const p = Math.max(8, Math.min(MAX_BASIN_POINTS, Math.round(points)));
  const rows = Math.max(2, Math.ceil(Math.sqrt(p / Math.PI)));
  return { rows, cols: Math.max(4, Math.ceil(p / rows)) };
}

export function gridSize(g: BasinGrid): number {
  return g.rows * g.cols;
}

/** Centre of cell i (row-major, row 0 at the north pole z = 1) into out[o..o+3). */
export function gridPoint(g: BasinGrid, i: number, out: Float64Array, o = 0): void {
  const r = Math.floor(i / g.cols);
  const c = i - r * g.cols;
  const z = 1 - (2 * r + 1) / g.rows;
  const rho = Math.sqrt(Math.max(0, 1 - z * z));
  const lon = (2 * Math.PI * (c + 0.5)) / g.cols;
  out[o] = rho * Math.cos(lon);
  out[o + 1] = rho * Math.sin(lon);
  out[o + 2] = z;
}

/**
 * The spec the basin map runs: the user's model at d = 3 with the automatic end time. The grid
 * replaces the random starts, so n and seed do not matter and are fixed (equal maps, equal specs).
 */
export function basinSpec(spec: ModelSpec): { spec: ModelSpec; problems: Problem[] } {
  const problems: Problem[] = [];
  if (spec.k > BASIN_D) {
    problems.push({ key: 'k', message: `the basin map lives on S² (d = 3), which holds at most 3 index vectors, not k = ${spec.k}`, used: 'no map' });
    return { spec, problems };
  }
  const out = normalizeSpec({ ...spec, d: BASIN_D, T: 0, n: 1, seed: 0 });
  // one start alone has a fate only where neurons move alone: the map runs what the policy says
  const mapped = experimentSpec('basin', out.spec, dynamicsKind(out.spec)).spec;
  return { spec: mapped, problems: [...problems, ...out.problems] };
}

/** Overlaps u = L x of the grid cells [from, from+count) for the model's geometry (k ≤ 3). */
export function basinStarts(model: Model, g: BasinGrid, from: number, count: number, out: Float64Array): Float64Array {
  const { k, chol: L } = model.geometry;
  const x = new Float64Array(3);
  for (let i = 0; i < count; i++) {
    gridPoint(g, from + i, x);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let m = 0; m <= j && m < 3; m++) s += L[j * k + m] * x[m];
      out[i * k + j] = s;
    }
  }
  return out;
}

export interface BasinSlice {
  from: number;
  /** fate code of each cell of the slice */
  codes: Uint8Array;
  rhsEvals: number;
  failed: number;
}

/**
 * Flows the cells [from, from+count) of the grid to the end time and codes their fates.
 * `spec` must come from basinSpec (d = 3, k ≤ 3).
 */
export function basinSlice(spec: ModelSpec, g: BasinGrid, from: number, count: number): BasinSlice {
  if (spec.d !== BASIN_D || spec.k > BASIN_D) throw new Error(`basin map needs d = 3 and k ≤ 3 (got d = ${spec.d}, k = ${spec.k})`);
  const total = gridSize(g);
  const start = Math.max(0, Math.min(total, from));
  const n = Math.max(0, Math.min(total - start, count));
  const codes = new Uint8Array(n);
  if (n === 0) return { from: start, codes, rhsEvals: 0, failed: 0 };
  const model = buildModel({ ...spec, n });
  const { k } = spec;
  const u0 = basinStarts(model, g, start, n, new Float64Array(n * k));
  const flow = createDynamics(model, u0);
  const u = new Float64Array(n * k);
  flow.advanceTo(autoEndTime(model.kernel, BASIN_D), u);
  const opt = classifyOptionsOf(model);
  let failed = 0;
  for (let i = 0; i < n; i++) {
    codes[i] = flow.failed[i] === 1 ? k + 1 : fateCode(u, i * k, opt);
    failed += flow.failed[i];
  }
  return { from: start, codes, rhsEvals: flow.stats.rhsEvals, failed };
}

export interface BasinCounts {
  /** grid cells flowing to each index vector */
  index: number[];
  average: number;
  other: number;
}

export function basinCounts(codes: ArrayLike<number>, k: number, count = codes.length): BasinCounts {
  const index = new Array<number>(k).fill(0);
  let average = 0, other = 0;
  for (let i = 0; i < count; i++) {
    const c = codes[i];
    if (c < k) index[c]++;
    else if (c === k) average++;
    else other++;
  }
  return { index, average, other };
}

/** Slices of at most `size` cells covering the grid, for spreading one map over workers. */
export function basinSlices(g: BasinGrid, size: number): { from: number; count: number }[] {
  const total = gridSize(g);
  const step = Math.max(1, Math.floor(size));
  const out: { from: number; count: number }[] = [];
  for (let from = 0; from < total; from += step) out.push({ from, count: Math.min(step, total - from) });
  return out;
}
