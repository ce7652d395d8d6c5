// Online SGD's overlap plot: the population flow's prediction for the same neurons from the
// same start, dashed in each neuron's colour, under the SGD traces. Where they part, noise
// (or the renormalization's shrinking at this η) has taken over.
import type { FrameData } from '../state/frameData.ts';
import { TRACED_NEURONS } from '../state/frameData.ts';
import { codeColour } from '../scene/palette.ts';
import { type Frame, px, py } from './canvas.ts';
import type { SamplingPlan } from '../core/sgdPlan.ts';
import { logTime, TIME_TITLE } from './timeAxis.ts';

/** The time axis of a sample-based run also reads in samples: samples = (batch/η)·t. */
export function samplesTitle(plan: SamplingPlan | undefined): string | undefined {
  if (!plan) return undefined;
  const per = plan.batch / plan.eta;
  return `${TIME_TITLE} · samples = ${per >= 1e5 ? per.toExponential(1) : Math.round(per)}·t`;
}

/** Draws the prediction of each traced neuron's shown overlap j = shown[i]; nothing without one. */
export function drawPredictionOverlay(f: Frame, fd: FrameData, shown: number[], even: boolean): void {
  if (!fd.hasPrediction) return;
  const { ctx } = f;
  const k = fd.k, row = TRACED_NEURONS * k;
  ctx.save();
  ctx.setLineDash([5, 4]);
  ctx.lineWidth = 1.5;
  ctx.globalAlpha = 0.85;
  for (let i = 0; i < shown.length; i++) {
    ctx.strokeStyle = codeColour(fd.codes[i] ?? k + 1, k);
    ctx.beginPath();
    for (let s = 0; s < fd.length; s++) {
      const u = fd.predictions[s * row + i * k + shown[i]];
      const X = px(f, logTime(fd.times[s])), Y = py(f, even ? Math.abs(u) : u);
      if (s === 0) ctx.moveTo(X, Y);
      else ctx.lineTo(X, Y);
    }
    ctx.stroke();
  }
  ctx.restore();
}
