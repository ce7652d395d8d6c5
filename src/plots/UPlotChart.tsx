// A uPlot chart as a React component: created from `options` for the current theme and width,
// re-created when the theme or `rebuildKey` changes, resized with its box. The legend (which
// doubles as the hover readout: uPlot shows every series' value at the cursor) is mounted
// below the canvas, outside the element that carries the chart's description.
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartTheme, useChartTheme } from './chartTheme.ts';
import { withCpuCanvases } from './cpuCanvas.ts';
import { tickText } from './tickText.ts';

export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

interface Props {
  /** the chart for this theme (called again when the theme or rebuildKey changes) */
  options: (theme: ChartTheme) => ChartOptions;
  /** the data to draw when the chart is (re)built */
  data: () => uPlot.AlignedData;
  rebuildKey?: unknown;
  /** receives the chart after each (re)build, and null when it is destroyed */
  onChart?: (u: uPlot | null) => void;
  testId: string;
  label: string;
}

/** Height of a chart's plot area: set in CSS (--chart-height) so it follows the screen. */
/**
 * The plot's height: --chart-height, or with `--chart-height: fill` whatever height the layout
 * gives the chart's box (the presenter strip shares its height between the two time plots).
 */
const fillsBox = (el: HTMLElement) => getComputedStyle(el).getPropertyValue('--chart-height').trim() === 'fill';

function chartHeight(el: HTMLElement): number {
  const css = getComputedStyle(el).getPropertyValue('--chart-height').trim();
  if (css === 'fill') return Math.max(60, Math.floor(el.clientHeight));
  const v = parseFloat(css);
  return Number.isFinite(v) && v > 0 ? v : 160;
}

export function UPlotChart({ options, data, rebuildKey = null, onChart, testId, label }: Props) {
  const theme = useChartTheme();
  const host = useRef<HTMLDivElement>(null);
  const legend = useRef<HTMLDivElement>(null);
  const latest = useRef({ options, data, onChart });
  const [layoutNonce, setLayoutNonce] = useState(0);
  latest.current = { options, data, onChart };

  useEffect(() => {
    const el = host.current, legendEl = legend.current;
    if (!el || !legendEl) return;
    const { options: build, data: fill, onChart: notify } = latest.current;
    const opts = build(theme);
    // in the presenter strip every pixel of height goes to the curves: the x axis keeps its
    // ticks but not its title (the time readout and, for SGD, the time-axis switch name it)
    const compact = fillsBox(el);
    const u = withCpuCanvases(() => new uPlot(
      {
        ...opts,
        // and no more room under the plot than its tick labels need (uPlot's default is 50 px)
        ...(compact && opts.axes ? { axes: opts.axes.map((a, i) => (i === 0 ? { ...a, label: undefined, labelSize: 0, size: Math.ceil(theme.fontPx) + 12 } : a)) } : {}),
        width: Math.max(100, el.clientWidth),
        height: chartHeight(el),
        legend: { ...opts.legend, mount: (_self, table) => legendEl.replaceChildren(table) },
      },
      fill(),
      el,
    ));
    notify?.(u);
    const observer = new ResizeObserver(() => {
      // a layout change into or out of the strip rebuilds the chart with or without the title
      if (fillsBox(el) !== compact) return setLayoutNonce((x) => x + 1);
      const width = Math.max(100, el.clientWidth), height = chartHeight(el);
      if (width !== u.width || height !== u.height) u.setSize({ width, height });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      notify?.(null);
      u.destroy();
    };
  }, [theme, rebuildKey, layoutNonce]);

  return (
    <>
      <div ref={host} className="chart" data-testid={testId} role="img" aria-label={label} />
      <div ref={legend} className="chart-legend" />
    </>
  );
}

/** Axis colours and fonts of the theme, for every axis of every uPlot chart. */
export function axisStyle(theme: ChartTheme, label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    label,
    stroke: theme.fg,
    font: `${theme.fontPx}px system-ui, sans-serif`,
    labelFont: `${theme.fontPx}px system-ui, sans-serif`,
    labelSize: theme.fontPx + 8,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1, size: 4 },
    ...extra,
  };
}

const stepValues: uPlot.Axis['values'] = (_u, splits, _axis, _space, incr) => tickText(splits, incr);

/** A y axis as wide as its longest tick label (uPlot's own sizing hook), plus room for its title. */
export function yAxisStyle(theme: ChartTheme, label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return axisStyle(theme, label, {
    values: stepValues,
    size: (self, values, axisIdx, cycleNum) => {
      const axis = self.axes[axisIdx];
      // after two layout passes keep the size, so the axis cannot oscillate
      if (cycleNum > 1) return (axis as { _size?: number })._size ?? 50;
      const longest = (values ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
      self.ctx.font = `${theme.fontPx * devicePixelRatio}px system-ui, sans-serif`;
      const text = longest ? self.ctx.measureText(longest).width / devicePixelRatio : 0;
      return Math.ceil(text + 4 + 6 + theme.fontPx + 8);
    },
    ...extra,
  });
}

/** Readout text of a value: three significant digits, a dash where there is none. */
export function readout(v: number | null | undefined, digits = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toPrecision(digits)).toString();
}
