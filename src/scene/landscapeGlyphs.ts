// One glyph per type of critical point, shared by the 3-D markers and their key, so a shape
// and a colour mean the same on the sphere and in the legend (shapes tell them apart without colour).
import type { CriticalPointKind } from '../core/analysis/criticalPoints.ts';
import { DEGENERATE_COLOUR, MINIMUM_COLOUR, SADDLE_COLOUR } from '../view/palette.ts';

export interface CriticalGlyph {
  /** a regular polygon: 32 sides is a disc */
  sides: number;
  rotation: number;
  colour: string;
  /** the CSS shape of the key's swatch */
  swatch: string;
  /** singular and plural, for the key */
  names: [string, string];
}

export const MAXIMUM_COLOUR = '#e8587a';

export const CRITICAL_GLYPHS: Record<CriticalPointKind, CriticalGlyph> = {
  minimum: { sides: 32, rotation: 0, colour: MINIMUM_COLOUR, swatch: 'disc', names: ['minimum', 'minima'] },
  saddle: { sides: 4, rotation: 0, colour: SADDLE_COLOUR, swatch: 'diamond', names: ['saddle', 'saddles'] },
  maximum: { sides: 3, rotation: Math.PI / 2, colour: MAXIMUM_COLOUR, swatch: 'triangle', names: ['maximum', 'maxima'] },
  degenerate: { sides: 4, rotation: Math.PI / 4, colour: DEGENERATE_COLOUR, swatch: 'square', names: ['degenerate', 'degenerate'] },
};

export const CRITICAL_KINDS: readonly CriticalPointKind[] = ['minimum', 'saddle', 'maximum', 'degenerate'];
