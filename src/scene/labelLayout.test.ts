import { describe, expect, it } from 'vitest';
import { placeCornerNote, placeLabels, rectMeetsDisc, rectsOverlap, type LabelItem } from './labelLayout.ts';

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

describe('label placement when the space near the anchors is taken', () => {
  it('finds a free place farther away rather than overlapping', () => {
    // a wall of blocked boxes around the anchor, with room only in the far corner
    const blocked = [
      { x: 0, y: 0, w: 400, h: 300 },
      { x: 0, y: 300, w: 250, h: 100 },
    ];
    const [r] = placeLabels([label(100, 100, 1, 0)], 400, 400, 2, blocked);
    for (const b of blocked) expect(rectsOverlap(r, b)).toBe(false);
    expect(r.x).toBeGreaterThanOrEqual(250);
    expect(r.y).toBeGreaterThanOrEqual(300);
  });

  it('seventeen wide labels crowded on one side of a 582 px view never overlap', () => {
    // k = 16 at 1280×720: the labels of the even-spread projection bunch in the upper half
    const items: LabelItem[] = [label(291, 60, 1, 0, 150, 28)];
    for (let j = 0; j < 16; j++) {
      const a = Math.PI + (Math.PI * j) / 15;
      items.push(label(291 + 110 * Math.cos(a), 230 + 70 * Math.sin(a), Math.cos(a), Math.sin(a), 84, 30));
    }
    const rects = placeLabels(items, 582, 582, 2, [{ x: 380, y: 8, w: 194, h: 34 }]);
    for (let i = 0; i < rects.length; i++) for (let j = 0; j < i; j++) expect(rectsOverlap(rects[i], rects[j]), `${i} and ${j}`).toBe(false);
  });
});

describe('corner notes keep off the sphere', () => {
  const disc = { cx: 290, cy: 270, r: 215 };
  it('a short note goes to the top-left corner, clear of the disc', () => {
    const r = placeCornerNote(150, 40, 580, 545, disc, [])!;
    expect(r).toEqual({ x: 8, y: 8, w: 150, h: 40 });
    expect(rectMeetsDisc(r, disc)).toBe(false);
  });
  it('moves past the buttons and picks another corner when the first one reaches the sphere', () => {
    const tools = { x: 8, y: 8, w: 564, h: 80 };
    const r = placeCornerNote(150, 40, 580, 545, disc, [tools])!;
    expect(rectsOverlap(r, tools)).toBe(false);
    expect(rectMeetsDisc(r, disc)).toBe(false);
    expect(r.y).toBeGreaterThan(300); // at the bottom: under the buttons it would reach the disc
  });
  it('gives up (the note goes beside the view) when the sphere fills the square', () => {
    expect(placeCornerNote(200, 36, 343, 303, { cx: 171, cy: 151, r: 130 }, [{ x: 190, y: 6, w: 146, h: 28 }])).toBeNull();
  });
  it('tells a box that touches the circle from one that stays outside', () => {
    expect(rectMeetsDisc({ x: 0, y: 0, w: 10, h: 10 }, { cx: 20, cy: 5, r: 11 })).toBe(true);
    expect(rectMeetsDisc({ x: 0, y: 0, w: 10, h: 10 }, { cx: 20, cy: 5, r: 9 })).toBe(false);
    expect(rectMeetsDisc({ x: 0, y: 0, w: 10, h: 10 }, { cx: 5, cy: 5, r: 1 })).toBe(true);
  });
});
