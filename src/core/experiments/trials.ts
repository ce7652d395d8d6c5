// Trials of an experiment: seed seed + t for trial t, the β grid the command line types, and a
// spec at another β through the model's own checks.
import { normalizeSpec, type Model, type ModelSpec, type Problem } from '../model/model.ts';

/** Largest number of grid points a sweep accepts (a typo in STEP should not mean a day's run). */
export const MAX_SWEEP_POINTS = 10001;

/**
 * A, A+STEP, … up to B inclusive: B counts as reached when it is within 1e-9 steps, so that
 * 0:0.3:0.1 gives four points even though 3·0.1 is 0.30000000000000004. Values are rounded to
 * 12 decimals so they print as the user typed them.
 */
export function betaGrid(from: number, to: number, step: number): { ok: true; value: number[] } | { ok: false; error: string } {
  if (![from, to, step].every(Number.isFinite)) return { ok: false, error: 'A, B and STEP must be finite numbers' };
  if (!(step > 0)) return { ok: false, error: `STEP = ${step} must be positive` };
  if (to < from) return { ok: false, error: `B = ${to} is below A = ${from}` };
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > MAX_SWEEP_POINTS) return { ok: false, error: `the range has ${count} points, more than ${MAX_SWEEP_POINTS}` };
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(Math.round((from + i * step) * 1e12) / 1e12);
  return { ok: true, value: out };
}

/** The spec with β replaced, or what makes that β unusable (e.g. outside (−1/(k−1), 1)). */
export function specAtBeta(spec: ModelSpec, beta: number): { spec: ModelSpec; problems: Problem[] } {
  return normalizeSpec({ ...spec, beta });
}

/** Trial t runs seed (spec.seed + t) mod 2³², the RNG's seed space. */
export function trialSeed(seed: number, t: number): number {
  return (seed + t) % 4294967296;
}

/** The model of trial t: only the seed differs, so the kernel and geometry are shared. */
export function trialModel(model: Model, t: number): Model {
  return { ...model, spec: { ...model.spec, seed: trialSeed(model.spec.seed, t) } };
}
