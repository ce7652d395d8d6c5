// The SGD model the SGD tests start from (k = 3, equiangular β = 0.1, p = 3), with their own
// seed, sizes and step; the spec must be valid as given. Shared by the *.test.ts beside it.
import { buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';

export function sgdTestModel(over: Partial<ModelSpec>): Model {
  const base: ModelSpec = {
    k: 3, n: 5, d: 101, beta: 0.1, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
    dyn: 'sgd', eta: 0.02, batch: 1, ...over,
  };
  const { spec, problems } = normalizeSpec(base);
  if (problems.length > 0) throw new Error(`the test's SGD spec is not valid: ${problems.map((p) => p.message).join('; ')}`);
  return buildModel(spec);
}
