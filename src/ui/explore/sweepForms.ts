// Each sweep's own small controls: titles and notes here; parameters, defaults and the
// configuration a set of values means live in core/experiments/sweepSettings.ts, shared with the
// command line (`sweep <kind>`), so the app and the CLI build the same grid from the same link;
// the parameters' labels with their link keys (url/sweepKeys.ts).
import { traitsOf } from '../../core/dynamics/kind.ts';
import type { ModelSpec } from '../../core/model/model.ts';
import type { SweepConfig, SweepKind, SweepRowOut } from '../../core/experiments/sweeps.ts';
import type { SweepValues } from '../../core/experiments/sweepSettings.ts';
import { SWEEP_KEYS, sweepKeyOf, type LabelledSweepField as SweepField } from '../../url/sweepKeys.ts';
import type { Params } from '../../url/schema.ts';

export { sweepConfigOf, type SweepValues } from '../../core/experiments/sweepSettings.ts';
/** The fields of a sweep's card: its parameters with their labels. */
export { labelledSweepFields as sweepFields, type LabelledSweepField as SweepField } from '../../url/sweepKeys.ts';

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

/**
 * What moves the neurons in every run of a sweep, said on the card when it is not the paper's
 * correlation flow (sweeps run the main view's dynamics; null for the flow, whose cards say nothing new).
 */
export function sweepDynamicsNote(base: ModelSpec): string | null {
  const traits = traitsOf(base);
  if (traits.fromSamples) {
    const eta = base.eta && base.eta > 0 ? `η = ${base.eta}` : 'the default η = 0.05·d^(−p*/2) at each point’s d';
    return `Runs online SGD on samples (dyn=sgd, ${eta}, batch ${base.batch ?? 1}), not the flow; times are flow time t = η · steps. A sweep whose SGD work is over a live run’s limit is refused with its estimate.`;
  }
  if (traits.interacting) return 'Runs the squared loss’s coupled flow (loss=mse) of the main view: all n neurons of a run are integrated together, so each point takes longer than under the correlation loss.';
  return null;
}

/**
 * The form values a link asks for (0 or absent: the field's default), each read like typed
 * input so a value outside the form's range is clamped and reported.
 */
export function formFromLink(fields: SweepField[], params: Params): { values: SweepValues; notes: string[] } {
  const values: SweepValues = {};
  const notes: string[] = [];
  for (const field of fields) {
    const linked = params[sweepKeyOf(field.name)] as number;
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
export function linkOfForm(kind: SweepKind, fields: SweepField[], values: SweepValues): Partial<Params> {
  const out: Record<string, unknown> = { sw: kind };
  for (const key of SWEEP_KEYS) out[key] = 0;
  for (const field of fields) out[sweepKeyOf(field.name)] = values[field.name] === field.value ? 0 : values[field.name];
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

/** Parses what was typed into a field: the value used, and a note when it was changed. */
export function readField(field: SweepField, text: string): { value: number; note: string | null } {
  const v = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(v)) return { value: field.value, note: `${field.label}: "${text}" is not a number; using ${field.value}` };
  let used = field.integer ? Math.round(v) : v;
  used = Math.min(field.max, Math.max(field.min, used));
  if (used !== v) return { value: used, note: `${field.label}: ${v} is outside ${field.min}…${field.max}${field.integer ? ' or not whole' : ''}; using ${used}` };
  return { value: used, note: null };
}
