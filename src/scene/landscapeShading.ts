// The loss L(w) = −Σ_j φ(w·v_j) at the vertices of the drawn sphere (docs/model.md §2, §11),
// for the landscape view. For k ≤ 3 the drawing is an isometry of span(V) (k < 3 adds the out-
// of-span remainder as a further axis), so the overlap of a drawn point x with v_j is x·tip_j,
// tip_j being v_j's drawing coordinates. φ comes tabulated on [−1, 1] from the worker.

/** φ(t) by linear interpolation in a table of φ at t = −1 + 2i/(length − 1). */
export function phiFromTable(table: ArrayLike<number>, t: number): number {
  const last = table.length - 1;
  const s = Math.min(last, Math.max(0, ((t + 1) / 2) * last));
  const i = Math.min(last - 1, Math.floor(s));
  const w = s - i;
  return table[i] + w * (table[i + 1] - table[i]);
}

/** L at each of the points (3 coordinates each) into out; returns its range [low, high]. */
export function lossAtVertices(points: ArrayLike<number>, tips: ArrayLike<number>, k: number, phi: ArrayLike<number>, out: Float32Array): [number, number] {
  let low = Infinity, high = -Infinity;
  for (let i = 0, o = 0; o < points.length; i++, o += 3) {
    const r = Math.hypot(points[o], points[o + 1], points[o + 2]) || 1;
    let loss = 0;
    for (let j = 0; j < k; j++) {
      const u = (points[o] * tips[j * 3] + points[o + 1] * tips[j * 3 + 1] + points[o + 2] * tips[j * 3 + 2]) / r;
      loss -= phiFromTable(phi, u);
    }
    out[i] = loss;
    if (loss < low) low = loss;
    if (loss > high) high = loss;
  }
  return [low, high];
}

/** The colour ramp, low loss (valleys) dark to high loss light, as sRGB stops. */
export const LOSS_RAMP = ['#07101f', '#1d3d70', '#7088ba', '#f3e9cc'] as const;

/** sRGB components (0–1) of the ramp at s ∈ [0, 1] into out[o..o+3). */
export function rampColour(s: number, out: Float32Array, o: number): void {
  const x = Math.min(1, Math.max(0, s)) * (LOSS_RAMP.length - 1);
  const i = Math.min(LOSS_RAMP.length - 2, Math.floor(x));
  const w = x - i;
  for (let c = 0; c < 3; c++) {
    const a = parseInt(LOSS_RAMP[i].slice(1 + 2 * c, 3 + 2 * c), 16) / 255;
    const b = parseInt(LOSS_RAMP[i + 1].slice(1 + 2 * c, 3 + 2 * c), 16) / 255;
    out[o + c] = a + w * (b - a);
  }
}
