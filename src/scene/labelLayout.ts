// Screen-space placement of the view's labels so that none covers another: each label has an
// anchor (a projected 3-D point) and a preferred side; candidates move it out along that side
// and then around the anchor, and the first one that overlaps no placed label and stays inside
// the view wins (failing that, the one with the least overlap). Pure: unit-tested.

export interface LabelItem {
  /** anchor in CSS pixels of the view */
  ax: number;
  ay: number;
  /** label size in CSS pixels */
  w: number;
  h: number;
  /** preferred direction from the anchor (need not be unit); (0, 0) means centred on it */
  dx: number;
  dy: number;
  /** distance kept between the anchor and the label's edge */
  gap: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const ANGLES = [0, 15, -15, 30, -30, 50, -50, 75, -75, 105, -105, 140, -140, 180].map((a) => (a * Math.PI) / 180);
const STEPS = [0, 5, 10, 16, 24, 34, 46, 60, 76, 94, 115, 140, 170, 210, 260];

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** The rectangle of a label of size (w, h) pushed from (ax, ay) along unit (ux, uy) by gap + extra. */
function candidate(it: LabelItem, ux: number, uy: number, extra: number): Rect {
  // distance from the label's centre to its edge along (ux, uy), so the gap is edge to anchor
  const half = Math.min(ux === 0 ? Infinity : it.w / 2 / Math.abs(ux), uy === 0 ? Infinity : it.h / 2 / Math.abs(uy));
  const d = ux === 0 && uy === 0 ? 0 : half + it.gap + extra;
  return { x: it.ax + ux * d - it.w / 2, y: it.ay + uy * d - it.h / 2, w: it.w, h: it.h };
}

/**
 * Top-left corners for the items, in order of priority (earlier items keep their best place).
 * `blocked`: areas no label may cover (buttons and notes over the view).
 */
export function placeLabels(items: readonly LabelItem[], width: number, height: number, margin = 2, blocked: readonly Rect[] = []): Rect[] {
  const placed: Rect[] = [...blocked];
  for (const it of items) {
    const len = Math.hypot(it.dx, it.dy);
    const base = len > 1e-9 ? Math.atan2(it.dy, it.dx) : Math.PI / 2;
    let best: Rect | null = null;
    let bestCost = Infinity;
    search: for (const extra of STEPS) {
      for (const turn of ANGLES) {
        if (len <= 1e-9 && extra === 0 && turn !== 0) continue;
        const a = base + turn;
        const r = len <= 1e-9 && extra === 0 && turn === 0 ? candidate(it, 0, 0, 0) : candidate(it, Math.cos(a), Math.sin(a), extra);
        const outside =
          Math.max(0, margin - r.x) + Math.max(0, r.x + r.w - (width - margin)) + Math.max(0, margin - r.y) + Math.max(0, r.y + r.h - (height - margin));
        let cost = outside * 1000;
        for (const p of placed) cost += overlapArea(r, p);
        // prefer the preferred side and the shortest move when costs tie
        cost += (Math.abs(turn) + extra / 40) * 1e-3;
        if (cost < bestCost) {
          bestCost = cost;
          best = r;
          if (cost < 1) break search;
        }
      }
    }
    placed.push(best!);
  }
  return placed.slice(blocked.length);
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return overlapArea(a, b) > 0;
}
