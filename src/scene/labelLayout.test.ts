import { describe, expect, it } from 'vitest';
import { placeLabels, rectsOverlap, type LabelItem } from './labelLayout.ts';

const label = (ax: number, ay: number, dx: number, dy: number, w = 60, h = 24): LabelItem => ({ ax, ay, w, h, dx, dy, gap: 6 });

describe('label placement', () => {
  it('keeps a lone label on its preferred side, clear of its anchor', () => {
    const [r] = placeLabels([label(200, 200, 1, 0)], 400, 400);
    expect(r.x).toBeGreaterThanOrEqual(206);
    expect(r.y + r.h / 2).toBeCloseTo(200, 6);
  });

  it('sixteen labels anchored on a small ellipse never overlap and stay inside the view', () => {
    const items: LabelItem[] = [];
    for (let j = 0; j < 16; j++) {
      const a = (2 * Math.PI * j) / 16;
      items.push(label(187 + 60 * Math.cos(a), 187 + 20 * Math.sin(a), Math.cos(a), Math.sin(a), 58, 22));
    }
    items.push(label(187, 187, 0, 1, 150, 36)); // a wide label under the centre
    const rects = placeLabels(items, 375, 375);
    for (let i = 0; i < rects.length; i++) {
      expect(rects[i].x).toBeGreaterThanOrEqual(0);
      expect(rects[i].y).toBeGreaterThanOrEqual(0);
      expect(rects[i].x + rects[i].w).toBeLessThanOrEqual(375);
      expect(rects[i].y + rects[i].h).toBeLessThanOrEqual(375);
      for (let j = 0; j < i; j++) expect(rectsOverlap(rects[i], rects[j])).toBe(false);
    }
  });

  it('keeps labels off blocked areas (buttons over the view)', () => {
    const tools = { x: 150, y: 0, w: 250, h: 40 };
    const [r] = placeLabels([label(210, 20, 0, -1)], 400, 400, 2, [tools]);
    expect(rectsOverlap(r, tools)).toBe(false);
  });

  it('two labels on the same anchor are placed apart', () => {
    const [a, b] = placeLabels([label(100, 100, 1, 0), label(100, 100, 1, 0)], 400, 400);
    expect(rectsOverlap(a, b)).toBe(false);
  });
});
