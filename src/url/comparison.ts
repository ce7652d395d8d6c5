// The `compare` key: a split view beside a second run that differs from the link's run in one
// thing. `compare=loss` runs the other loss (corr ↔ mse) from the same seed, hence the same
// neurons; `compare=KEY:VALUE` (e.g. beta:0.3) changes one model parameter. The second run is
// validated like any link, by a round trip through the codec; the codec is passed in because
// decode itself checks `compare` with this, so neither module may import the other.
import type { Problem } from '../core/model/model.ts';
import { FIELDS, type Params } from './schema.ts';

export type Comparison = { kind: 'loss' } | { kind: 'param'; key: string; value: string };

/** The two directions of the permalink codec (src/url/codec.ts). */
export interface LinkCodec {
  encode(params: Params): string;
  decode(query: string): { params: Params; problems: Problem[] };
}

/** What `compare` may change: any model parameter except the comparison's own identity. */
function comparable(key: string): boolean {
  const f = FIELDS.get(key);
  return !!f && f.model;
}

/** Reads the text of `compare`: null for '' (no split view), or what is wrong with it. */
export function parseComparison(text: string): { ok: true; value: Comparison | null } | { ok: false; error: string } {
  if (text === '') return { ok: true, value: null };
  if (text === 'loss') return { ok: true, value: { kind: 'loss' } };
  const colon = text.indexOf(':');
  if (colon <= 0) return { ok: false, error: `"${text}" is neither loss nor KEY:VALUE (e.g. beta:0.3)` };
  const key = text.slice(0, colon);
  const value = text.slice(colon + 1);
  if (!comparable(key)) return { ok: false, error: `"${key}" is not a model parameter that a comparison can change` };
  return { ok: true, value: { kind: 'param', key, value } };
}

export interface ComparedRun {
  /** the second run's parameters (its own `compare` empty) */
  params: Params;
  /** what tells the two panes apart, e.g. "loss=corr" and "loss=mse" */
  leftLabel: string;
  rightLabel: string;
}

export type ComparedRunResult = { ok: true; value: ComparedRun | null } | { ok: false; error: string };

function changedKey(c: Comparison): string {
  return c.kind === 'loss' ? 'loss' : c.key;
}

/**
 * The second run of a comparison, or the problem that prevents it (a value out of range, or a
 * second run the codec would have to change, e.g. too many neurons for loss=mse). Null when
 * `compare` is empty.
 */
export function secondRunOf(params: Params, codec: LinkCodec): ComparedRunResult {
  const parsed = parseComparison(params.compare);
  if (!parsed.ok) return parsed;
  const c = parsed.value;
  if (!c) return { ok: true, value: null };
  const key = changedKey(c);
  const value = c.kind === 'loss' ? (params.loss === 'mse' ? 'corr' : 'mse') : c.value;
  const pairs = codec
    .encode({ ...params, compare: '' })
    .split('&')
    .map((pair) => (pair.startsWith(`${key}=`) ? `${key}=${encodeURIComponent(value)}` : pair));
  const second = codec.decode(pairs.join('&'));
  if (second.problems.length > 0) {
    const p: Problem = second.problems[0];
    return { ok: false, error: `the second run (${key}=${value}) is not usable: ${p.key}: ${p.message}` };
  }
  const show = (p: Params) => `${key}=${String((p as Record<string, unknown>)[key])}`;
  return { ok: true, value: { params: second.params, leftLabel: show(params), rightLabel: show(second.params) } };
}
