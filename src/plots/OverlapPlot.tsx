// Overlaps of the first few neurons against log t: each line is a neuron's overlap with the
// index vector it is heading for now, in that vector's colour (absolute value for even φ,
// where ±v are the same). The plateau and the escape show directly.
import { useRef } from 'react';
import { frameData, TRACED_NEURONS } from '../state/frameData.ts';
import { useApp } from '../state/store.ts';
import { codeColour } from '../scene/palette.ts';
import { niceTicks } from './axes.ts';
import { type Surface, clipToPlot, drawAxes, frameOf, PLOT_COLOURS, prepare, px, py, referenceLine } from './canvas.ts';
import { drawPredictionOverlay, samplesTitle } from './predictionOverlay.ts';
import { logTime, TIME_TITLE, timeDomain, timeTicks } from './timeAxis.ts';
import { throttledLabel, usePolledCanvas } from './usePolledCanvas.ts';

function drawOverlaps(surface: Surface, label: { at: number; text: string }): void {
  const ctx = prepare(surface);
  const canvas = surface.canvas;
  if (!ctx) return;
  const fd = frameData, info = fd.info, k = fd.k, len = fd.length;
  const m = Math.min(TRACED_NEURONS, fd.n), row = TRACED_NEURONS * k;
  const even = info?.even ?? false;
  const value = (s: number, i: number, j: number) => {
    const u = fd.traces[s * row + i * k + j];
    return even ? Math.abs(u) : u;
  };
  // which overlap each neuron shows: its largest one at the latest sample
  const shown = new Array<number>(m).fill(0);
  let lo = 0;
  for (let i = 0; i < m && len > 0; i++) {
    for (let j = 1; j < k; j++) if (value(len - 1, i, j) > value(len - 1, i, shown[i])) shown[i] = j;
    for (let s = 0; s < len; s++) lo = Math.min(lo, value(s, i, shown[i]));
  }
  const y: [number, number] = [Math.max(-1, Math.floor(lo * 10) / 10), 1.05];
  const f = frameOf(ctx, surface, timeDomain(info?.tEnd), y);
  drawAxes(f, timeTicks(f.x), niceTicks(0, 1, 2).concat(lo < -0.15 ? niceTicks(y[0], 0, 1).slice(0, 1) : []), samplesTitle(info?.sampling) ?? TIME_TITLE, 'overlap');
  if (info?.average && k > 1) referenceLine(f, 'y', info.average.overlap, PLOT_COLOURS.muted, 'u* (average)');
  clipToPlot(f);
  drawPredictionOverlay(f, fd, shown, even);
  ctx.lineWidth = 2;
  ctx.lineJoin = 'round';
  for (let i = 0; i < m; i++) {
    ctx.strokeStyle = codeColour(fd.codes[i] ?? k + 1, k);
    ctx.beginPath();
    for (let s = 0; s < len; s++) {
      const X = px(f, logTime(fd.times[s])), Y = py(f, value(s, i, shown[i]));
      if (s === 0) ctx.moveTo(X, Y);
      else ctx.lineTo(X, Y);
    }
    ctx.stroke();
  }
  ctx.restore();
  const now = len > 0 ? Array.from({ length: m }, (_, i) => value(len - 1, i, shown[i]).toFixed(2)).join(', ') : 'none yet';
  throttledLabel(canvas, `Overlap of ${m} neurons with the index vector each is heading for, against log time up to t = ${fd.t.toPrecision(3)}; latest values ${now}.`, label, len <= 1 || !info || fd.t >= info.tEnd);
}

export function OverlapPlot() {
  const label = useRef({ at: 0, text: '' });
  const ref = usePolledCanvas((c) => drawOverlaps(c, label.current));
  const sgd = useApp((s) => !!s.info?.sampling);
  return (
    <figure className="plot">
      <figcaption>Overlaps of {TRACED_NEURONS} neurons{sgd && <span data-testid="overlap-legend-sgd"> — solid: online SGD, dashed: the flow from the same start</span>}</figcaption>
      <canvas ref={ref} data-testid="overlap-plot" role="img" aria-label="Overlaps of a few neurons against log time" />
    </figure>
  );
}
