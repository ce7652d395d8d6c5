// μ_span(β), the curvature of the loss at the average point inside span(V): negative means
// saddle, positive minimum. Its zero crossings are β_c; the current β is marked on the curve.
import { useRef } from 'react';
import type { RunInfo } from '../sim/protocol.ts';
import { useApp } from '../state/store.ts';
import { niceDomain, niceTicks } from './axes.ts';
import { type Surface, clipToPlot, drawAxes, frameOf, PLOT_COLOURS, prepare, px, py, referenceLine } from './canvas.ts';
import { describeBistable, drawBistable } from './bistable.ts';
import { throttledLabel, usePolledCanvas } from './usePolledCanvas.ts';

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

export function describeThreshold(info: RunInfo | null, beta: number, geom: string): string {
  if (!info || info.muCurve.beta.length === 0) return 'No threshold plot: μ_span(β) exists only for equiangular index vectors with k ≥ 2.';
  const roots = info.betaC.length > 0 ? `crosses zero at β_c = ${info.betaC.map((b) => b.toPrecision(4)).join(', ')}` : 'never crosses zero';
  const at = geom === 'equi' ? `; at the current β = ${beta.toFixed(3)} it is ${muAt(info.muCurve, beta).toPrecision(3)} (${info.average?.kind ?? 'n/a'})` : '';
  return `μ_span, the curvature at the average point inside span(V), against β from 0 to 0.99: ${roots}${at}.${describeBistable(info.betaC, info.betaFold ?? [])}`;
}

function drawThreshold(surface: Surface, info: RunInfo | null, beta: number, geom: string, label: { at: number; text: string }): void {
  const ctx = prepare(surface);
  const canvas = surface.canvas;
  if (!ctx) return;
  throttledLabel(canvas, describeThreshold(info, beta, geom), label, true);
  const curve = info?.muCurve;
  if (!curve || curve.beta.length === 0) {
    ctx.fillStyle = PLOT_COLOURS.muted;
    ctx.font = '12px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('μ_span(β) needs equiangular index vectors and k ≥ 2', surface.width / 2, surface.height / 2);
    return;
  }
  const y = niceDomain(curve.mu, curve.mu.length, [-1, 1]);
  const f = frameOf(ctx, surface, [0, 1], [Math.min(y[0], 0), Math.max(y[1], 0)]);
  drawAxes(f, niceTicks(0, 1, 5), niceTicks(f.y[0], f.y[1], 3), 'β (overlap of index vectors)', 'μ_span');
  referenceLine(f, 'y', 0, PLOT_COLOURS.axis, '', false);
  drawBistable(f, info!.betaC, info!.betaFold ?? []);
  clipToPlot(f);
  // the curve, orange where w̄ is a saddle and green where it is a minimum
  ctx.lineWidth = 2.5;
  for (let i = 1; i < curve.beta.length; i++) {
    ctx.strokeStyle = curve.mu[i - 1] + curve.mu[i] < 0 ? PLOT_COLOURS.saddle : PLOT_COLOURS.minimum;
    ctx.beginPath();
    ctx.moveTo(px(f, curve.beta[i - 1]), py(f, curve.mu[i - 1]));
    ctx.lineTo(px(f, curve.beta[i]), py(f, curve.mu[i]));
    ctx.stroke();
  }
  ctx.restore();
  info!.betaC.forEach((b, i) => referenceLine(f, 'x', b, PLOT_COLOURS.accent, info!.betaC.length > 1 ? `β_c${i + 1} = ${b.toPrecision(3)}` : `β_c = ${b.toPrecision(3)}`));
  if (geom === 'equi') {
    const m = muAt(curve, beta);
    referenceLine(f, 'x', beta, PLOT_COLOURS.text, '', false);
    if (Number.isFinite(m)) {
      ctx.fillStyle = m < 0 ? PLOT_COLOURS.saddle : PLOT_COLOURS.minimum;
      ctx.strokeStyle = PLOT_COLOURS.text;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.arc(px(f, beta), py(f, Math.min(Math.max(m, f.y[0]), f.y[1])), 5, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    }
  }
}

export function ThresholdPlot() {
  const info = useApp((s) => s.info);
  const beta = useApp((s) => s.params.beta);
  const geom = useApp((s) => s.params.geom);
  const label = useRef({ at: 0, text: '' });
  const ref = usePolledCanvas((c) => drawThreshold(c, info, beta, geom, label.current), `${info?.runId}:${beta}:${geom}`);
  return (
    <figure className="plot">
      <figcaption>
        Threshold: μ<sub>span</sub>(β) at the average point
      </figcaption>
      <canvas ref={ref} data-testid="threshold-plot" role="img" aria-label={describeThreshold(info, beta, geom)} />
    </figure>
  );
}
