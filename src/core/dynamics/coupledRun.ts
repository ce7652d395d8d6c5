// Builds the squared-loss flow of a model: the exact joint start in span(V, W(0)) coordinates
// and the integrator's tolerances (the same as the correlation flow's, so n = 1 agrees).
import { initialCoordinates } from '../model/jointStart.ts';
import { CoupledFlow } from './coupledFlow.ts';
import type { Model } from '../model/model.ts';
import { RTOL } from './run.ts';
import type { SquaredLoss } from '../model/squaredLoss.ts';

/** Speed (per coordinate) below which the whole coupled system counts as at rest. */
export const REST_SPEED = 1e-10;

export function createCoupledFlow(model: Model, sq: SquaredLoss, u0: Float64Array): CoupledFlow {
  const { n, d, seed } = model.spec;
  const start = initialCoordinates(model.geometry, n, d, seed, u0);
  return new CoupledFlow(model.geometry, sq, start, n, {
    rtol: RTOL,
    atol: (RTOL * 1e-2) / Math.sqrt(d),
    restSpeed: REST_SPEED,
  });
}
