// A model specification (the user's parameters) and the model built from it: kernel,
// geometry, average-point analysis, run length. Cross-field checks live here so that the
// permalink codec, the CLI and the app share one meaning for every combination.
import { parseActivation, type Activation } from './activation.ts';
import { averagePoint, betaCriticalRoots, type AveragePoint } from './averagePoint.ts';
import { typicalEscapeTime } from './escape.ts';
import { customGeometry, structuredGeometry, type Geometry } from './geometry.ts';
import { correlationKernel, type Kernel } from './kernel.ts';
import { samplingPlan, sgdRefusal, type SamplingPlan } from './sgdPlan.ts';

export interface ModelSpec {
  k: number;
  n: number;
  d: number;
  beta: number;
  /** Hermite degree used for σ and σ* when they are left empty */
  p: number;
  sigma: string;
  target: string;
  /** remove h_0, h_1, h_2 from both activations */
  drop012: boolean;
  geom: 'equi' | 'orth' | 'gram';
  gram: number[];
  seed: number;
  /** end time; 0 picks one long enough for the flow to settle */
  T: number;
  tol: number;
  /** what moves the neurons: the population flow (default) or online SGD on samples */
  dyn?: 'flow' | 'sgd';
  /** SGD step size; 0 (default) picks c·d^{−p* / 2} (sgdPlan.ts) */
  eta?: number;
  /** SGD samples per step (default 1) */
  batch?: number;
}

export interface Problem {
  key: string;
  message: string;
  /** what was used instead, as text */
  used: string;
}

export interface Model {
  spec: ModelSpec;
  sigma: Activation;
  target: Activation;
  kernel: Kernel;
  geometry: Geometry;
  /** the average point's analysis (equiangular and orthogonal geometries) */
  average: AveragePoint | null;
  /** roots of μ_span(β) in [0, 1) */
  betaC: number[];
  /** the end time actually used (spec.T, or the automatic one) */
  tEnd: number;
  /** facts the user should know but that do not stop the run (e.g. negative c_p) */
  warnings: string[];
}

/**
 * Repairs cross-field inconsistencies (d < k, a bad Gram matrix, an unparseable or
 * degenerate activation pair), reporting each change. Per-field ranges are the schema's job.
 */
export function normalizeSpec(input: ModelSpec): { spec: ModelSpec; problems: Problem[] } {
  const spec: ModelSpec = { ...input, gram: [...input.gram] };
  const problems: Problem[] = [];
  if (spec.d < spec.k) {
    problems.push({ key: 'd', message: `d = ${spec.d} is below k = ${spec.k} (the index vectors need k dimensions)`, used: String(spec.k) });
    spec.d = spec.k;
  }
  if (spec.geom === 'gram') {
    const g = customGeometry(spec.gram, spec.k);
    if (!g.ok) {
      problems.push({ key: 'gram', message: g.error, used: `equiangular geometry with beta=${spec.beta}` });
      spec.geom = 'equi';
      spec.gram = [];
    }
  } else if (spec.gram.length > 0) {
    problems.push({ key: 'gram', message: `a Gram matrix is used only with geom=gram (geom is ${spec.geom})`, used: 'ignored' });
    spec.gram = [];
  }
  if (spec.geom === 'equi') {
    const g = structuredGeometry('equi', spec.k, spec.beta);
    if (!g.ok) {
      problems.push({ key: 'beta', message: g.error, used: '0' });
      spec.beta = 0;
    }
  }
  for (const key of ['sigma', 'target'] as const) {
    if (spec[key] === '') continue;
    const a = parseActivation(spec[key]);
    if (!a.ok) {
      problems.push({ key, message: a.error, used: `he${spec.p}` });
      spec[key] = '';
    } else spec[key] = a.value.spec === `he${spec.p}` ? '' : a.value.spec;
  }
  if (kernelOf(spec).pStar === 0) {
    const dropped = spec.drop012 ? ' once h_0, h_1, h_2 are dropped' : '';
    // fall back to the pure Hermite pair; with p ≤ 2 that is constant too once h_0..h_2 go
    spec.sigma = '';
    spec.target = '';
    const keepDrop = kernelOf(spec).pStar !== 0;
    if (!keepDrop) spec.drop012 = false;
    problems.push({
      key: 'sigma',
      message: `σ and σ* share no Hermite degree ≥ 1${dropped}, so the kernel is constant and nothing moves`,
      used: `he${spec.p} for both${keepDrop ? '' : ', keeping h_0, h_1, h_2'}`,
    });
  }
  const sgd = sgdProblem(spec);
  if (sgd) {
    problems.push(sgd);
    spec.dyn = 'flow';
  }
  return { spec, problems };
}

/** The SGD plan of a spec (dyn=sgd), from its kernel's p* and the run's end time. */
export function samplingPlanOf(spec: ModelSpec, kernel: Kernel = kernelOf(spec)): SamplingPlan {
  const tEnd = spec.T > 0 ? spec.T : autoEndTime(kernel, spec.d);
  return samplingPlan({ n: spec.n, d: spec.d, pStar: kernel.pStar, eta: spec.eta ?? 0, batch: spec.batch ?? 1, tEnd });
}

/** An SGD run too large to run in a few minutes is refused, with its estimate, for the flow. */
function sgdProblem(spec: ModelSpec): Problem | null {
  if (spec.dyn !== 'sgd') return null;
  const why = sgdRefusal(samplingPlanOf(spec), spec.n, spec.d);
  return why ? { key: 'dyn', message: why, used: 'flow' } : null;
}

function activationOf(spec: ModelSpec, text: string): Activation {
  const parsed = parseActivation(text === '' ? `he${spec.p}` : text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

function kernelOf(spec: ModelSpec): Kernel {
  return correlationKernel(activationOf(spec, spec.sigma), activationOf(spec, spec.target), spec.drop012);
}

/** Builds the model of a spec that normalizeSpec has accepted (throws otherwise). */
export function buildModel(spec: ModelSpec): Model {
  const sigma = activationOf(spec, spec.sigma);
  const target = activationOf(spec, spec.target);
  const kernel = correlationKernel(sigma, target, spec.drop012);
  const geo = spec.geom === 'gram' ? customGeometry(spec.gram, spec.k) : structuredGeometry(spec.geom, spec.k, spec.beta);
  if (!geo.ok) throw new Error(geo.error);
  const geometry = geo.value;
  const average = spec.geom === 'gram' ? null : averagePoint(kernel, spec.k, geometry.beta, spec.d);
  // the threshold is a statement about equiangular index vectors only
  const betaC = spec.geom === 'gram' ? [] : betaCriticalRoots(kernel, spec.k);
  const warnings: string[] = [];
  if (kernel.negative.length > 0) {
    warnings.push(
      `the kernel has negative coefficients c_p at p = ${kernel.negative.join(', ')}: outside the analysis' assumption c_p ≥ 0, so the outcome classes (which assume neurons seek the v_j) may not describe where they go`,
    );
  }
  const tEnd = spec.T > 0 ? spec.T : autoEndTime(kernel, spec.d);
  if (spec.T === 0 && tEnd >= MAX_AUTO_END) {
    warnings.push(
      `the search phase here lasts about ${typicalEscapeTime(kernel, spec.d).toPrecision(2)} time units, beyond the longest run (${MAX_AUTO_END}): neurons will still be searching at the end`,
    );
  }
  return { spec, sigma, target, kernel, geometry, average, betaC, tEnd, warnings };
}

/** The longest automatic end time. */
export const MAX_AUTO_END = 1e12;

/** Long enough for the slowest typical neuron to escape and settle: 100 escape times + 100. */
export function autoEndTime(kernel: Kernel, d: number): number {
  const tEsc = typicalEscapeTime(kernel, d);
  if (!Number.isFinite(tEsc)) return 1e4;
  return Math.min(MAX_AUTO_END, 100 * tEsc + 100);
}
