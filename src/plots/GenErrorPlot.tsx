// The squared loss's honest measure of learning, E[(f − f*)²], against log t (shown for
// loss=mse only; the per-neuron correlation flow does not track the w_i·w_m it needs). With a
// split view whose second run also reports it, that run is drawn too, dashed.
import { useRef } from 'react';
import { compareFrames } from '../state/compareData.ts';
import { frameData, type FrameData } from '../state/frameData.ts';
import { useApp } from '../state/store.ts';
import { niceDomain, niceTicks } from './axes.ts';
import { type Surface, clipToPlot, drawAxes, frameOf, PLOT_COLOURS, prepare, px, py } from './canvas.ts';
import { logTime, TIME_TITLE, timeDomain, timeTicks } from './timeAxis.ts';
import { throttledLabel, usePolledCanvas } from './usePolledCanvas.ts';

function trace(ctx: CanvasRenderingContext2D, f: ReturnType<typeof frameOf>, fd: FrameData): void {
  ctx.beginPath();
  let pen = false;
  for (let s = 0; s < fd.length; s++) {
    const e = fd.genErrors[s];
    if (!Number.isFinite(e)) continue;
    const X = px(f, logTime(fd.times[s])), Y = py(f, e);
    if (!pen) ctx.moveTo(X, Y);
    else ctx.lineTo(X, Y);
    pen = true;
  }
  ctx.stroke();
}

function drawGenError(surface: Surface, label: { at: number; text: string }): void {
  const ctx = prepare(surface);
  if (!ctx) return;
  const fd = frameData, len = fd.length;
  const other = compareFrames.length > 0 ? compareFrames : null;
  const hi = niceDomain(fd.genErrors, len, [0, 1])[1];
  const hiOther = other ? niceDomain(other.genErrors, other.length, [0, 0])[1] : 0;
  const y: [number, number] = [0, Math.max(hi, hiOther)];
  const f = frameOf(ctx, surface, timeDomain(fd.info?.tEnd), y);
  drawAxes(f, timeTicks(f.x), niceTicks(y[0], y[1], 3), TIME_TITLE, 'E[(f − f*)²]');
  clipToPlot(f);
  ctx.lineWidth = 2;
  ctx.strokeStyle = PLOT_COLOURS.accent;
  trace(ctx, f, fd);
  if (other) {
    ctx.setLineDash([6, 4]);
    trace(ctx, f, other);
    ctx.setLineDash([]);
  }
  ctx.restore();
  const latest = len > 0 && Number.isFinite(fd.genErrors[len - 1]) ? fd.genErrors[len - 1].toPrecision(4) : 'none yet';
  throttledLabel(surface.canvas, `Generalization error E[(f − f*)²] against log time up to t = ${fd.t.toPrecision(3)}; latest ${latest}.`, label, len <= 1 || !fd.info || fd.t >= fd.info.tEnd);
}

export function GenErrorPlot() {
  const loss = useApp((s) => s.params.loss);
  return loss === 'mse' ? <GenErrorFigure /> : null;
}

function GenErrorFigure() {
  const label = useRef({ at: 0, text: '' });
  const ref = usePolledCanvas((c) => drawGenError(c, label.current));
  return (
    <figure className="plot">
      <figcaption>Squared loss: E[(f − f*)²]</figcaption>
      <canvas ref={ref} data-testid="gen-error-plot" role="img" aria-label="Generalization error against log time" />
    </figure>
  );
}
