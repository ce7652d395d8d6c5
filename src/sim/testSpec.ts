// Model specs for the worker's tests. sim/ does not read links, so the tests name the fields
// they change and take the rest from the page's defaults (src/url/schema.ts), repaired the way
// a link's would be.
import { normalizeSpec, type ModelSpec } from '../core/model/model.ts';

const DEFAULTS: ModelSpec = {
  k: 3, n: 300, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false,
  geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05,
  loss: 'corr', a: 0,
  dyn: 'flow', eta: 0, batch: 1,
};

export function testSpec(changes: Partial<ModelSpec> = {}): ModelSpec {
  return normalizeSpec({ ...DEFAULTS, ...changes }).spec;
}
