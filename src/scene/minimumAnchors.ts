// Where the view draws the distorted minimum near each v_j (docs/model.md §7): the point
// α·(drawn v_j) + γ·(drawn w̄) of core/analysis/indexMinimumPoint.ts, in the same radial scale as
// the arrows. Only where the minimum is a place of its own (its overlap at most 1 − tol; nearer to
// v_j its neurons are the recovered ones, counted at the tip).
import { indexMinimumCombination } from '../core/analysis/indexMinimumPoint.ts';
import { minimumIsDistinct } from '../core/outcomes/classify.ts';
import type { ProjectionView, RunInfo } from '../sim/protocol.ts';
import { mapRadius } from '../state/radial.ts';

export interface MinimumAnchor {
  j: number;
  /** drawing coordinates, radial scale applied */
  position: [number, number, number];
  /** its overlap with v_j */
  overlap: number;
}

export function minimumAnchors(info: RunInfo, view: ProjectionView, r0: number): MinimumAnchor[] {
  const m = info.indexMinimum;
  const { k, geom, tol } = info.spec;
  if (!m || geom !== 'equi' || k < 2 || !minimumIsDistinct(m, tol)) return [];
  const { alongIndex, alongAverage } = indexMinimumCombination(k, info.spec.beta, m.overlap, m.others);
  const tips = view.indexVectors, avg = view.averagePosition;
  const out: MinimumAnchor[] = [];
  for (let j = 0; j < k; j++) {
    const p = [0, 1, 2].map((a) => alongIndex * tips[3 * j + a] + alongAverage * avg[a]);
    const r = Math.hypot(p[0], p[1], p[2]);
    // an arrow that is not drawn (projected to nothing) has no minimum drawn either
    if (!(r > 1e-6) || Math.hypot(tips[3 * j], tips[3 * j + 1], tips[3 * j + 2]) < 1e-6) continue;
    const s = mapRadius(r, r0) / r;
    out.push({ j, position: [p[0] * s, p[1] * s, p[2] * s], overlap: m.overlap });
  }
  return out;
}
