import { describe, expect, it } from 'vitest';
import { AVERAGE_COLOUR, codeColour, OTHER_COLOUR } from '../view/palette.ts';
import { contrast, MIN_CONTRAST, readableOn } from './chartTheme.ts';

const PANELS = { dark: '#171e2e', light: '#ffffff' };

describe('plot colours from the shared palette', () => {
  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it('every code colour reaches 3:1 on both panels, keeping its hue family', () => {
    for (const k of [1, 3, 8, 16]) {
      for (let c = 0; c < k + 2; c++) {
        for (const panel of Object.values(PANELS)) {
          const out = readableOn(codeColour(c, k), panel);
          expect(contrast(out, panel), `${codeColour(c, k)} on ${panel}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
        }
      }
    }
    // the failures that made the light theme unreadable before: white and yellow on white
    expect(contrast(AVERAGE_COLOUR, PANELS.light)).toBeLessThan(MIN_CONTRAST);
    expect(contrast(readableOn('#ffd23f', PANELS.light), PANELS.light)).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrast(readableOn(OTHER_COLOUR, PANELS.light), PANELS.light)).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it('leaves a colour alone when it is readable already', () => {
    expect(readableOn('#4ea8ff', PANELS.dark)).toBe('#4ea8ff');
  });
});
