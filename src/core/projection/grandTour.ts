// A grand tour: a smooth path through 3-D projections of span(V), so that over time every
// direction of the k-dimensional span turns into view. The path glides from the start view to
// a random orthonormal 3-frame, then to the next, each leg eased in and out (zero speed at its
// ends, so the path is smooth where legs meet); phase 1 is one leg. The frames are seeded, so
// the same phase gives the same view in every run and on every machine.
import { orthonormalize } from '../math/linalg.ts';
import { Rng } from '../math/rng.ts';

const TOUR_SEED = 0x70757273;

export class GrandTour {
  /** frames[i]: 3 orthonormal rows (3·k) the path passes through at phase i */
  private readonly frames: Float64Array[] = [];

  constructor(start: Float64Array, private readonly k: number) {
    this.frames.push(Float64Array.from(start));
  }

  /** The frame the path reaches at whole phase i. */
  private frame(i: number): Float64Array {
    const k = this.k;
    while (this.frames.length <= i) {
      const prev = this.frames[this.frames.length - 1];
      const rng = new Rng(TOUR_SEED, this.frames.length);
      const rows: Float64Array[] = [];
      for (let r = 0; r < 3; r++) {
        const x = new Float64Array(k);
        do for (let a = 0; a < k; a++) x[a] = rng.normal();
        while (!orthonormalize(x, rows));
        // turn each row the short way round: the blend never passes near zero
        let along = 0;
        for (let a = 0; a < k; a++) along += x[a] * prev[r * k + a];
        if (along < 0) for (let a = 0; a < k; a++) x[a] = -x[a];
        rows.push(x);
      }
      const next = new Float64Array(3 * k);
      rows.forEach((x, r) => next.set(x, r * k));
      this.frames.push(next);
    }
    return this.frames[i];
  }

  /** Three orthonormal rows (3·k) at this phase (≥ 0). */
  at(phase: number): Float64Array {
    const k = this.k;
    const p = Number.isFinite(phase) && phase > 0 ? phase : 0;
    const i = Math.floor(p);
    const from = this.frame(i);
    if (p === i) return Float64Array.from(from);
    const to = this.frame(i + 1);
    const w = (1 - Math.cos(Math.PI * (p - i))) / 2;
    const rows: Float64Array[] = [];
    for (let r = 0; r < 3; r++) {
      const x = new Float64Array(k);
      for (let a = 0; a < k; a++) x[a] = (1 - w) * from[r * k + a] + w * to[r * k + a];
      // the blend of two orthonormal frames is full rank but for a measure-zero set of paths
      if (!orthonormalize(x, rows)) {
        x.set(to.subarray(r * k, r * k + k));
        orthonormalize(x, rows);
      }
      rows.push(x);
    }
    const out = new Float64Array(3 * k);
    rows.forEach((x, r) => out.set(x, r * k));
    return out;
  }
}
