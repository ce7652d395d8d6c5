// Colours of the neuron codes (frameData.codes): one per index vector, then "at average" and
// "other". Chosen to stay distinct from each other on the dark background and on a projector;
// the average colour matches the saddle/minimum marker family only through the marker itself.
import { Color } from 'three';

/** One colour per index vector for k ≤ 8; larger k spreads hues evenly instead. */
export const INDEX_COLOURS = [
  '#4ea8ff', // blue
  '#ff5fa2', // pink
  '#ffd23f', // yellow
  '#9b7bff', // violet
  '#3fe0d0', // teal
  '#ff8c42', // orange
  '#b8f25c', // lime
  '#ff6b6b', // red
] as const;

export const AVERAGE_COLOUR = '#ffffff';
export const OTHER_COLOUR = '#7c879c';
/** Marker of the average point by its kind; the same values as --saddle / --minimum in app.css. */
export const SADDLE_COLOUR = '#f4845f';
export const MINIMUM_COLOUR = '#6cd4a4';
export const DEGENERATE_COLOUR = '#f1c453';

export function indexColour(j: number, k: number): string {
  if (k <= INDEX_COLOURS.length) return INDEX_COLOURS[j];
  const hue = Math.round((j * 360) / k + 210) % 360;
  return `hsl(${hue}, 85%, ${j % 2 === 0 ? 62 : 72}%)`;
}

/** Hex colour of code c for a run with k index vectors. */
export function codeColour(c: number, k: number): string {
  if (c < k) return indexColour(c, k);
  return c === k ? AVERAGE_COLOUR : OTHER_COLOUR;
}

/** Linear RGB triples of codes 0..k+1, for writing straight into colour buffers. */
export function codeRgbTable(k: number): Float32Array {
  const out = new Float32Array((k + 2) * 3);
  const c = new Color();
  for (let code = 0; code < k + 2; code++) {
    c.set(codeColour(code, k));
    out[code * 3] = c.r;
    out[code * 3 + 1] = c.g;
    out[code * 3 + 2] = c.b;
  }
  return out;
}
