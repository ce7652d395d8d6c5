// Why a threshold readout has no value, said where the value would be: a custom Gram matrix has
// no single β, k = 1 has no second index vector, p* ≤ 2 has no isolated minimum near v_j to
// follow (docs/model.md §7); only then is it this kernel at this k.
import type { AppState } from '../state/store.ts';

type RunInfo = NonNullable<AppState['info']>;

const GEOMETRY = 'none: a custom Gram matrix has no single β (the thresholds are for equiangular v_j)';

function commonReason(info: RunInfo): string | null {
  if (info.spec.geom === 'gram') return GEOMETRY;
  if (info.spec.k < 2) return 'none: k = 1 has no second index vector';
  return null;
}

/** Why β_c is empty. */
export function betaCNone(info: RunInfo): string {
  return commonReason(info) ?? `none: μ_span(β) keeps its sign on [0, 1) for this kernel at k = ${info.spec.k}`;
}

/** Why β_fold is empty. */
export function betaFoldNone(info: RunInfo): string {
  return (
    commonReason(info) ??
    (info.pStar < 3
      ? `none: with p* = ${info.pStar} there is no isolated minimum near v_j to fold away`
      : `none: the minimum near v_j does not fold away on [0, 1) for this kernel at k = ${info.spec.k}`)
  );
}

/** Why there is no minimum near v_j to report. */
export function indexMinimumNone(info: RunInfo): string {
  if (info.spec.geom === 'gram') return 'n/a: computed for equiangular v_j only, not a custom Gram matrix';
  const common = commonReason(info);
  if (common) return common;
  if (info.pStar < 3) return `none: with p* = ${info.pStar} there is no isolated minimum near v_j`;
  // the reason is β itself (past its β_fold)
  return 'none at this β';
}

/** Why the average point has no kind (said beside its 'n/a'), or null when it has one. */
export function averageNone(info: RunInfo): string | null {
  if (info.average) return null;
  return info.spec.geom === 'gram' ? 'w̄ is analysed for equiangular and orthogonal v_j, not a custom Gram matrix' : null;
}
