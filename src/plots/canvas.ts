// Drawing helpers shared by the plots: a DPR-aware canvas, a plot frame with ticks and axis
// titles, and data-to-pixel mapping.
import type { Tick } from './axes.ts';

export const PLOT_COLOURS = {
  text: '#e8ecf4',
  muted: '#9aa6bd',
  grid: '#26304a',
  axis: '#56627d',
  accent: '#f1c453',
  saddle: '#f4845f',
  minimum: '#6cd4a4',
};

export interface Frame {
  ctx: CanvasRenderingContext2D;
  /** CSS size of the whole canvas */
  cssWidth: number;
  cssHeight: number;
  /** plot area in CSS pixels */
  left: number;
  top: number;
  width: number;
  height: number;
  x: [number, number];
  y: [number, number];
}

/** CSS variables behind the colours; re-read now and then so a theme switch reaches the plots. */
const THEME_VARS: [keyof typeof PLOT_COLOURS, string][] = [
  ['text', '--fg'], ['muted', '--muted'], ['grid', '--border'], ['accent', '--accent'], ['saddle', '--saddle'], ['minimum', '--minimum'],
];
let themeReadAt = -Infinity;

function followTheme(el: Element): void {
  const now = performance.now();
  if (now - themeReadAt < 500) return;
  themeReadAt = now;
  const style = getComputedStyle(el);
  for (const [key, v] of THEME_VARS) {
    const value = style.getPropertyValue(v).trim();
    if (value) PLOT_COLOURS[key] = value;
  }
  PLOT_COLOURS.axis = PLOT_COLOURS.muted;
}

export const MARGIN = { left: 46, right: 10, top: 10, bottom: 34 };

/** A canvas with its CSS size as last measured (reading clientWidth per frame would force layout). */
export interface Surface {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D | null;
  width: number;
  height: number;
}

/** Sizes the backing store to the CSS size × devicePixelRatio and clears it; null if hidden. */
export function prepare(surface: Surface): CanvasRenderingContext2D | null {
  const { canvas, width: w, height: h } = surface;
  if (w === 0 || h === 0) return null;
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  const bw = Math.round(w * dpr), bh = Math.round(h * dpr);
  if (canvas.width !== bw || canvas.height !== bh) {
    canvas.width = bw;
    canvas.height = bh;
  }
  const ctx = (surface.ctx ??= canvas.getContext('2d'));
  if (!ctx) return null;
  followTheme(canvas);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  return ctx;
}

export function frameOf(ctx: CanvasRenderingContext2D, surface: Surface, x: [number, number], y: [number, number]): Frame {
  const w = surface.width, h = surface.height;
  return { ctx, cssWidth: w, cssHeight: h, left: MARGIN.left, top: MARGIN.top, width: w - MARGIN.left - MARGIN.right, height: h - MARGIN.top - MARGIN.bottom, x, y };
}

export const px = (f: Frame, v: number) => f.left + ((v - f.x[0]) / (f.x[1] - f.x[0] || 1)) * f.width;
export const py = (f: Frame, v: number) => f.top + (1 - (v - f.y[0]) / (f.y[1] - f.y[0] || 1)) * f.height;

/** Grid lines, tick labels and axis titles. */
export function drawAxes(f: Frame, xTicks: Tick[], yTicks: Tick[], xTitle: string, yTitle: string): void {
  const { ctx } = f;
  ctx.save();
  ctx.lineWidth = 1;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillStyle = PLOT_COLOURS.muted;
  ctx.strokeStyle = PLOT_COLOURS.grid;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xTicks) {
    const x = Math.round(px(f, t.value)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, f.top);
    ctx.lineTo(x, f.top + f.height);
    ctx.stroke();
    ctx.fillText(t.label, x, f.top + f.height + 4);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yTicks) {
    const y = Math.round(py(f, t.value)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(f.left, y);
    ctx.lineTo(f.left + f.width, y);
    ctx.stroke();
    ctx.fillText(t.label, f.left - 5, y);
  }
  ctx.strokeStyle = PLOT_COLOURS.axis;
  ctx.strokeRect(f.left + 0.5, f.top + 0.5, f.width - 1, f.height - 1);
  ctx.fillStyle = PLOT_COLOURS.text;
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(xTitle, f.left + f.width / 2, f.top + f.height + MARGIN.bottom);
  ctx.translate(11, f.top + f.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(yTitle, 0, 0);
  ctx.restore();
}

/** A horizontal or vertical reference line, dashed, with an optional label. */
export function referenceLine(f: Frame, axis: 'x' | 'y', value: number, colour: string, label = '', dashed = true): void {
  const { ctx } = f;
  const inside = axis === 'x' ? value >= f.x[0] && value <= f.x[1] : value >= f.y[0] && value <= f.y[1];
  if (!inside) return;
  ctx.save();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = 1.5;
  if (dashed) ctx.setLineDash([4, 3]);
  ctx.beginPath();
  if (axis === 'x') {
    const x = px(f, value);
    ctx.moveTo(x, f.top);
    ctx.lineTo(x, f.top + f.height);
  } else {
    const y = py(f, value);
    ctx.moveTo(f.left, y);
    ctx.lineTo(f.left + f.width, y);
  }
  ctx.stroke();
  if (label) {
    ctx.font = '11px system-ui, sans-serif';
    if (axis === 'x') {
      const x = px(f, value);
      const right = x < f.left + f.width - 48;
      ctx.textAlign = right ? 'left' : 'right';
      ctx.textBaseline = 'top';
      ctx.fillText(label, x + (right ? 4 : -4), f.top + 3);
    } else {
      ctx.textAlign = 'right';
      ctx.textBaseline = 'bottom';
      ctx.fillText(label, f.left + f.width - 4, py(f, value) - 2);
    }
  }
  ctx.restore();
}

/** Clips subsequent drawing to the plot area (call ctx.restore() after). */
export function clipToPlot(f: Frame): void {
  f.ctx.save();
  f.ctx.beginPath();
  f.ctx.rect(f.left, f.top, f.width, f.height);
  f.ctx.clip();
}
