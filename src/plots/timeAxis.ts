// The shared log-time axis of the history plots: from the clock's floor to the run's end.
import type uPlot from 'uplot';
import { T_FLOOR } from '../sim/clock.ts';
import type { ChartTheme } from './chartTheme.ts';
import { axisStyle } from './UPlotChart.tsx';

/** t as plotted: t = 0 (the first frame) sits at the floor of the log axis. */
export function plotTime(t: number): number {
  return Math.max(t, T_FLOOR);
}

export function timeRange(tEnd: number | undefined): [number, number] {
  return [T_FLOOR, tEnd !== undefined && Number.isFinite(tEnd) && tEnd > T_FLOOR ? tEnd : T_FLOOR * 1e4];
}

export const timeScale = (tEnd: () => number | undefined): uPlot.Scale => ({ time: false, distr: 3, log: 10, range: () => timeRange(tEnd()) });

/** Grid lines at whole decades only: uPlot's log splits also hold 2…9 × 10ⁿ, which crowd a small plot. */
const decadesOnly: uPlot.Axis.Filter = (_u, splits) => splits.map((v) => (Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9 ? v : null));

export const timeAxis = (theme: ChartTheme): uPlot.Axis => {
  const axis = axisStyle(theme, 'flow time t (log scale)', { space: 36 });
  return { ...axis, grid: { ...axis.grid, filter: decadesOnly }, ticks: { ...axis.ticks, filter: decadesOnly } };
};

/** The x series of a history plot: its readout is the time under the cursor. */
export const timeSeries: uPlot.Series = { label: 't', value: (_u, v) => (v === null ? '—' : Number(v.toPrecision(3)).toString()) };
