// What the colour key of the neurons says, for the view's key (Legend.tsx) and the saved image.
import { AVERAGE_COLOUR, codeColour, indexGlyph, OTHER_COLOUR, type Glyph } from '../view/palette.ts';
import { vectorLabel } from './labels.ts';

/**
 * Up to this many index vectors the key names each one. Past it a full key takes two to five
 * rows over the sphere's foot (on a projector or a phone), while each vector's label on the
 * sphere already shows its colour and shape: the key then shows them in one strip.
 */
const NAMED_MAX = 6;

export interface KeyEntry {
  text: string;
  colour: string;
  glyph: Glyph;
}

export interface ColourKey {
  /** each index vector's colour and shape, in order */
  vectors: KeyEntry[];
  /** whether each vector has an entry of its own (else one strip, with `stripText`) */
  named: boolean;
  stripText: string;
  /** at w̄ (k ≥ 2) and other */
  rest: KeyEntry[];
}

export function colourKey(k: number): ColourKey {
  const vectors = Array.from({ length: k }, (_, j): KeyEntry => ({ text: `→ ${vectorLabel(j)}`, colour: codeColour(j, k), glyph: indexGlyph(j) }));
  return {
    vectors,
    named: k <= NAMED_MAX,
    stripText: k > 0 ? `→ ${vectorLabel(0)} … ${vectorLabel(k - 1)}, as labelled` : '',
    rest: [
      ...(k >= 2 ? [{ text: 'at w̄', colour: AVERAGE_COLOUR, glyph: 'disc' as Glyph }] : []),
      { text: 'other', colour: OTHER_COLOUR, glyph: 'disc' as Glyph },
    ],
  };
}
