// The squared loss's honest measure of learning, E[(f − f*)²], against log t (shown for
// loss=mse only; the per-neuron correlation flow does not track the w_i·w_m it needs). With a
// split view whose second run also reports it, that run is drawn too, dashed, read at this
// run's times (the two runs share one clock, so their samples are close in t).
import { useCallback, useRef } from 'react';
import { compareFrames } from '../state/compareData.ts';
import { frameData, HISTORY_CAPACITY, type FrameData } from '../state/frameData.ts';
import { useApp } from '../state/store.ts';
import type { ChartTheme } from './chartTheme.ts';
import { throttledLabel, useLiveChart } from './liveChart.ts';
import { plotTime, timeAxis, timeScale, timeSeries, useTimeUnit } from './timeAxis.ts';
import { readout, yAxisStyle, UPlotChart, type ChartOptions } from './UPlotChart.tsx';

const xs = new Float64Array(HISTORY_CAPACITY);
const mine = new Float64Array(HISTORY_CAPACITY);
const other = new Float64Array(HISTORY_CAPACITY);

/** The other run's error at time t: its latest sample at or before t (NaN before its first). */
function errorAt(fd: FrameData, t: number, from: number): { value: number; at: number } {
  let s = from;
  while (s + 1 < fd.length && fd.times[s + 1] <= t) s++;
  return { value: s < fd.length && fd.times[s] <= t ? fd.genErrors[s] : NaN, at: s };
}

export function GenErrorPlot() {
  const loss = useApp((s) => s.params.loss);
  return loss === 'mse' ? <GenErrorFigure /> : null;
}

function GenErrorFigure() {
  const label = useRef({ at: 0, text: '' });
  const unit = useTimeUnit();
  const onChart = useLiveChart((u) => {
    const fd = frameData, len = fd.length;
    const compared = compareFrames.length > 0;
    let cursor = 0;
    for (let s = 0; s < len; s++) {
      xs[s] = plotTime(fd.times[s], unit.perT);
      mine[s] = fd.genErrors[s];
      if (compared) {
        const e = errorAt(compareFrames, fd.times[s], cursor);
        other[s] = e.value;
        cursor = e.at;
      } else other[s] = NaN;
    }
    const latest = len > 0 && Number.isFinite(fd.genErrors[len - 1]) ? fd.genErrors[len - 1].toPrecision(4) : 'none yet';
    throttledLabel(u.root.parentElement, `Generalization error E[(f − f*)²] against ${unit.upTo(fd.t)}; latest ${latest}.`, label.current, len <= 1 || !fd.info || fd.t >= fd.info.tEnd);
    return [xs.subarray(0, len), mine.subarray(0, len), other.subarray(0, len)];
  });
  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: timeScale(() => frameData.info?.tEnd, unit.perT), y: { range: (_u, _lo, hi) => [0, Math.max(hi, 1e-12)] } },
      axes: [timeAxis(t, unit), yAxisStyle(t, 'E[(f − f*)²]')],
      series: [
        timeSeries(unit),
        { label: 'this run', stroke: t.accent, width: 2, points: { show: false }, value: (_u, v) => readout(v, 4) },
        { label: 'split view', stroke: t.accent, width: 1.5, dash: [6, 4], points: { show: false }, value: (_u, v) => readout(v, 4) },
      ],
      cursor: { drag: { x: false, y: false } },
    }),
    [unit],
  );
  return (
    <figure className="plot">
      <figcaption>Squared loss: E[(f − f*)²]</figcaption>
      <UPlotChart options={options} data={() => [[], [], []]} rebuildKey={options} onChart={onChart} testId="gen-error-plot" label="Generalization error against log time" />
    </figure>
  );
}
