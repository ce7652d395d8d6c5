// The shared log-time axis of the history plots: from the clock's floor to the run's end, in
// flow time t or (online SGD, by the time-axis switch) in samples (timeUnit.ts).
import { useMemo } from 'react';
import type uPlot from 'uplot';
import { T_FLOOR } from '../sim/clock.ts';
import { useApp } from '../state/store.ts';
import type { ChartTheme } from './chartTheme.ts';
import { timeUnitOf, type TimeUnit } from './timeUnit.ts';
import { axisStyle } from './UPlotChart.tsx';

/** t as plotted: t = 0 (the first frame) sits at the floor of the log axis; x = t · perT. */
export function plotTime(t: number, perT = 1): number {
  return Math.max(t, T_FLOOR) * perT;
}

export function timeRange(tEnd: number | undefined, perT = 1): [number, number] {
  return [T_FLOOR * perT, (tEnd !== undefined && Number.isFinite(tEnd) && tEnd > T_FLOOR ? tEnd : T_FLOOR * 1e4) * perT];
}

export const timeScale = (tEnd: () => number | undefined, perT = 1): uPlot.Scale => ({ time: false, distr: 3, log: 10, range: () => timeRange(tEnd(), perT) });

/** Grid lines at whole decades only: uPlot's log splits also hold 2…9 × 10ⁿ, which crowd a small plot. */
const decadesOnly: uPlot.Axis.Filter = (_u, splits) => splits.map((v) => (Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9 ? v : null));

/**
 * The x axis in the unit's title and tick text. Ticks are drawn on the canvas, so the chart's
 * element also carries them as text (data-x-unit, data-x-title, data-x-ticks) for whatever
 * reads the page rather than its pixels.
 */
export const timeAxis = (theme: ChartTheme, unit: TimeUnit): uPlot.Axis => {
  const axis = axisStyle(theme, unit.title, { space: 36 });
  return {
    ...axis,
    grid: { ...axis.grid, filter: decadesOnly },
    ticks: { ...axis.ticks, filter: decadesOnly },
    values: (u, splits) => {
      const labels = unit.ticks(splits);
      const host = u.root.parentElement;
      if (host) {
        const ticks = labels.filter((s) => s !== '').join(' ');
        if (host.dataset.xTicks !== ticks) host.dataset.xTicks = ticks;
        host.dataset.xUnit = unit.key;
        host.dataset.xTitle = unit.title;
      }
      return labels;
    },
  };
};

/** The x series of a history plot: its readout is the time (or samples) under the cursor. */
export const timeSeries = (unit: TimeUnit): uPlot.Series => ({ label: unit.label, value: (_u, v) => (v === null ? '—' : unit.value(v)) });

/** The time unit the history charts use now: the link's choice, honoured when the run has samples. */
export function useTimeUnit(): TimeUnit {
  const choice = useApp((s) => s.params.taxis);
  const plan = useApp((s) => s.info?.sampling);
  return useMemo(() => timeUnitOf(choice, plan), [choice, plan]);
}
