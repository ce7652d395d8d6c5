// A model specification (the user's parameters) and the model built from it: kernel,
// geometry, average-point analysis, run length. Cross-field checks live here so that the
// permalink codec, the CLI and the app share one meaning for every combination.
import { parseActivation, type Activation } from './activation.ts';
import { averagePoint, betaCriticalRoots, type AveragePoint } from '../analysis/averagePoint.ts';
import { scalarTravelTime, typicalEscapeTime } from '../analysis/escape.ts';
import { betaFoldRoots, indexMinimum, type IndexMinimum } from '../analysis/fold.ts';
import { customGeometry, structuredGeometry, type Geometry } from './geometry.ts';
import { correlationKernel, type Kernel } from './kernel.ts';
import { secondLayerScale, squaredLossOf, type SquaredLoss } from './squaredLoss.ts';
import { DYNAMICS, dynamicsKind, refusedPair, traitsOf, type DynamicsKind } from '../dynamics/kind.ts';
import { samplingPlan, sgdRefusal, type SamplingPlan } from '../dynamics/sgdPlan.ts';

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
  /** the loss the network follows: correlation (default, docs/model.md §2) or squared (§9) */
  loss?: 'corr' | 'mse';
  /** squared loss: the fixed second-layer weight a (0 or absent: k/n) */
  a?: number;
  /** what moves the neurons: the population flow (default) or online SGD on samples */
  dyn?: 'flow' | 'sgd';
  /** SGD step size; 0 (default) picks c·d^{−p* / 2} (sgdPlan.ts) */
  eta?: number;
  /** SGD samples per step (default 1) */
  batch?: number;
}

/** Every field of a spec, in the order its key lists them (the compiler checks none is missing). */
const SPEC_FIELDS: Readonly<Record<keyof ModelSpec, true>> = {
  k: true, n: true, d: true, beta: true, p: true, sigma: true, target: true, drop012: true, geom: true, gram: true,
  seed: true, T: true, tol: true, loss: true, a: true, dyn: true, eta: true, batch: true,
};
const SPEC_ORDER = Object.keys(SPEC_FIELDS) as (keyof ModelSpec)[];

/**
 * One text per model: equal specs give equal keys whatever order their fields were built in.
 * Every "has the model changed?" question (restart the run, reuse a cached sweep) asks this.
 */
export function specKey(spec: ModelSpec): string {
  return JSON.stringify(SPEC_ORDER.map((key) => spec[key] ?? null));
}

export interface Problem {
  key: string;
  message: string;
  /** what was used instead, as text */
  used: string;
}

export interface Model {
  spec: ModelSpec;
  /** what moves the neurons (from spec.loss and spec.dyn) */
  kind: DynamicsKind;
  sigma: Activation;
  target: Activation;
  kernel: Kernel;
  geometry: Geometry;
  /** the average point's analysis (equiangular and orthogonal geometries) */
  average: AveragePoint | null;
  /** roots of μ_span(β) in [0, 1) */
  betaC: number[];
  /**
   * where the minimum near each v_j folds away (equiangular geometry; empty for k = 1, p* ≤ 2
   * and a custom Gram matrix): between β_c and β_fold both kinds of minima coexist
   */
  betaFold: number[];
  /** the minimum near v_j at this β (equiangular, p* ≥ 3), null where it does not exist */
  indexMinimum: IndexMinimum | null;
  /** the end time actually used (spec.T, or the automatic one) */
  tEnd: number;
  /** facts the user should know but that do not stop the run (e.g. negative c_p) */
  warnings: string[];
  /** the squared loss's kernels and second layer, for the mse-flow kind (else absent) */
  squared?: SquaredLoss;
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
  squaredLossLimits(spec, problems);
  if (kernelOf(spec).pStar === 0) {
    const dropped = spec.drop012 ? ' once h_0, h_1, h_2 are dropped' : '';
    const hint = spec.sigma !== '' && spec.target === '' ? ` (only σ is set: the target σ* defaults to h_${spec.p}; set target=, e.g. target=${spec.sigma})` : '';
    // fall back to the pure Hermite pair; with p ≤ 2 that is constant too once h_0..h_2 go
    spec.sigma = '';
    spec.target = '';
    const keepDrop = kernelOf(spec).pStar !== 0;
    if (!keepDrop) spec.drop012 = false;
    problems.push({
      key: 'sigma',
      message: `σ and σ* share no Hermite degree ≥ 1${dropped}, so the kernel is constant and nothing moves${hint}`,
      used: `he${spec.p} for both${keepDrop ? '' : ', keeping h_0, h_1, h_2'}`,
    });
  }
  const sgd = sgdProblem(spec);
  if (sgd) {
    problems.push(sgd);
    spec.dyn = DYNAMICS['corr-flow'].keys.dyn;
  }
  return { spec, problems };
}

/**
 * The coupled squared-loss flow costs O(n²(n + k)) per evaluation. `npm run bench` measures the
 * n at which one accepted step (the least work a frame can do) takes more than 50 ms of worker
 * time: about 300 at k = 3 with the tiled SIMD products (README; 160 before them). Larger n
 * would stall the view for longer per frame, so it is refused rather than left to freeze the tab.
 */
export const MAX_MSE_NEURONS = 300;

function squaredLossLimits(spec: ModelSpec, problems: Problem[]): void {
  const refused = refusedPair(spec);
  if (refused === null && !traitsOf(spec).interacting) return;
  if (spec.n > MAX_MSE_NEURONS) {
    problems.push({
      key: 'n',
      message: `n = ${spec.n} is too many for loss=mse: the coupled flow costs O(n²(n + k)) per step and is live only up to n = ${MAX_MSE_NEURONS}`,
      used: String(MAX_MSE_NEURONS),
    });
    spec.n = MAX_MSE_NEURONS;
  }
  if (refused !== null) {
    problems.push({ key: 'loss', message: refused, used: 'corr' });
    spec.loss = DYNAMICS.sgd.keys.loss;
  }
}

/** The SGD plan of a spec (dyn=sgd), from its kernel's p* and the run's end time. */
export function samplingPlanOf(spec: ModelSpec, kernel: Kernel = kernelOf(spec)): SamplingPlan {
  const tEnd = spec.T > 0 ? spec.T : autoEndTime(kernel, spec.d, spec.k, spec.n);
  return samplingPlan({ n: spec.n, d: spec.d, pStar: kernel.pStar, eta: spec.eta ?? 0, batch: spec.batch ?? 1, tEnd });
}

/** An SGD run too large to run in a few minutes is refused, with its estimate, for the flow. */
function sgdProblem(spec: ModelSpec): Problem | null {
  if (!traitsOf(spec).fromSamples) return null;
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
  const betaFold = spec.geom === 'gram' ? [] : betaFoldRoots(kernel, spec.k);
  const indexMin = spec.geom === 'gram' ? null : indexMinimum(kernel, spec.k, geometry.beta);
  const warnings: string[] = modelNotes(spec, kernel, geometry);
  if (kernel.negative.length > 0) {
    warnings.push(
      `the kernel has negative coefficients c_p at p = ${kernel.negative.join(', ')}: outside the analysis' assumption c_p ≥ 0, so the outcome classes (which assume neurons seek the v_j) may not describe where they go`,
    );
  }
  const tEnd = spec.T > 0 ? spec.T : autoEndTime(kernel, spec.d, spec.k, spec.n);
  if (spec.T === 0 && tEnd >= MAX_AUTO_END) {
    warnings.push(
      `the search phase here lasts about ${typicalEscapeTime(kernel, spec.d).toPrecision(2)} time units, beyond the longest run (${MAX_AUTO_END}): neurons will still be searching at the end`,
    );
  }
  const kind = dynamicsKind(spec);
  const model: Model = { spec, kind, sigma, target, kernel, geometry, average, betaC, betaFold, indexMinimum: indexMin, tEnd, warnings };
  if (DYNAMICS[kind].interacting) {
    const a = secondLayerScale(spec.a, spec.k, spec.n);
    model.squared = squaredLossOf(kernel, sigma, target, spec.drop012, geometry, a);
  }
  return model;
}

/** The longest automatic end time. */
export const MAX_AUTO_END = 1e12;

/**
 * Long enough for the slowest of n neurons to escape and settle: 100 typical escape times + 100,
 * or three times the escape time of the slowest neuron expected among n (whichever is longer).
 * The slowest starts with the smallest leading overlap: u_max ≈ m/√d where m is the 1/n
 * quantile of max_j g_j (odd φ, given some g_j > 0: P ≈ k 2^{1−k} m/√(2π)) or of max_j |g_j|
 * (even φ: P ≈ (2m/√(2π))^k) for independent standard normal g_j.
 */
export function autoEndTime(kernel: Kernel, d: number, k = 1, n = 1): number {
  const tEsc = typicalEscapeTime(kernel, d);
  if (!Number.isFinite(tEsc)) return 1e4;
  const density = 1 / Math.sqrt(2 * Math.PI);
  const m = kernel.even ? Math.pow(1 / n, 1 / k) / (2 * density) : Math.pow(2, k - 1) / (k * density * n);
  const uSlow = Math.min(0.25, m / Math.sqrt(d), 1 / Math.sqrt(d));
  const tSlow = scalarTravelTime(kernel, uSlow, 0.5);
  const slow = Number.isFinite(tSlow) ? 3 * tSlow + 100 : 0;
  return Math.min(MAX_AUTO_END, Math.max(100 * tEsc + 100, slow));
}

/**
 * φ(t) = t² with orthogonal index vectors: Gφ'(u) = 2u, so every point of span(V) is a fixed
 * point and u/|u| is conserved; the flow selects no index vector.
 */
export function selectsNoDirection(kernel: Kernel, geometry: Geometry): boolean {
  return kernel.monomial === 2 && geometry.k > 1 && isIdentity(geometry.gram, geometry.k);
}

/** The identity matrix, within rounding: orthogonal index vectors. */
function isIdentity(G: Float64Array, k: number): boolean {
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) if (Math.abs(G[i * k + j] - (i === j ? 1 : 0)) > 1e-12) return false;
  return true;
}

/** Facts about a model that change how its output reads (docs/model.md §8), as warnings. */
function modelNotes(spec: ModelSpec, kernel: Kernel, geometry: Geometry): string[] {
  const notes: string[] = [];
  const { k } = spec;
  if (selectsNoDirection(kernel, geometry)) {
    notes.push(
      'φ(t) = t² with orthogonal index vectors selects no direction: every point of span(V) is a fixed point and u/|u| never changes, so a neuron ends wherever its start pointed; no neuron is counted as attracted to or recovering an index vector',
    );
  }
  if (geometry.rank < k) {
    const pairs: string[] = [];
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const g = geometry.gram[i * k + j];
        if (Math.abs(Math.abs(g) - 1) <= 1e-9) pairs.push(`v${i + 1} = ${g > 0 ? '' : '−'}v${j + 1}`);
      }
    }
    notes.push(
      `the Gram matrix is singular (rank ${geometry.rank} < k = ${k}${pairs.length > 0 ? `: ${pairs.join(', ')}` : ''}): dependent index vectors share their neurons, so the per-vector counts of those vectors are not separate outcomes`,
    );
  }
  if (spec.sigma !== '' && spec.target === '') {
    notes.push(`only σ is set (sigma=${spec.sigma}): the target σ* is h_${spec.p} (from p=${spec.p}); set target= (e.g. target=${spec.sigma}) to change it`);
  }
  if (kernel.truncatedAt > 0) {
    notes.push(
      `φ is the Hermite series of σ·σ* cut at degree ${kernel.truncatedAt} (no closed form for this pair): c_p for p > ${kernel.truncatedAt} is left out (the last kept, |c_${kernel.degree}|, is ${Math.abs(kernel.c[kernel.degree]).toPrecision(2)})`,
    );
  }
  return notes;
}
