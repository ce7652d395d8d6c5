// Each sweep's own small controls: fields with ranges and defaults taken from the main
// parameters, and the configuration a set of field values means. Values outside a field's
// range are clamped and reported, never passed on.
import { betaCriticalCurve, linearGrid, logGrid, type SweepConfig, type SweepKind } from '../../core/sweeps.ts';
import type { ModelSpec } from '../../core/model.ts';
import type { SweepRowOut } from '../../core/sweeps.ts';
import type { ParamKey, Params } from '../../url/schema.ts';

export interface FormField {
  name: string;
  label: string;
  min: number;
  max: number;
  /** whole numbers only */
  integer: boolean;
  value: number;
}

export type FormValues = Record<string, number>;

export const SWEEP_TITLES: Record<SweepKind, string> = {
  beta: 'Outcomes against β',
  coupon: 'Coupon collecting: P(all k recovered) against n/k',
  escape: 'Escape time against d',
  phase: 'Phase diagram over (β, k)',
};

export const SWEEP_NOTES: Record<SweepKind, string> = {
  beta: 'Equiangular index vectors; each β pools the trials (seeds seed, seed+1, …) at the main k, d, σ, σ*. The four outcomes stack to 1. Click to open that β in the main view.',
  coupon: 'Orthogonal index vectors; a trial counts when every v_j is recovered (overlap > 1 − tol). Line: Σᵢ(−1)ⁱC(k,i)(1 − iq)ⁿ, exact for φ = t^p (each neuron keeps its largest overlap).',
  escape: 't_esc of a run: the time by which half its neurons have max_j |u_j| ≥ 1/2; points are geometric means over trials. Dashed: predicted slope through the points; solid: least-squares fit.',
  phase: 'Each cell: share of neurons ending at the average w̄ (colour bar above). Line: β_c(k), where μ_span changes sign. Click a cell to open it in the main view.',
};

const f = (name: string, label: string, min: number, max: number, integer: boolean, value: number): FormField => ({
  name, label, min, max, integer, value: Math.min(max, Math.max(min, integer ? Math.round(value) : value)),
});

/** Defaults sized to finish in a few seconds on 2 cores. */
export function sweepFields(kind: SweepKind, base: ModelSpec): FormField[] {
  const nSmall = (cap: number) => Math.min(base.n, cap);
  switch (kind) {
    case 'beta': {
      const bc = betaCriticalCurve(base, [Math.max(2, base.k)])[0];
      const top = Number.isFinite(bc) ? Math.min(0.9, Math.max(0.3, Math.ceil(bc * 20) / 10)) : 0.5;
      return [f('from', 'β from', 0, 0.99, false, 0), f('to', 'β to', 0, 0.99, false, top), f('points', 'points', 2, 41, true, 11), f('trials', 'trials', 1, 200, true, 4), f('n', 'n', 1, 2000, true, nSmall(100))];
    }
    case 'coupon':
      return [f('k', 'k', 2, 16, true, Math.max(2, base.k)), f('upTo', 'n/k up to', 0.5, 10, false, 4), f('trials', 'trials', 1, 1000, true, 60)];
    case 'escape':
      return [f('dFrom', 'd from', 10, 1e9, false, 100), f('dTo', 'd to', 10, 1e9, false, 1e6), f('points', 'points', 2, 13, true, 5), f('trials', 'trials', 1, 50, true, 2), f('n', 'n', 1, 1000, true, nSmall(30))];
    case 'phase':
      return [f('to', 'β up to', 0.05, 0.99, false, 0.6), f('points', 'β points', 2, 30, true, 7), f('kFrom', 'k from', 2, 16, true, 2), f('kTo', 'k to', 2, 16, true, 5), f('trials', 'trials', 1, 20, true, 1), f('n', 'n', 1, 500, true, nSmall(40))];
  }
}

/** Parses what the user typed into a field: the value used, and a note when it was changed. */
export function readField(field: FormField, text: string): { value: number; note: string | null } {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return { value: field.value, note: `${field.label}: "${text}" is not a number; using ${field.value}` };
  let used = field.integer ? Math.round(v) : v;
  used = Math.min(field.max, Math.max(field.min, used));
  if (used !== v) return { value: used, note: `${field.label}: ${v} is outside ${field.min}…${field.max}${field.integer ? ' or not whole' : ''}; using ${used}` };
  return { value: used, note: null };
}

/** The configuration of a sweep from its form values and the main model; `used` is what the form should show now. */
export function sweepConfigOf(kind: SweepKind, base: ModelSpec, v: FormValues): { config: SweepConfig; notes: string[]; used: FormValues } {
  const notes: string[] = [];
  const used: FormValues = { ...v };
  // sweeps need runs that settle: the automatic end time, whatever T the main view uses
  const b: ModelSpec = { ...base, T: 0, n: v.n ?? base.n };
  if (base.T !== 0) notes.push(`runs use the automatic end time, not T = ${base.T}`);
  const ordered = (loName: string, hiName: string, what: string): [number, number] => {
    const lo = v[loName], hi = v[hiName];
    if (hi >= lo) return [lo, hi];
    notes.push(`${what}: the range was reversed; using ${hi}…${lo}`);
    used[loName] = hi;
    used[hiName] = lo;
    return [hi, lo];
  };
  switch (kind) {
    case 'beta': {
      const [lo, hi] = ordered('from', 'to', 'β');
      return { config: { kind, base: b, xs: linearGrid(lo, hi, v.points), ks: [], trials: v.trials }, notes, used };
    }
    case 'coupon': {
      const k = v.k;
      // n/k at every whole n from 1 to the top: the coupon curve is only defined at integers
      const nMax = Math.max(1, Math.round(v.upTo * k));
      const step = Math.max(1, Math.ceil(nMax / 16));
      const xs: number[] = [];
      for (let n = step; n <= nMax; n += step) xs.push(n / k);
      return { config: { kind, base: { ...b, k, n: 1 }, xs, ks: [], trials: v.trials }, notes, used };
    }
    case 'escape': {
      const [lo, hi] = ordered('dFrom', 'dTo', 'd');
      return { config: { kind, base: b, xs: logGrid(lo, hi, v.points), ks: [], trials: v.trials }, notes, used };
    }
    case 'phase': {
      const [klo, khi] = ordered('kFrom', 'kTo', 'k');
      const ks: number[] = [];
      for (let k = klo; k <= khi; k++) ks.push(k);
      return { config: { kind, base: b, xs: linearGrid(0, v.to, v.points), ks, trials: v.trials }, notes, used };
    }
  }
}

/** The link key (schema row) of each form field; the same names as the CLI's grid flags. */
export const LINK_KEYS: Record<string, ParamKey> = {
  from: 'swFrom', to: 'swTo', points: 'swPoints', trials: 'swTrials', n: 'swN', k: 'swK', upTo: 'swUpTo',
  dFrom: 'swDFrom', dTo: 'swDTo', kFrom: 'swKFrom', kTo: 'swKTo',
};

/**
 * The form values a link asks for (0 or absent: the field's default), each read like typed
 * input so a value outside the form's range is clamped and reported.
 */
export function formFromLink(fields: FormField[], params: Params): { values: FormValues; notes: string[] } {
  const values: FormValues = {};
  const notes: string[] = [];
  for (const field of fields) {
    const linked = params[LINK_KEYS[field.name]] as number;
    if (!linked) {
      values[field.name] = field.value;
      continue;
    }
    const { value, note } = readField(field, String(linked));
    values[field.name] = value;
    if (note) notes.push(`link: ${note}`);
  }
  return { values, notes };
}

/** The link keys of a sweep run with these values: a value equal to its default is written as 0, so the link follows the model. */
export function linkOfForm(kind: SweepKind, fields: FormField[], values: FormValues): Partial<Params> {
  const out: Record<string, unknown> = { sw: kind };
  for (const key of Object.values(LINK_KEYS)) out[key] = 0;
  for (const field of fields) out[LINK_KEYS[field.name]] = values[field.name] === field.value ? 0 : values[field.name];
  return out as Partial<Params>;
}

/** The main view's parameters of one grid point (its first trial): what a click on that point opens. */
export function pointParams(config: SweepConfig, row: SweepRowOut): Partial<Params> {
  const b = config.base;
  const base: Partial<Params> = { k: b.k, n: row.n, d: b.d, beta: b.beta, p: b.p, sigma: b.sigma, target: b.target, drop012: b.drop012, geom: b.geom, gram: b.gram, seed: b.seed, T: 0, tol: b.tol };
  switch (config.kind) {
    case 'beta':
      return { ...base, geom: 'equi', gram: [], beta: row.x };
    case 'phase':
      return { ...base, geom: 'equi', gram: [], beta: row.x, k: row.k };
    case 'coupon':
      return { ...base, geom: 'orth', gram: [], beta: 0, k: row.k };
    case 'escape':
      return { ...base, d: row.x };
  }
}
