// Colours of every 2-D plot for the current theme: text, grid and marks from the page's CSS
// variables, series from the shared palette (src/view/palette.ts). A palette colour is
// drawn for the view's dark ground; on a light panel yellow and white would vanish (the old
// overlaps plot above β_c), so each series colour is moved in lightness until it keeps at
// least 3:1 contrast with the panel. Hue is kept, so a series still names the same thing.
import { hcl, rgb } from 'd3-color';
import { codeColour, OTHER_COLOUR } from '../view/palette.ts';
import { useTheme, type Theme } from '../view/theme.ts';

/** WCAG's minimum contrast for graphical objects. */
export const MIN_CONTRAST = 3;

function luminance(colour: string): number {
  const c = rgb(colour);
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

/** WCAG contrast ratio of two colours (1 … 21). */
export function contrast(a: string, b: string): number {
  const la = luminance(a), lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The colour, darkened on a light background or lightened on a dark one, until it reaches `min` contrast. */
export function readableOn(colour: string, background: string, min = MIN_CONTRAST): string {
  const c = hcl(colour);
  if (Number.isNaN(c.l)) return colour;
  const step = luminance(background) > 0.4 ? -3 : 3;
  for (let i = 0; i < 40 && contrast(c.formatHex(), background) < min; i++) {
    c.l = Math.min(100, Math.max(0, c.l + step));
    // keep the hue: chroma beyond the gamut would be clipped to a different hue
    if (!c.displayable()) c.c *= 0.9;
  }
  return c.formatHex();
}

export interface ChartTheme {
  theme: Theme;
  /** panel background the plots sit on */
  panel: string;
  fg: string;
  muted: string;
  grid: string;
  accent: string;
  saddle: string;
  minimum: string;
  /** neither recovered nor at the average (palette's "other") */
  other: string;
  /** neuron code c of a run with k index vectors (index vectors, then the average, then other) */
  code(c: number, k: number): string;
  /** axis text size in CSS pixels: larger on a projector */
  fontPx: number;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

/** Reads the theme now applied to the page (call after the theme changed, not per frame). */
function readChartTheme(theme: Theme): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const panel = cssVar(style, '--panel', theme === 'light' ? '#ffffff' : '#171e2e');
  const fg = cssVar(style, '--fg', theme === 'light' ? '#172032' : '#e8ecf4');
  const codes = new Map<string, string>();
  return {
    theme,
    panel,
    fg,
    muted: cssVar(style, '--muted', '#a3aec4'),
    grid: cssVar(style, '--border', '#34415f'),
    accent: readableOn(cssVar(style, '--accent', '#f1c453'), panel),
    saddle: readableOn(cssVar(style, '--saddle', '#f4845f'), panel),
    minimum: readableOn(cssVar(style, '--minimum', '#6cd4a4'), panel),
    other: readableOn(OTHER_COLOUR, panel),
    code(c, k) {
      const key = `${c}/${k}`;
      let out = codes.get(key);
      if (out === undefined) {
        // the average is white in the 3-D view: on a plot it is the text colour of the theme
        out = c === k ? fg : readableOn(codeColour(c, k), panel);
        codes.set(key, out);
      }
      return out;
    },
    fontPx: typeof window !== 'undefined' && window.innerWidth >= 1800 ? 14 : 12,
  };
}

let cached: ChartTheme | null = null;

/** The chart theme, re-rendering the caller when the page's theme switches. */
export function useChartTheme(): ChartTheme {
  const theme = useTheme();
  if (!cached || cached.theme !== theme) cached = readChartTheme(theme);
  return cached;
}
