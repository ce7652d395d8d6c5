// The index vectors' colours stay apart for every viewer: pairwise distances in CIELAB (ΔE, CIE
// 1976) between the eight colours, as seen with normal vision and as simulated for protanopia
// and deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1, applied in linear sRGB).
// Past eight index vectors the colours repeat with the second glyph, so a pair that shares a
// colour is told apart by its shape; the test checks that rule too.
import { describe, expect, it } from 'vitest';
import { AVERAGE_COLOUR, INDEX_COLOURS, OTHER_COLOUR, indexColour, indexGlyph } from './palette.ts';

type Rgb = [number, number, number];

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function linearRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [toLinear(((n >> 16) & 255) / 255), toLinear(((n >> 8) & 255) / 255), toLinear((n & 255) / 255)];
}

const PROTANOPIA = [
  [0.152286, 1.052583, -0.204868],
  [0.114503, 0.786281, 0.099216],
  [-0.003882, -0.048116, 1.051998],
];
const DEUTERANOPIA = [
  [0.367322, 0.860646, -0.227968],
  [0.280085, 0.672501, 0.047413],
  [-0.01182, 0.04294, 0.968881],
];

function simulate(m: number[][] | null, c: Rgb): Rgb {
  if (!m) return c;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return [0, 1, 2].map((i) => clamp(m[i][0] * c[0] + m[i][1] * c[1] + m[i][2] * c[2])) as Rgb;
}

function lab([r, g, b]: Rgb): Rgb {
  // linear sRGB → XYZ (D65) → CIELAB
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const deltaE = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

function closestPair(colours: readonly string[], vision: number[][] | null) {
  const labs = colours.map((c) => lab(simulate(vision, linearRgb(c))));
  let min = { d: Infinity, pair: '' };
  for (let i = 0; i < labs.length; i++)
    for (let j = 0; j < i; j++) {
      const d = deltaE(labs[i], labs[j]);
      if (d < min.d) min = { d, pair: `${colours[j]} ${colours[i]}` };
    }
  return min;
}

describe('index-vector palette', () => {
  for (const [name, vision, floor] of [
    ['normal vision', null, 20],
    ['protanopia', PROTANOPIA, 11],
    ['deuteranopia', DEUTERANOPIA, 11],
  ] as const) {
    it(`its eight colours and the neutral codes stay apart with ${name}`, () => {
      const { d, pair } = closestPair([...INDEX_COLOURS, AVERAGE_COLOUR, OTHER_COLOUR], vision);
      expect(d, `closest pair ${pair}`).toBeGreaterThan(floor);
    });
  }

  it('sixteen index vectors: two that share a colour never share a glyph', () => {
    const seen = new Set<string>();
    for (let j = 0; j < 16; j++) {
      const key = `${indexColour(j, 16)} ${indexGlyph(j)}`;
      expect(seen.has(key), `v${j + 1}: ${key}`).toBe(false);
      seen.add(key);
    }
  });

  it('the simulation is sound: it merges red and green for a deuteranope, not for a normal eye', () => {
    const [red, green] = ['#d62728', '#8c8c00'];
    expect(deltaE(lab(linearRgb(red)), lab(linearRgb(green)))).toBeGreaterThan(30);
    expect(deltaE(lab(simulate(DEUTERANOPIA, linearRgb(red))), lab(simulate(DEUTERANOPIA, linearRgb(green))))).toBeLessThan(
      deltaE(lab(linearRgb(red)), lab(linearRgb(green))) / 2,
    );
  });
});
