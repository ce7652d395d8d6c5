// A sweep's settings in a link: each parameter of core/experiments/sweepSettings.ts has an sw*
// key (0 = "the parameter's own default"), so a link and `sweep <kind>` on the command line
// name the same grid.
import type { ModelSpec } from '../core/model/model.ts';
import type { SweepKind } from '../core/experiments/sweeps.ts';
import { sweepFields, type SweepField, type SweepValues } from '../core/experiments/sweepSettings.ts';

/** What each sweep's parameters are called where people read them: the explore cards' fields and the link's messages. */
export const SWEEP_LABELS: Record<SweepKind, Record<string, string>> = {
  beta: { from: 'β from', to: 'β to', points: 'points', trials: 'trials', n: 'n' },
  coupon: { k: 'k', upTo: 'n/k up to', trials: 'trials' },
  escape: { dFrom: 'd from', dTo: 'd to', points: 'points', trials: 'trials', n: 'n' },
  phase: { to: 'β up to', points: 'β points', kFrom: 'k from', kTo: 'k to', trials: 'trials', n: 'n' },
};

/** A sweep's parameter with the name people read. */
export interface LabelledSweepField extends SweepField {
  label: string;
}

/** A sweep's parameters (core/experiments/sweepSettings.ts) with their labels. */
export function labelledSweepFields(kind: SweepKind, base: ModelSpec): LabelledSweepField[] {
  return sweepFields(kind, base).map((field) => ({ ...field, label: SWEEP_LABELS[kind][field.name] ?? field.name }));
}

/** A permalink's sweep keys; 0 means "the field's own default". */
export interface SweepKeys {
  swFrom: number;
  swTo: number;
  swPoints: number;
  swTrials: number;
  swN: number;
  swK: number;
  swUpTo: number;
  swDFrom: number;
  swDTo: number;
  swKFrom: number;
  swKTo: number;
}

export const SWEEP_KEYS: readonly (keyof SweepKeys)[] = ['swFrom', 'swTo', 'swPoints', 'swTrials', 'swN', 'swK', 'swUpTo', 'swDFrom', 'swDTo', 'swKFrom', 'swKTo'];

/** A field's key in a link: 'sw' and the field's name capitalized (n → swN, dFrom → swDFrom). */
export function sweepKeyOf(field: string): keyof SweepKeys {
  return `sw${field[0].toUpperCase()}${field.slice(1)}` as keyof SweepKeys;
}

/** The sw* keys a sweep reads; the others mean nothing to it. */
export function sweepKeysOf(kind: SweepKind, base: ModelSpec): (keyof SweepKeys)[] {
  return sweepFields(kind, base).map((field) => sweepKeyOf(field.name));
}

/** A sweep's field values from a link's keys: a 0 (or a missing key) is the field's default. */
export function sweepValuesOfKeys(kind: SweepKind, base: ModelSpec, keys: Partial<SweepKeys>): SweepValues {
  const values: SweepValues = {};
  for (const field of sweepFields(kind, base)) {
    const v = keys[sweepKeyOf(field.name)];
    values[field.name] = v === undefined || v === 0 ? field.value : v;
  }
  return values;
}

/** The link's keys for a sweep's field values: every field explicit, every other key 0. */
export function keysOfSweepValues(kind: SweepKind, base: ModelSpec, values: SweepValues): SweepKeys {
  const keys = Object.fromEntries(SWEEP_KEYS.map((key) => [key, 0])) as unknown as SweepKeys;
  for (const field of sweepFields(kind, base)) keys[sweepKeyOf(field.name)] = values[field.name];
  return keys;
}

/**
 * What is wrong with field values for a run that must not be repaired (the command line): a
 * value below its field's minimum or not whole where it must be. The fields' maxima size the
 * interactive fields; a batch run is bounded by the permalink's ranges instead.
 */
export function strictFieldProblems(kind: SweepKind, base: ModelSpec, values: SweepValues): string[] {
  const out: string[] = [];
  for (const field of labelledSweepFields(kind, base)) {
    const v = values[field.name];
    const key = sweepKeyOf(field.name);
    if (!Number.isFinite(v)) out.push(`${key}: ${v} is not a number`);
    else if (field.integer && !Number.isInteger(v)) out.push(`${key}: ${v} is not a whole number (${field.label})`);
    else if (v < field.min) out.push(`${key}: ${v} is below ${field.min}, the smallest ${field.label} of the ${kind} sweep`);
  }
  return out;
}
