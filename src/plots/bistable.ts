// The bistable window [β_c, β_fold] on a β axis (science.md §7): there w̄ is already a minimum
// and the distorted minima near the v_j still exist, so where a neuron ends depends on its start.
import { type Frame, px, referenceLine } from './canvas.ts';

/** Each fold paired with the last β_c below it: the windows where both kinds of minima exist. */
export function bistableWindows(betaC: number[], betaFold: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const bf of betaFold) {
    const below = betaC.filter((b) => b < bf);
    if (below.length > 0) out.push([below[below.length - 1], bf]);
  }
  return out;
}

export const BISTABLE_FILL = 'rgba(241, 196, 83, 0.16)';
export const FOLD_COLOUR = '#a872e8';

/** Shades each window over the plot's height and marks β_fold (labelled below β_c's label). */
export function drawBistable(f: Frame, betaC: number[], betaFold: number[]): void {
  const { ctx } = f;
  ctx.save();
  ctx.fillStyle = BISTABLE_FILL;
  for (const [a, b] of bistableWindows(betaC, betaFold)) {
    const x0 = px(f, Math.max(a, f.x[0])), x1 = px(f, Math.min(b, f.x[1]));
    if (x1 > x0) ctx.fillRect(x0, f.top, Math.max(x1 - x0, 2), f.height);
  }
  ctx.restore();
  betaFold.forEach((b, i) => {
    referenceLine(f, 'x', b, FOLD_COLOUR);
    if (b < f.x[0] || b > f.x[1]) return;
    ctx.save();
    ctx.fillStyle = FOLD_COLOUR;
    ctx.font = '11px system-ui, sans-serif';
    const x = px(f, b);
    const right = x < f.left + f.width - 64;
    ctx.textAlign = right ? 'left' : 'right';
    ctx.textBaseline = 'top';
    ctx.fillText(`β_fold${betaFold.length > 1 ? i + 1 : ''} = ${b.toPrecision(3)}`, x + (right ? 4 : -4), f.top + 17);
    ctx.restore();
  });
}

/** One sentence for the plots' text alternatives. */
export function describeBistable(betaC: number[], betaFold: number[]): string {
  const w = bistableWindows(betaC, betaFold);
  if (w.length === 0) return '';
  return ` Both minima coexist (bistable, the outcome depends on the start) for β in ${w.map(([a, b]) => `[${a.toPrecision(3)}, ${b.toPrecision(3)}]`).join(' and ')}, shaded.`;
}
