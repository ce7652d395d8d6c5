// "Save image": what the screen shows of the run, as one PNG composed on a 2-D canvas — the
// WebGL view at its own pixel ratio (or scaled to a chosen width), its labels where the
// layout placed them, the colour key, and a band under it with the time, the counts and the
// parameters in the current theme's colours. Everything is drawn, nothing is captured from
// the DOM as an image.
import type { OutcomeCounts } from '../../core/outcomes/classify.ts';
import { colourKey } from '../../scene/colourKey.ts';
import { vectorLabel } from '../../scene/labels.ts';
import { sceneLabels } from '../../scene/sceneLabels.ts';
import { fittedScale, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, viewCapture } from '../../scene/viewCapture.ts';
import type { Params } from '../../url/schema.ts';
import { formatNumber } from '../../view/format.ts';

export interface ImageFacts {
  params: Params;
  t: number;
  tEnd: number | null;
  counts: OutcomeCounts | null;
  k: number;
}

function themeColours(): { bg: string; fg: string; muted: string } {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { bg: v('--bg', '#0f1420'), fg: v('--fg', '#e8ecf4'), muted: v('--muted', '#a3aec4') };
}

/** Text lines of the band under the view. */
function captionLines(f: ImageFacts): string[] {
  const p = f.params;
  const geometry = p.geom === 'equi' ? `equiangular β = ${p.beta}` : p.geom === 'orth' ? 'orthogonal' : 'custom Gram';
  const lines = [`t = ${formatNumber(f.t, 4)}${f.tEnd !== null ? ` / T = ${formatNumber(f.tEnd, 4)}` : ''} · k = ${p.k}, n = ${p.n}, d = ${p.d}, p = ${p.p}, ${geometry}, seed ${p.seed}`];
  const c = f.counts;
  if (c) {
    const per = c.attracted.map((a, j) => `${vectorLabel(j)} ${c.recovered[j]}/${a}`).join('  ');
    lines.push(`recovered/attracted (tol ${p.tol}): ${per}`);
    lines.push(`at average ${c.atAverage} · other ${c.other}`);
  }
  return lines;
}

function drawSwatch(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string, diamond: boolean) {
  ctx.beginPath();
  if (diamond) {
    ctx.moveTo(x, y - r);
    ctx.lineTo(x + r, y);
    ctx.lineTo(x, y + r);
    ctx.lineTo(x - r, y);
    ctx.closePath();
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.lineWidth = Math.max(1, r / 3);
  ctx.strokeStyle = '#05070d';
  ctx.stroke();
}

/**
 * The composed image, `scale` image pixels per CSS pixel of the view (default: the WebGL
 * canvas's own, i.e. the screen's pixel ratio). Null when the view is not drawn.
 */
/** The page's 3-D view and its WebGL canvas, when drawn. */
function drawnView(): { view: HTMLElement; gl: HTMLCanvasElement } | null {
  const view = document.querySelector<HTMLElement>('[data-testid=flow-canvas]');
  const gl = view?.querySelector('canvas');
  return view && gl && gl.width > 0 ? { view, gl } : null;
}

function composeViewImage(facts: ImageFacts, scale?: number): HTMLCanvasElement | null {
  const drawn = drawnView();
  if (!drawn) return null;
  const { view, gl } = drawn;
  const cssW = view.clientWidth, cssH = view.clientHeight;
  const s = scale ?? gl.width / cssW;
  const theme = themeColours();
  const lines = captionLines(facts);
  const lineH = 18;
  const band = 12 + lines.length * lineH;
  const out = document.createElement('canvas');
  out.width = Math.round(cssW * s);
  out.height = Math.round((cssH + band) * s);
  const ctx = out.getContext('2d');
  if (!ctx) return null;
  ctx.scale(s, s);
  ctx.fillStyle = '#0a0e17';
  ctx.fillRect(0, 0, cssW, cssH);
  ctx.drawImage(gl, 0, 0, cssW, cssH);

  // the labels, at the boxes the layout gave them, in their own colours and fonts
  ctx.textBaseline = 'middle';
  for (const label of sceneLabels.list) {
    if (!label.box || label.el.hidden) continue;
    const style = getComputedStyle(label.el);
    const coloured = label.el.querySelector<HTMLElement>('.vector-label span');
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    ctx.fillStyle = coloured ? getComputedStyle(coloured).color : style.color;
    ctx.shadowColor = '#000';
    ctx.shadowBlur = 4;
    const text = (label.el.textContent ?? '').split('\n');
    text.forEach((line, i) => ctx.fillText(line, label.box!.x + 2, label.box!.y + (i + 0.5) * (label.box!.h / text.length)));
    ctx.shadowBlur = 0;
  }

  // the colour key along the bottom edge of the view
  ctx.font = `13px system-ui, sans-serif`;
  // (as the view's key: one strip of the vectors' swatches past a few of them)
  const STRIP_STEP = 9;
  let x = 10, y = cssH - 14;
  for (const e of colourKey(facts.k)) {
    const strip = e.swatches.length > 1;
    const swatches = strip ? e.swatches.length * STRIP_STEP : 0;
    const w = swatches + 20 + ctx.measureText(e.text).width + 12;
    if (x + w > cssW - 8) {
      x = 10;
      y -= 18;
    }
    if (strip) e.swatches.forEach((v, j) => drawSwatch(ctx, x + 4 + j * STRIP_STEP, y, 3.5, v.colour, v.glyph === 'diamond'));
    else drawSwatch(ctx, x + 6, y, 5, e.swatches[0].colour, e.swatches[0].glyph === 'diamond');
    ctx.fillStyle = '#e8ecf4';
    ctx.fillText(e.text, x + (strip ? swatches + 4 : 15), y);
    x += w;
  }

  // time, counts and parameters under the view, in the page's theme
  ctx.fillStyle = theme.bg;
  ctx.fillRect(0, cssH, cssW, band);
  ctx.fillStyle = theme.fg;
  ctx.font = `14px system-ui, sans-serif`;
  lines.forEach((line, i) => ctx.fillText(line, 8, cssH + 6 + (i + 0.5) * lineH, cssW - 16));
  return out;
}

/** Save image sizes: the screen's own pixels, or the view rendered again at 2× or 4× (slides, print). */
export const IMAGE_SIZES = [
  { value: 'screen', label: 'as on screen' },
  { value: '2', label: '2× (slides)' },
  { value: '4', label: '4× (print)' },
] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number]['value'];

/**
 * The composed image at a chosen size. A larger size renders the view again at that pixel ratio
 * (never an enlargement of the screen's pixels); one too large for the limits is reduced, and
 * `note` says so.
 */
export async function saveImageAt(size: ImageSize, facts: ImageFacts): Promise<{ canvas: HTMLCanvasElement; note: string } | null> {
  const drawn = drawnView();
  if (!drawn) return null;
  const { view, gl } = drawn;
  const render = viewCapture.get(gl);
  if (size === 'screen' || !render) {
    const canvas = composeViewImage(facts);
    return canvas ? { canvas, note: '' } : null;
  }
  const wanted = Number(size);
  const scale = fittedScale(wanted, view.clientWidth, view.clientHeight);
  const restore = await render(scale);
  try {
    const canvas = composeViewImage(facts, scale);
    const note =
      scale < wanted
        ? ` (${wanted}× would be ${Math.round(view.clientWidth * wanted)} × ${Math.round(view.clientHeight * wanted)} pixels, over the limit of ${MAX_IMAGE_SIDE} per side and ${MAX_IMAGE_PIXELS / 1e6} megapixels: saved at ${Number(scale.toFixed(2))}×)`
        : '';
    return canvas ? { canvas, note } : null;
  } finally {
    restore();
  }
}
