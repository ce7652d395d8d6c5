// Colours of the neuron codes (frameData.codes): one per index vector, then "at average" and
// "other". A categorical palette designed to stay distinct for colour-blind viewers, on the
// dark view and on a projector; beyond eight index vectors the glyph tells them apart too.
// Everything that draws an index vector (the 3-D view, the plots, the basin map, the saved
// image) takes its colour from here, so a vector has one colour everywhere.

/**
 * Categorical colours of the index vectors, safe for colour-blind viewers: six chromatic
 * colours of the Okabe–Ito palette (its black is unusable on the dark view), a light violet in
 * place of its blue, and Paul Tol's pink as the eighth. They stay apart under
 * protanopia, deuteranopia and tritanopia in lightness as well as hue; index vectors 9…16 reuse
 * them with a second glyph (indexGlyph), and every label names its vector.
 */
export const INDEX_COLOURS = [
  '#56b4e9', // sky blue
  '#e69f00', // orange
  '#009e73', // bluish green
  '#f0e442', // yellow
  '#d55e00', // vermillion
  '#cc79a7', // reddish purple
  '#a898ff', // violet: Okabe–Ito's blue (#0072b2), lightened to read on the dark view, sat too close to the sky blue of v₁ to tell apart at a glance
  '#ffaabb', // pink (Tol)
] as const;

/** Marker shapes: index vectors 1–8 are discs, 9–16 diamonds (with the same eight colours). */
const GLYPHS = ['disc', 'diamond'] as const;
export type Glyph = (typeof GLYPHS)[number];

/** Shape of the neurons heading for (and the legend entry of) index vector j. */
export function indexGlyph(j: number): Glyph {
  return GLYPHS[Math.min(GLYPHS.length - 1, Math.floor(j / INDEX_COLOURS.length))];
}

export const AVERAGE_COLOUR = '#ffffff';
// darker than a mid grey: #7c879c sat 5 ΔE from v₆'s reddish purple for a protanope (palette.test.ts)
export const OTHER_COLOUR = '#5a6376';
/** Marker of the average point by its kind; the same values as --saddle / --minimum in app.css. */
export const SADDLE_COLOUR = '#f4845f';
export const MINIMUM_COLOUR = '#6cd4a4';
export const DEGENERATE_COLOUR = '#f1c453';

/** Colour of index vector j (0-based); k is kept for callers that pass it. */
export function indexColour(j: number, _k?: number): string {
  return INDEX_COLOURS[j % INDEX_COLOURS.length];
}

/** Hex colour of code c for a run with k index vectors. */
export function codeColour(c: number, k: number): string {
  if (c < k) return indexColour(c, k);
  return c === k ? AVERAGE_COLOUR : OTHER_COLOUR;
}
