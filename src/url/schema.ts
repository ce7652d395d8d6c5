// The one table of parameters. It drives the permalink codec (decode and encode), the CLI's
// query parsing, and the app's controls' names. A row's key is its name everywhere.

export type FieldType = 'int' | 'number' | 'bool' | 'enum' | 'text' | 'numbers';

export interface Field {
  key: string;
  type: FieldType;
  default: number | boolean | string | number[];
  min?: number;
  max?: number;
  /** allowed values for enums */
  values?: readonly string[];
  /** maximum list length (numbers) or text length */
  maxLength?: number;
  /** numbers: a link may carry the list packed as base64url doubles (src/url/packedNumbers.ts) */
  packed?: boolean;
  /** the field belongs to the model (reproducibility) rather than to the view */
  model: boolean;
  /** left out of a link while at its default (a key that only means something when set) */
  omitDefault?: boolean;
  description: string;
}

/**
 * Bump when a field's meaning or written form changes; decode migrates older versions.
 * 2: gram may be packed (base64url doubles), text fields take only TEXT_CHARACTERS.
 */
export const SCHEMA_VERSION = 2;

export const MAX_NEURONS = 100000;

export const SCHEMA = [
  { key: 'v', type: 'int', default: SCHEMA_VERSION, min: 1, max: SCHEMA_VERSION, model: false, description: 'link format version' },
  { key: 'k', type: 'int', default: 3, min: 1, max: 16, model: true, description: 'number of index vectors' },
  { key: 'n', type: 'int', default: 300, min: 1, max: MAX_NEURONS, model: true, description: 'number of neurons' },
  { key: 'd', type: 'int', default: 1000, min: 1, max: 1e9, model: true, description: 'input dimension' },
  { key: 'beta', type: 'number', default: 0.2, min: 0, max: 0.99, model: true, description: 'equiangular overlap β between index vectors' },
  { key: 'p', type: 'int', default: 3, min: 1, max: 8, model: true, description: 'Hermite degree of σ = σ* when no activation is given' },
  { key: 'sigma', type: 'text', default: '', maxLength: 200, model: true, description: 'student activation: he<p>, relu, tanh, sigmoid, erf, gelu, softplus, abs, or Hermite coefficients like 3:1,4:0.5' },
  { key: 'target', type: 'text', default: '', maxLength: 200, model: true, description: 'target activation, same forms as sigma' },
  { key: 'drop012', type: 'bool', default: false, model: true, description: 'remove the h_0, h_1, h_2 parts of both activations' },
  { key: 'geom', type: 'enum', default: 'equi', values: ['equi', 'orth', 'gram'], model: true, description: 'index-vector geometry' },
  { key: 'gram', type: 'numbers', default: [], maxLength: 256, min: -1, max: 1, packed: true, model: true, description: 'custom Gram matrix, row-major k×k (with geom=gram)' },
  { key: 'seed', type: 'int', default: 1, min: 0, max: 4294967295, model: true, description: 'random seed of the initial neurons' },
  { key: 'T', type: 'number', default: 0, min: 0, max: 1e12, model: true, description: 'end time of the run (0: long enough to settle)' },
  { key: 'tol', type: 'number', default: 0.05, min: 1e-4, max: 0.5, model: true, description: 'tolerance for classifying where a neuron ended' },
  { key: 'speed', type: 'number', default: 0.5, min: 0.02, max: 4, model: false, description: 'playback speed in decades of flow time per second' },
  { key: 'cam', type: 'numbers', default: [], maxLength: 3, min: -100, max: 100, model: false, description: 'camera position x,y,z' },
  { key: 'trails', type: 'bool', default: true, model: false, description: 'draw fading trails behind neurons' },
  { key: 'grid', type: 'bool', default: true, model: false, description: 'draw the sphere graticule' },
  { key: 'embed', type: 'bool', default: false, model: false, description: 'show only the view and play controls (for iframes)' },
  { key: 't', type: 'number', default: 0, min: 0, max: 1e12, model: false, omitDefault: true, description: 'flow time the view is paused at (0: playing; written only while paused or at the end; the CLI gives the same frame with T=t)' },
  { key: 'controls', type: 'text', default: '', maxLength: 48, model: false, description: 'embed mode: sliders to show under the view, comma-separated (beta, k, n, p, d, speed)' },
  { key: 'radial', type: 'enum', default: 'auto', values: ['auto', 'linear', 'log'], model: false, description: '3-D view radius: log-scaled overlap (log; auto = from d ≥ 10⁴) or the overlap itself (linear)' },
  { key: 'loss', type: 'enum', default: 'corr', values: ['corr', 'mse'], model: true, description: 'loss the network follows: corr (correlation, the paper; neurons independent) or mse (squared loss with second layer a; neurons interact)' },
  { key: 'a', type: 'number', default: 0, min: 0, max: 100, model: true, description: 'second-layer weight a of the squared loss (0: k/n)' },
  { key: 'compare', type: 'text', default: '', maxLength: 40, model: false, description: 'split view beside a second run: loss (the other loss) or KEY:VALUE (e.g. beta:0.3)' },
  { key: 'dyn', type: 'enum', default: 'flow', values: ['flow', 'sgd'], model: true, description: 'what moves the neurons: the population gradient flow, or online SGD on fresh Gaussian samples in dimension d' },
  { key: 'eta', type: 'number', default: 0, min: 0, max: 10, model: true, description: 'SGD step size η (0: 0.05·d^(−p*/2), the scaling that lets the search escape); t = η · steps' },
  { key: 'batch', type: 'int', default: 1, min: 1, max: 1024, model: true, description: 'SGD samples averaged per step; samples = batch · steps' },
  { key: 'taxis', type: 'enum', default: 't', values: ['t', 'samples'], model: false, omitDefault: true, description: 'time axis of the overlap and loss charts: flow time t, or samples drawn = (batch/η)·t (online SGD only)' },
  { key: 'proj', type: 'text', default: 'even', maxLength: 16, model: false, omitDefault: true, description: '3-D view for k > 3: even (every index vector spread evenly), three index-vector numbers a,b,c (e.g. 1,4,7: the span of v_a, v_b, v_c, with v_a along x), or tour (a slowly turning grand tour)' },
  { key: 'landscape', type: 'bool', default: false, model: false, omitDefault: true, description: '3-D view (k ≤ 3): shade the sphere of span(V) by the loss and mark its critical points (minimum, saddle, maximum)' },
  { key: 'tour', type: 'int', default: 0, min: 0, max: 50, model: false, description: 'guided tour step to open (0: no tour)' },
  // The explore panel's sweep, so a link (and the CLI's grid) names the same experiment. A 0
  // means "the form's own default", which may depend on the model (like T = 0), so links never
  // freeze a derived value.
  { key: 'sw', type: 'enum', default: '', values: ['', 'beta', 'coupon', 'escape', 'phase', 'basin'], model: false, description: 'sweep shown in the explore panel (empty: none)' },
  { key: 'swFrom', type: 'number', default: 0, min: 0, max: 0.99, model: false, description: 'sweep: first β of the β sweep' },
  { key: 'swTo', type: 'number', default: 0, min: 0, max: 0.99, model: false, description: 'sweep: last β (β and phase sweeps; 0: chosen from β_c)' },
  { key: 'swPoints', type: 'int', default: 0, min: 0, max: 41, model: false, description: 'sweep: grid points on the swept axis (0: default)' },
  { key: 'swTrials', type: 'int', default: 0, min: 0, max: 100000, model: false, description: 'sweep: seeds per grid point (0: default)' },
  { key: 'swN', type: 'int', default: 0, min: 0, max: MAX_NEURONS, model: false, description: 'sweep: neurons per run (0: the main n, capped per sweep)' },
  { key: 'swK', type: 'int', default: 0, min: 0, max: 16, model: false, description: 'coupon sweep: number of orthogonal index vectors (0: the main k)' },
  { key: 'swUpTo', type: 'number', default: 0, min: 0, max: 10, model: false, description: 'coupon sweep: largest n/k (0: 4)' },
  { key: 'swDFrom', type: 'number', default: 0, min: 0, max: 1e9, model: false, description: 'escape sweep: smallest d (0: 100)' },
  { key: 'swDTo', type: 'number', default: 0, min: 0, max: 1e9, model: false, description: 'escape sweep: largest d (0: 10⁶)' },
  { key: 'swKFrom', type: 'int', default: 0, min: 0, max: 16, model: false, description: 'phase diagram: smallest k (0: 2)' },
  { key: 'swKTo', type: 'int', default: 0, min: 0, max: 16, model: false, description: 'phase diagram: largest k (0: 5)' },
] as const satisfies readonly Field[];

type Row = (typeof SCHEMA)[number];
type ValueOf<R extends Row> = R['type'] extends 'int' | 'number'
  ? number
  : R['type'] extends 'bool'
    ? boolean
    : R['type'] extends 'numbers'
      ? number[]
      : R extends { values: readonly (infer V)[] }
        ? V
        : string;

export type Params = { [R in Row as R['key']]: ValueOf<R> };

export type ParamKey = keyof Params;

export const FIELDS: ReadonlyMap<string, Field> = new Map(SCHEMA.map((f) => [f.key, f as Field]));

export function defaultParams(): Params {
  const out: Record<string, unknown> = {};
  for (const f of SCHEMA as readonly Field[]) out[f.key] = Array.isArray(f.default) ? [...f.default] : f.default;
  return out as Params;
}
