// What the colour key of the neurons says, for the view's key (Legend.tsx) and the saved image:
// its entries, each a text after one swatch or, for many index vectors, after a strip of them.
import { AVERAGE_COLOUR, codeColour, indexGlyph, OTHER_COLOUR, type Glyph } from '../view/palette.ts';
import { vectorLabel } from './labels.ts';

/**
 * Up to this many index vectors the key names each one. Past it a full key takes two to five
 * rows over the sphere's foot (on a projector or a phone), while each vector's label on the
 * sphere already shows its colour and shape: the key then shows them in one strip.
 */
const NAMED_MAX = 6;

export interface Swatch {
  colour: string;
  glyph: Glyph;
}

export interface KeyEntry {
  text: string;
  /** one swatch, or the strip of every index vector's (drawn smaller) */
  swatches: Swatch[];
}

export function colourKey(k: number): KeyEntry[] {
  const vectors = Array.from({ length: k }, (_, j): Swatch => ({ colour: codeColour(j, k), glyph: indexGlyph(j) }));
  const perVector = k <= NAMED_MAX
    ? vectors.map((s, j) => ({ text: `→ ${vectorLabel(j)}`, swatches: [s] }))
    : [{ text: `→ ${vectorLabel(0)} … ${vectorLabel(k - 1)}, as labelled`, swatches: vectors }];
  return [
    ...perVector,
    ...(k >= 2 ? [{ text: 'at w̄', swatches: [{ colour: AVERAGE_COLOUR, glyph: 'disc' as Glyph }] }] : []),
    { text: 'other', swatches: [{ colour: OTHER_COLOUR, glyph: 'disc' as Glyph }] },
  ];
}
