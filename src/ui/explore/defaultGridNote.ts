// The β and phase cards' sentence on their default grid and why it is so: prose for the page,
// built from the core's grid (core/experiments/sweepSettings.ts, windowGrid.ts).
import { betaCriticalCurve, linearGrid, type SweepKind } from '../../core/experiments/sweeps.ts';
import { sweepConfigOf, sweepFields, type SweepValues } from '../../core/experiments/sweepSettings.ts';
import { windowsOfModel } from '../../core/experiments/windowGrid.ts';
import type { ModelSpec } from '../../core/model/model.ts';

const short = (x: number) => String(Number(x.toFixed(3)));

/**
 * What the default grid of a β or phase sweep is and why, for the sweep's card; null for the
 * other kinds (their grids need no reason beyond their fields).
 */
export function defaultGridNote(kind: SweepKind, base: ModelSpec): string | null {
  const fields = sweepFields(kind, base);
  const values: SweepValues = Object.fromEntries(fields.map((field) => [field.name, field.value]));
  const { config } = sweepConfigOf(kind, { ...base, T: 0 }, values);
  if (kind === 'beta') {
    const linear = linearGrid(values.from, values.to, values.points);
    const added = config.xs.filter((x) => !linear.includes(x));
    const windows = windowsOfModel(config.base, [config.base.k])[0];
    const head = `Default grid: ${values.points} points from ${values.from} to ${values.to}`;
    if (windows.length === 0) return `${head}; this kernel at k = ${config.base.k} has no window (β_c, β_fold) where both kinds of minima exist.`;
    const list = windows.map((w) => `(${short(w.from)}, ${short(w.to)})`).join(', ');
    return `${head}, plus β = ${added.join(', ')} inside the window${windows.length > 1 ? 's' : ''} ${list} between β_c and β_fold, where the start decides and a step of ${short(linear[1] - linear[0])} would step over it. A grid you type is run as typed.`;
  }
  if (kind === 'phase') {
    const step = short(values.to / (values.points - 1));
    const windows = windowsOfModel(config.base, config.ks).filter((w) => w.length > 0).length;
    const bcs = betaCriticalCurve(config.base, config.ks).filter(Number.isFinite);
    const gap = Math.min(...bcs.slice(1).map((b, i) => Math.abs(b - bcs[i])));
    const finer = Number.isFinite(gap) && values.to / (values.points - 1) < gap ? ', finer than the distance between β_c(k) of neighbouring k' : '';
    return `Default grid: β in steps of ${step} from 0 to ${values.to}${finer}${windows > 0 ? `, plus one β inside each k's window (β_c(k), β_fold(k)) (${windows} of them)` : ''}, so both curves fall between cells that differ; ${values.trials} trials × n = ${values.n} per cell. A grid you type is run as typed.`;
  }
  return null;
}
