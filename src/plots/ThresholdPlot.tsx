// μ_span(β), the curvature of the loss at the average point inside span(V): negative means
// saddle, positive minimum. Its zero crossings are β_c; the current β is marked on the curve,
// and clicking or dragging on the plot sets β (the chart is a second handle on the slider).
import { formatNumber } from '../view/format.ts';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { RunInfo } from '../sim/protocol.ts';
import { useApp } from '../state/store.ts';
import { bistableWindows } from './bistable.ts';
import { annotationsPlugin, type RefLine, type Shade } from './annotations.ts';
import type { ChartTheme } from './chartTheme.ts';
import { axisStyle, readout, yAxisStyle, UPlotChart, type ChartOptions } from './UPlotChart.tsx';

/** A β where something changes (β_c, or a fold), drawn as a labelled vertical line. */
interface Threshold {
  beta: number;
  label: string;
  /** which side of its line the label sits on ('before': ending at it), so a pair a few pixels apart reads apart */
  side?: 'before' | 'after';
}

/** Gap between a line and its label, and between labels in one row (CSS px). */
const LABEL_GAP = 3;

/**
 * Places the threshold labels (DOM, over the chart) beside their lines, each on its side, and
 * moves a label down a row when it would touch one already placed: they never overprint.
 * Labels whose line is outside the shown range are hidden.
 */
function placeThresholdLabels(u: uPlot, layer: HTMLDivElement | null, window: BetaWindow | null): void {
  if (!layer) return;
  // the window's drawn width, for a reader checking that it is wide enough to hit
  layer.dataset.windowPx = window ? String(Math.abs(u.valToPos(window.to, 'x') - u.valToPos(window.from, 'x'))) : '';
  const over = u.over;
  const left0 = over.offsetLeft, top0 = over.offsetTop, width = over.clientWidth;
  const rows: [number, number][][] = [];
  const spans = [...layer.querySelectorAll<HTMLSpanElement>('.threshold-label')].sort((a, b) => Number(a.dataset.beta) - Number(b.dataset.beta));
  for (const span of spans) {
    const x = u.valToPos(Number(span.dataset.beta), 'x');
    if (!(x >= 0 && x <= width)) {
      span.hidden = true;
      continue;
    }
    span.hidden = false;
    const w = span.offsetWidth, h = span.offsetHeight;
    let from = span.classList.contains('threshold-label-before') ? x - LABEL_GAP - w : x + LABEL_GAP;
    // keep it inside the plot: flip to the other side of its line at an edge
    if (from < 0) from = x + LABEL_GAP;
    if (from + w > width) from = x - LABEL_GAP - w;
    let row = 0;
    while (rows[row]?.some(([a, b]) => from < b + LABEL_GAP && from + w + LABEL_GAP > a)) row++;
    (rows[row] ??= []).push([from, from + w]);
    span.style.left = `${left0 + from}px`;
    span.style.top = `${top0 + 2 + row * (h + 1)}px`;
  }
}

/** A shaded β window (e.g. where two outcomes coexist), with its label. */
interface BetaWindow {
  from: number;
  to: number;
  label: string;
}

interface ThresholdChartProps {
  curve: RunInfo['muCurve'] | null;
  thresholds: Threshold[];
  window?: BetaWindow | null;
  /** the current β, marked on the curve (null: β does not apply, e.g. not equiangular) */
  beta: number | null;
  /** kind of the average point now, for the description */
  kind?: string;
  /** clicking or dragging on the chart picks this β (absent: the chart only shows) */
  onPickBeta?: (beta: number) => void;
  /** the β range shown (default [0, 1]): the zoom shows the window at a readable width */
  xRange?: [number, number];
  /** β picked on the chart is rounded to this */
  pickStep?: number;
  testId?: string;
  /** a description in place of the whole-curve one */
  label?: string;
}

/** μ_span at β by linear interpolation on the curve's grid (NaN outside it). */
function muAt(curve: RunInfo['muCurve'], beta: number): number {
  const { beta: B, mu } = curve;
  for (let i = 1; i < B.length; i++) {
    if (beta <= B[i]) {
      const w = (beta - B[i - 1]) / (B[i] - B[i - 1] || 1);
      return mu[i - 1] + w * (mu[i] - mu[i - 1]);
    }
  }
  return NaN;
}

function describeThreshold({ curve, thresholds, window, beta, kind }: ThresholdChartProps): string {
  if (!curve || curve.beta.length === 0) return 'No threshold plot: μ_span(β) exists only for equiangular index vectors with k ≥ 2.';
  const roots = thresholds.length > 0 ? `marked at ${thresholds.map((t) => `${t.label} = ${formatNumber(t.beta, 4)}`).join(', ')}` : 'never crosses zero';
  const at = beta !== null ? `; at the current β = ${beta.toFixed(3)} it is ${muAt(curve, beta).toPrecision(3)} (${kind ?? 'n/a'})` : '';
  const both = window ? ` Both minima coexist (bistable, the outcome depends on the start) for β in [${window.from.toPrecision(3)}, ${window.to.toPrecision(3)}], shaded.` : '';
  return `μ_span, the curvature at the average point inside span(V), against β from 0 to 0.99: ${roots}${at}.${both} Click or drag on the plot to set β.`;
}

/** The curve split at its sign changes: one series where w̄ is a saddle, one where it is a minimum (sharing the crossing segments). */
function splitCurve(curve: RunInfo['muCurve']): uPlot.AlignedData {
  const { beta, mu } = curve, n = beta.length;
  const neg = (i: number) => i >= 0 && i < n && mu[i] < 0;
  const saddle: (number | null)[] = [], minimum: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    saddle.push(neg(i) || neg(i - 1) || neg(i + 1) ? mu[i] : null);
    minimum.push(!neg(i) || !neg(i - 1) || !neg(i + 1) ? mu[i] : null);
  }
  return [Array.from(beta), saddle, minimum];
}

function ThresholdChart(props: ThresholdChartProps) {
  const { curve, thresholds, window, beta } = props;
  const latest = useRef(props);
  latest.current = props;
  // a new run brings a new curve object with the same numbers (β does not change μ_span(·)):
  // the chart takes new data only when the numbers differ, so a drag is never interrupted
  const curveKey = curve && curve.beta.length > 0 ? `${curve.beta.length}:${curve.mu.join()}` : '';
  const data = useMemo(() => (curve && curve.beta.length > 0 ? splitCurve(curve) : null), [curveKey]);
  const chart = useRef<uPlot | null>(null);
  const labelLayer = useRef<HTMLDivElement | null>(null);
  const dataRef = useRef(data);
  dataRef.current = data;
  useEffect(() => {
    if (data) chart.current?.setData(data);
  }, [data]);
  useEffect(() => {
    chart.current?.redraw(false, false);
  }, [beta, thresholds, window]);

  const options = useCallback(
    (t: ChartTheme): ChartOptions => ({
      scales: { x: { time: false, range: latest.current.xRange ?? [0, 1] }, y: { range: (_u, lo, hi) => [Math.min(lo, 0) - 0.05 * (hi - lo || 1), Math.max(hi, 0) + 0.05 * (hi - lo || 1)] } },
      axes: [axisStyle(t, 'β = v_i·v_j (cosine between index vectors)'), yAxisStyle(t, 'μ_span')],
      series: [
        { label: 'β', value: (_u, v) => readout(v) },
        { label: 'μ_span, w̄ saddle', stroke: t.saddle, width: 2.5, points: { show: false }, value: (_u, v) => readout(v) },
        { label: 'μ_span, w̄ minimum', stroke: t.minimum, width: 2.5, points: { show: false }, value: (_u, v) => readout(v) },
      ],
      cursor: { drag: { x: false, y: false } },
      hooks: { draw: [(u: uPlot) => placeThresholdLabels(u, labelLayer.current, latest.current.window ?? null)] },
      plugins: [
        annotationsPlugin(() => {
          const p = latest.current;
          const lines: RefLine[] = [{ axis: 'y', value: 0, colour: t.muted, dashed: false }];
          // unlabelled on the canvas: their labels are DOM, placed apart (placeThresholdLabels)
          for (const th of p.thresholds) lines.push({ axis: 'x', value: th.beta, colour: t.accent });
          const m = p.beta !== null && p.curve ? muAt(p.curve, p.beta) : NaN;
          if (p.beta !== null) lines.push({ axis: 'x', value: p.beta, colour: t.fg, dashed: false });
          const shades: Shade[] = p.window ? [{ ...p.window, colour: t.accent }] : [];
          return { lines, shades, points: p.beta !== null ? [{ x: p.beta, y: m, fill: m < 0 ? t.saddle : t.minimum, stroke: t.fg }] : [], fontPx: t.fontPx - 1 };
        }),
      ],
    }),
    [],
  );

  const onChart = useCallback((u: uPlot | null) => {
    chart.current = u;
    if (!u) return;
    // a press or drag on the plot sets β at the pointer (horizontal drags only, so a page still scrolls on a phone)
    const over = u.over;
    over.style.touchAction = 'pan-y';
    const pick = (e: PointerEvent) => {
      const pickBeta = latest.current.onPickBeta;
      if (!pickBeta) return;
      const b = u.posToVal(e.offsetX, 'x');
      const step = latest.current.pickStep ?? 0.001;
      if (Number.isFinite(b)) pickBeta(Math.min(0.99, Math.max(0, Number((Math.round(b / step) * step).toFixed(6)))));
    };
    over.addEventListener('pointerdown', (e) => {
      if (!latest.current.onPickBeta) return;
      over.setPointerCapture(e.pointerId);
      pick(e);
    });
    over.addEventListener('pointermove', (e) => {
      if (e.buttons & 1 && over.hasPointerCapture(e.pointerId)) pick(e);
    });
    over.style.cursor = 'crosshair';
  }, []);

  const testId = props.testId ?? 'threshold-plot';
  if (!data) return <p className="plot-empty" data-testid={testId} role="img" aria-label={describeThreshold(props)}>μ_span(β) needs equiangular index vectors and k ≥ 2</p>;
  // the marks are read at draw time: a new β or threshold list only needs a redraw, not a rebuild
  return (
    <div className="threshold-chart">
      <UPlotChart
        options={options}
        data={() => dataRef.current ?? data}
        rebuildKey={props.xRange ? props.xRange.join() : null}
        onChart={onChart}
        testId={testId}
        label={props.label ?? describeThreshold(props)}
      />
      <div className="threshold-labels" ref={labelLayer} aria-hidden="true" data-testid={`${testId}-labels`}>
        {thresholds.map((th) => (
          <span key={th.label} className={`threshold-label threshold-label-${th.side ?? 'after'}`} data-beta={th.beta}>
            {th.label} = {formatNumber(th.beta, 4)}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The zoom's β range: the window and 0.75 of its width either side, so it fills 40 % of the plot. */
export function zoomRange(window: { from: number; to: number }): [number, number] {
  const w = window.to - window.from;
  return [Math.max(0, window.from - 0.75 * w), Math.min(1, window.to + 0.75 * w)];
}

export function ThresholdPlot() {
  const info = useApp((s) => s.info);
  const beta = useApp((s) => s.params.beta);
  const geom = useApp((s) => s.params.geom);
  const setParam = useApp((s) => s.setParam);
  const thresholds = useMemo(() => {
    const folds = info?.betaFold ?? [];
    return [
      ...(info?.betaC ?? []).map((b, i, all) => ({ beta: b, label: all.length > 1 ? `β_c${i + 1}` : 'β_c', side: folds.length > 0 ? ('before' as const) : ('after' as const) })),
      ...folds.map((b, i, all) => ({ beta: b, label: all.length > 1 ? `β_fold${i + 1}` : 'β_fold', side: 'after' as const })),
    ];
  }, [info]);
  // the bistable window: w̄ is a minimum and so are the distorted minima near the v_j
  const window = useMemo(() => {
    const w = bistableWindows(info?.betaC ?? [], info?.betaFold ?? [])[0];
    return w ? { from: w[0], to: w[1], label: 'both minima' } : null;
  }, [info]);
  const equi = geom === 'equi';
  const zoom = window ? zoomRange(window) : null;
  // what the whole range and its zoom share
  const chart = {
    curve: info?.muCurve ?? null,
    thresholds,
    window,
    beta: equi ? beta : null,
    kind: info?.average?.kind,
    onPickBeta: equi ? (b: number) => setParam('beta', b) : undefined,
  };
  return (
    <figure className="plot threshold-view">
      <figcaption>
        Threshold: μ<sub>span</sub>(β) at the average point{equi ? ' (click to set β)' : ''}
      </figcaption>
      <ThresholdChart {...chart} />
      {window && zoom && (
        <>
          <figcaption className="zoom-caption">
            Zoom on the window [β_c, β_fold] = [{formatNumber(window.from, 4)}, {formatNumber(window.to, 4)}]: both minima exist
          </figcaption>
          <ThresholdChart
            {...chart}
            pickStep={1e-4}
            xRange={zoom}
            testId="threshold-zoom"
            label={`μ_span against β from ${zoom[0].toPrecision(3)} to ${zoom[1].toPrecision(3)}: the window where w̄ and the minima near the v_j are both minima, [${formatNumber(window.from, 4)}, ${formatNumber(window.to, 4)}], shaded. Click to set β.`}
          />
        </>
      )}
    </figure>
  );
}
