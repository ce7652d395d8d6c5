// Each sweep's own small controls: titles and notes here; fields, defaults and the
// configuration a set of field values means live in core/sweepSettings.ts, shared with the
// command line (`sweep <kind>`), so the app and the CLI build the same grid from the same link.
import type { SweepKind } from '../../core/sweeps.ts';

export { readField, sweepConfigOf, sweepFields, type FormField, type FormValues } from '../../core/sweepSettings.ts';

export const SWEEP_TITLES: Record<SweepKind, string> = {
  beta: 'Outcomes against β',
  coupon: 'Coupon collecting: P(all k recovered) against n/k',
  escape: 'Escape time against d',
  phase: 'Phase diagram over (β, k)',
};

export const SWEEP_NOTES: Record<SweepKind, string> = {
  beta: 'Equiangular index vectors; each point averages the trials (seeds seed, seed+1, …) at the main k, n, d, σ, σ*.',
  coupon: 'Orthogonal index vectors; a trial counts when every v_j is recovered (overlap > 1 − tol). Yellow: Σᵢ(−1)ⁱC(k,i)(1 − iq)ⁿ, exact for φ = t^p (each neuron keeps its largest overlap).',
  escape: 't_esc of a run: the time by which half its neurons have max_j |u_j| ≥ 1/2; points are geometric means over trials. Dashed: predicted slope through the points; solid: least-squares fit.',
  phase: 'Each cell: share of neurons ending at the average w̄ (dark 0 → white 1). Yellow: β_c(k), where μ_span changes sign.',
};

