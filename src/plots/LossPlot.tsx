// Mean loss per neuron, L(w) = −Σ_j φ(w·v_j), against log t.
import { useRef } from 'react';
import { frameData } from '../state/frameData.ts';
import { niceDomain, niceTicks } from './axes.ts';
import { type Surface, clipToPlot, drawAxes, frameOf, PLOT_COLOURS, prepare, px, py } from './canvas.ts';
import { logTime, TIME_TITLE, timeDomain, timeTicks } from './timeAxis.ts';
import { throttledLabel, usePolledCanvas } from './usePolledCanvas.ts';

function drawLoss(surface: Surface, label: { at: number; text: string }): void {
  const ctx = prepare(surface);
  const canvas = surface.canvas;
  if (!ctx) return;
  const fd = frameData, len = fd.length;
  const y = niceDomain(fd.losses, len, [-1, 0]);
  const f = frameOf(ctx, surface, timeDomain(fd.info?.tEnd), y);
  drawAxes(f, timeTicks(f.x), niceTicks(y[0], y[1], 3), TIME_TITLE, 'loss / neuron');
  clipToPlot(f);
  ctx.strokeStyle = PLOT_COLOURS.accent;
  ctx.lineWidth = 2;
  ctx.beginPath();
  for (let s = 0; s < len; s++) {
    const X = px(f, logTime(fd.times[s])), Y = py(f, fd.losses[s]);
    if (s === 0) ctx.moveTo(X, Y);
    else ctx.lineTo(X, Y);
  }
  ctx.stroke();
  ctx.restore();
  const latest = len > 0 ? fd.losses[len - 1].toPrecision(4) : 'none yet';
  throttledLabel(canvas, `Mean loss per neuron against log time up to t = ${fd.t.toPrecision(3)}; latest ${latest}.`, label, len <= 1 || !fd.info || fd.t >= fd.info.tEnd);
}

export function LossPlot() {
  const label = useRef({ at: 0, text: '' });
  const ref = usePolledCanvas((c) => drawLoss(c, label.current));
  return (
    <figure className="plot">
      <figcaption>Loss</figcaption>
      <canvas ref={ref} data-testid="loss-plot" role="img" aria-label="Mean loss per neuron against log time" />
    </figure>
  );
}
