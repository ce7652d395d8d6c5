// Reference marks on a uPlot chart that are data, not axes: threshold lines (β_c, u*), a shaded
// window, a marked point. uPlot draws the axes, ticks, grid and legend; this plugin only adds
// these marks in data coordinates, read from `get` at every redraw.
import type uPlot from 'uplot';

export interface RefLine {
  axis: 'x' | 'y';
  value: number;
  colour: string;
  label?: string;
  dashed?: boolean;
}

export interface Shade {
  from: number;
  to: number;
  colour: string;
  label?: string;
}

export interface MarkedPoint {
  x: number;
  y: number;
  fill: string;
  stroke: string;
}

export interface Annotations {
  lines?: RefLine[];
  shades?: Shade[];
  points?: MarkedPoint[];
  fontPx?: number;
  /** the chart's background: the lines' labels are outlined in it, so curves under them do not cut through the letters */
  halo?: string;
}

/** A label in the current fill, over an outline in `halo` where given. */
function labelText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, halo: string | undefined, dpr: number): void {
  if (halo) {
    ctx.save();
    ctx.setLineDash([]);
    ctx.strokeStyle = halo;
    ctx.lineWidth = 4 * dpr;
    ctx.lineJoin = 'round';
    ctx.strokeText(text, x, y);
    ctx.restore();
  }
  ctx.fillText(text, x, y);
}

export function annotationsPlugin(get: () => Annotations): uPlot.Plugin {
  return {
    hooks: {
      // shades go under the series, lines and points over them
      drawAxes: (u) => {
        const { shades = [], fontPx = 12 } = get();
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        for (const s of shades) {
          const a = u.valToPos(s.from, 'x', true), b = u.valToPos(s.to, 'x', true);
          ctx.fillStyle = s.colour;
          ctx.globalAlpha = 0.28;
          ctx.fillRect(Math.min(a, b), top, Math.abs(b - a), height);
          // a window narrower than its label keeps it unnamed: the label would spill over the
          // lines and marks around it (the threshold chart's zoom below names it)
          ctx.font = `${fontPx * devicePixelRatio}px system-ui, sans-serif`;
          if (s.label && Math.abs(b - a) >= ctx.measureText(s.label).width + 6 * devicePixelRatio) {
            ctx.globalAlpha = 1;
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(s.label, (a + b) / 2, top + height - 3 * devicePixelRatio);
          }
        }
        ctx.restore();
      },
      draw: (u) => {
        const { lines = [], points = [], fontPx = 12, halo } = get();
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        const dpr = devicePixelRatio;
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, top, width, height);
        ctx.clip();
        ctx.font = `${fontPx * dpr}px system-ui, sans-serif`;
        for (const l of lines) {
          if (!Number.isFinite(l.value)) continue;
          const at = u.valToPos(l.value, l.axis === 'x' ? 'x' : 'y', true);
          ctx.strokeStyle = ctx.fillStyle = l.colour;
          ctx.lineWidth = 1.5 * dpr;
          ctx.setLineDash(l.dashed === false ? [] : [5 * dpr, 4 * dpr]);
          ctx.beginPath();
          if (l.axis === 'x') {
            ctx.moveTo(at, top);
            ctx.lineTo(at, top + height);
          } else {
            ctx.moveTo(left, at);
            ctx.lineTo(left + width, at);
          }
          ctx.stroke();
          if (!l.label) continue;
          if (l.axis === 'x') {
            const right = at < left + width - 80 * dpr;
            ctx.textAlign = right ? 'left' : 'right';
            ctx.textBaseline = 'top';
            labelText(ctx, l.label, at + (right ? 4 : -4) * dpr, top + 3 * dpr, halo, dpr);
          } else {
            ctx.textAlign = 'right';
            ctx.textBaseline = 'bottom';
            labelText(ctx, l.label, left + width - 4 * dpr, at - 2 * dpr, halo, dpr);
          }
        }
        ctx.setLineDash([]);
        for (const p of points) {
          if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
          ctx.fillStyle = p.fill;
          ctx.strokeStyle = p.stroke;
          ctx.lineWidth = 1.5 * dpr;
          ctx.beginPath();
          ctx.arc(u.valToPos(p.x, 'x', true), u.valToPos(p.y, 'y', true), 5 * dpr, 0, 2 * Math.PI);
          ctx.fill();
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}
