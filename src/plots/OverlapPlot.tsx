// Overlaps of the first few neurons against log t: each line is a neuron's overlap with the
// index vector it is heading for now, in that vector's colour (absolute value for even φ,
// where ±v are the same). The plateau and the escape show directly.
import { useCallback, useRef } from 'react';
import type uPlot from 'uplot';
import { frameData, HISTORY_CAPACITY, TRACED_NEURONS } from '../state/frameData.ts';
import { useApp } from '../state/store.ts';
import { annotationsPlugin } from './annotations.ts';
import type { ChartTheme } from './chartTheme.ts';
import { throttledLabel, useLiveChart } from './liveChart.ts';
import { plotTime, timeAxis, timeScale, timeSeries, useTimeUnit } from './timeAxis.ts';
import { readout, yAxisStyle, UPlotChart, type ChartOptions } from './UPlotChart.tsx';

const xs = new Float64Array(HISTORY_CAPACITY);
const ys = Array.from({ length: TRACED_NEURONS }, () => new Float64Array(HISTORY_CAPACITY));
/** online SGD: the flow's prediction for the same neurons, from the same start */
const ps = Array.from({ length: TRACED_NEURONS }, () => new Float64Array(HISTORY_CAPACITY));

/** Fills the plotted arrays from the history: x = t (or samples: t · perT), one overlap per traced neuron. Returns the sample count. */
function fillOverlaps(perT: number): { len: number; m: number; shown: number[] } {
  const fd = frameData, k = fd.k, len = fd.length;
  const m = Math.min(TRACED_NEURONS, fd.n), row = TRACED_NEURONS * k;
  const even = fd.info?.even ?? false;
  const value = (s: number, i: number, j: number) => {
    const u = fd.traces[s * row + i * k + j];
    return even ? Math.abs(u) : u;
  };
  // which overlap each neuron shows: its largest one at the latest sample
  const shown = new Array<number>(m).fill(0);
  for (let i = 0; i < m && len > 0; i++) {
    for (let j = 1; j < k; j++) if (value(len - 1, i, j) > value(len - 1, i, shown[i])) shown[i] = j;
  }
  for (let s = 0; s < len; s++) {
    xs[s] = plotTime(fd.times[s], perT);
    for (let i = 0; i < m; i++) ys[i][s] = value(s, i, shown[i]);
    if (fd.hasPrediction) {
      for (let i = 0; i < m; i++) {
        const u = fd.predictions[s * row + i * k + shown[i]];
        ps[i][s] = even ? Math.abs(u) : u;
      }
    }
  }
  return { len, m, shown };
}

export function OverlapPlot() {
  const info = useApp((s) => s.info);
  const k = info?.spec.k ?? 0;
  const m = Math.min(TRACED_NEURONS, info?.spec.n ?? 0);
  const sgd = !!info?.sampling;
  const label = useRef({ at: 0, text: '' });
  const theme = useRef<ChartTheme | null>(null);
  const markerColours = useRef<string[]>([]);
  const unit = useTimeUnit();

  const colourOf = (i: number) => theme.current?.code(frameData.codes[i] ?? k + 1, k) ?? '#888';

  const onChart = useLiveChart((u) => {
    const { len, m: shownCount } = fillOverlaps(unit.perT);
    // a neuron's colour follows its fate: keep the legend's markers in step with the lines
    const markers = u.root.parentElement?.nextElementSibling?.querySelectorAll<HTMLElement>('.u-series .u-marker') ?? [];
    for (let i = 0; i < shownCount; i++) {
      const c = colourOf(i);
      if (markerColours.current[i] !== c && markers[i + 1]) markers[i + 1].style.borderColor = markers[i + 1].style.background = c;
      markerColours.current[i] = c;
    }
    const fd = frameData;
    const latest = len > 0 ? Array.from({ length: shownCount }, (_, i) => ys[i][len - 1].toFixed(2)).join(', ') : 'none yet';
    throttledLabel(u.root.parentElement, `Overlap of ${shownCount} neurons with the index vector each is heading for, against ${unit.upTo(fd.t)}; latest values ${latest}.`, label.current, len <= 1 || !fd.info || fd.t >= fd.info.tEnd);
    const lines = [xs.subarray(0, len), ...ys.slice(0, shownCount).map((y) => y.subarray(0, len))];
    // the chart's own series say whether it draws the prediction (its options follow the run)
    return u.series.length > lines.length ? [...lines, ...ps.slice(0, shownCount).map((p) => p.subarray(0, len))] : lines;
  });

  const options = useCallback(
    (t: ChartTheme): ChartOptions => {
      theme.current = t;
      markerColours.current = [];
      const average = info?.average && k > 1 ? info.average.overlap : NaN;
      return {
        scales: { x: timeScale(() => frameData.info?.tEnd, unit.perT), y: { range: (_u, lo) => [Math.max(-1, Math.min(0, Math.floor(lo * 10) / 10)), 1.05] } },
        axes: [timeAxis(t, unit), yAxisStyle(t, 'overlap (cosine)')],
        series: [
          timeSeries(unit),
          ...Array.from({ length: m }, (_, i): uPlot.Series => ({
            label: `neuron ${i + 1}`,
            stroke: () => colourOf(i),
            width: 2,
            points: { show: false },
            value: (_u, v) => readout(v),
          })),
          ...(sgd
            ? Array.from({ length: m }, (_, i): uPlot.Series => ({
                label: `flow ${i + 1}`,
                stroke: () => colourOf(i),
                width: 1.5,
                dash: [5, 4],
                points: { show: false },
                value: (_u, v) => readout(v),
              }))
            : []),
        ],
        cursor: { drag: { x: false, y: false } },
        plugins: [annotationsPlugin(() => ({ lines: [{ axis: 'y', value: average, colour: t.muted, label: 'u* (average)' }], fontPx: t.fontPx - 1, halo: t.panel }))],
      };
    },
    [info, k, m, sgd, unit],
  );

  return (
    <figure className="plot">
      {/* short enough to fit beside the view; the colours' meaning is in the tooltip and the
          view's key, while the line styles' meaning (SGD) stays visible */}
      <figcaption title={`Overlaps of ${TRACED_NEURONS} neurons with the index vector each is heading for (colour: that vector)${sgd ? '; solid: SGD, dashed: flow' : ''}`}>
        Overlaps of {TRACED_NEURONS} neurons
        {sgd && <span data-testid="overlap-legend-sgd"> · solid: SGD, dashed: flow</span>}
      </figcaption>
      <UPlotChart
        options={options}
        data={() => [[], ...Array.from({ length: sgd ? 2 * m : m }, () => [])]}
        rebuildKey={options}
        onChart={onChart}
        testId="overlap-plot"
        label="Overlaps of a few neurons against log time"
      />
    </figure>
  );
}
