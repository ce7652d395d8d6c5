// Screen-space placement of the view's labels so that none covers another: each label has an
// anchor (a projected 3-D point) and a preferred side; candidates move it out along that side
// and then around the anchor, and the first one that overlaps no placed label and stays inside
// the view wins. When every candidate near the anchor is taken (k = 16 on a 1280×720 stage),
// the label goes to the free place nearest its anchor found on a grid over the whole view, so
// no two boxes ever overlap while the view has room for them; only when it has none does the
// label take the place of least overlap. Pure: unit-tested.

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
    if (bestCost >= 1) best = freeSpotNear(it, width, height, margin, placed) ?? best;
    placed.push(best!);
  }
  return placed.slice(blocked.length);
}

/** Grid step (CSS px) of the fallback scan: fine enough to find gaps between labels. */
const SCAN_STEP = 4;

/** The free box nearest the anchor on a grid over the view, or null when the view is full. */
function freeSpotNear(it: LabelItem, width: number, height: number, margin: number, placed: readonly Rect[]): Rect | null {
  let best: Rect | null = null;
  let bestDist = Infinity;
  const r: Rect = { x: 0, y: 0, w: it.w, h: it.h };
  for (let y = margin; y + it.h <= height - margin; y += SCAN_STEP) {
    for (let x = margin; x + it.w <= width - margin; x += SCAN_STEP) {
      // distance from the anchor to the box's nearest point, less the gap the anchor keeps
      const nx = Math.max(x, Math.min(it.ax, x + it.w)), ny = Math.max(y, Math.min(it.ay, y + it.h));
      const dist = Math.hypot(nx - it.ax, ny - it.ay);
      if (dist < it.gap || dist >= bestDist) continue;
      r.x = x;
      r.y = y;
      let free = true;
      for (const p of placed) if (overlapArea(r, p) > 0) { free = false; break; }
      if (free) {
        bestDist = dist;
        best = { x, y, w: it.w, h: it.h };
      }
    }
  }
  return best;
}

export function rectsOverlap(a: Rect, b: Rect): boolean {
  return overlapArea(a, b) > 0;
}

/** The sphere's outline on screen: centre and radius in CSS pixels of the view. */
export interface Disc {
  cx: number;
  cy: number;
  r: number;
}

/** Whether a box reaches into a disc (its nearest point lies inside the circle). */
export function rectMeetsDisc(a: Rect, d: Disc): boolean {
  const nx = Math.max(a.x, Math.min(d.cx, a.x + a.w)), ny = Math.max(a.y, Math.min(d.cy, a.y + a.h));
  return Math.hypot(nx - d.cx, ny - d.cy) < d.r;
}

/**
 * A place for a note of size (w, h) in one of the view's corners (top-left first, then
 * top-right, bottom-right, bottom-left), moved inward past the blocked boxes at its edge
 * (buttons, the colour key), clear of the sphere's disc; null when no corner has the room (a
 * phone's view, where the sphere fills the square): the note then goes beside the view.
 */
export function placeCornerNote(w: number, h: number, width: number, height: number, disc: Disc, blocked: readonly Rect[], margin = 8): Rect | null {
  const corners: [number, 1 | -1][] = [
    [margin, 1],
    [width - margin - w, 1],
    [width - margin - w, -1],
    [margin, -1],
  ];
  for (const [x, down] of corners) {
    if (x < 0) continue;
    const r: Rect = { x, y: down === 1 ? margin : height - margin - h, w, h };
    // step away from the edge until no blocked box is in the way
    for (let moved = 0; moved < 4 * blocked.length + 1; moved++) {
      const hit = blocked.find((b) => overlapArea(r, b) > 0);
      if (!hit) break;
      r.y = down === 1 ? hit.y + hit.h + 6 : hit.y - 6 - h;
    }
    if (r.y < 0 || r.y + h > height || blocked.some((b) => overlapArea(r, b) > 0)) continue;
    if (!rectMeetsDisc(r, disc)) return r;
  }
  return null;
}
