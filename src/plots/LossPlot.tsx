// Mean loss per neuron, L(w) = −Σ_j φ(w·v_j), against log t.
import { useCallback, useRef } from 'react';
import { frameData, HISTORY_CAPACITY } from '../state/frameData.ts';
import type { ChartTheme } from './chartTheme.ts';
import { throttledLabel, useLiveChart } from './liveChart.ts';
import { plotTime, timeAxis, timeScale, timeSeries, useTimeUnit } from './timeAxis.ts';
import { readout, yAxisStyle, UPlotChart, type ChartOptions } from './UPlotChart.tsx';

const xs = new Float64Array(HISTORY_CAPACITY);

export function LossPlot() {
  const label = useRef({ at: 0, text: '' });
  const unit = useTimeUnit();
  const onChart = useLiveChart((u) => {
    const fd = frameData, len = fd.length;
    for (let s = 0; s < len; s++) xs[s] = plotTime(fd.times[s], unit.perT);
    const latest = len > 0 ? fd.losses[len - 1].toPrecision(4) : 'none yet';
    throttledLabel(u.root.parentElement, `Mean loss per neuron against ${unit.upTo(fd.t)}; latest ${latest}.`, label.current, len <= 1 || !fd.info || fd.t >= fd.info.tEnd);
    return [xs.subarray(0, len), fd.losses.subarray(0, len)];
  });
  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: timeScale(() => frameData.info?.tEnd, unit.perT), y: {} },
      axes: [timeAxis(t, unit), yAxisStyle(t, 'loss / neuron')],
      series: [timeSeries(unit), { label: 'mean loss', stroke: t.accent, width: 2, points: { show: false }, value: (_u, v) => readout(v, 4) }],
      cursor: { drag: { x: false, y: false } },
    }),
    [unit],
  );
  return (
    <figure className="plot">
      <figcaption>Loss</figcaption>
      <UPlotChart options={options} data={() => [[], []]} rebuildKey={options} onChart={onChart} testId="loss-plot" label="Mean loss per neuron against log time" />
    </figure>
  );
}
