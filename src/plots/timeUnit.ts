// The history charts' time axis reads in flow time t or, for an online-SGD run, in samples
// drawn (docs/model.md §10: t = η · steps, samples = batch · steps). The plotted x is t times
// `perT` = batch/η, so the log axis puts its decades on round sample counts, and the hover
// shows the worker's own count, batch · round(t/η).
import { stepsAt, type SamplingPlan } from '../core/dynamics/sgdPlan.ts';

export type TimeAxisChoice = 't' | 'samples';

export interface TimeUnit {
  /** what the axis shows (samples only when the run has a sampling plan) */
  key: TimeAxisChoice;
  /** plotted x per unit of flow time */
  perT: number;
  /** the axis title */
  title: string;
  /** the x series' name in the legend (the hover readout) */
  label: string;
  /** a plotted x as the legend shows it */
  value(x: number): string;
  /** how far the chart's description says it reaches, at flow time t */
  upTo(t: number): string;
  /** tick text of uPlot's splits: whole decades labelled, '' elsewhere (and for null) */
  ticks(splits: readonly (number | null)[]): string[];
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

/** 10ⁿ with the exponent in superscript digits (10⁴, 10⁻²). */
export function powerOfTen(exponent: number): string {
  return `10${[...String(exponent)].map((c) => SUPERSCRIPT[c]).join('')}`;
}

/** The exponent of x when x is a whole power of ten (to rounding), else null. */
function decade(x: number): number | null {
  if (!(x > 0)) return null;
  const e = Math.round(Math.log10(x));
  return Math.abs(Math.log10(x) - e) < 1e-9 ? e : null;
}

/** Samples per unit of flow time, batch/η, as the captions print it. */
export function samplesPerTText(plan: SamplingPlan): string {
  const per = plan.batch / plan.eta;
  return per >= 1e5 ? per.toExponential(1) : String(Math.round(per));
}

/** Samples drawn by the time the run reaches t: batch · round(t/η), what the worker reports. */
export function samplesAt(t: number, plan: SamplingPlan): number {
  return plan.batch * stepsAt(t, plan.eta);
}

const locale = () => (typeof navigator !== 'undefined' && navigator.language) || 'en-US';

/** Decades from 10⁴ up read as powers of ten on the flow-time axis: "10,000" and "1,000,000" ran together at 1280×720. */
const FIRST_POWER_TICK = 4;

/** Flow time: the locale's numbers up to 1,000, powers of ten above (three digits in the legend). */
const FLOW_TIME: TimeUnit = {
  key: 't',
  perT: 1,
  title: 'flow time t (log scale)',
  label: 't',
  value: (x) => Number(x.toPrecision(3)).toString(),
  upTo: (t) => `log time up to t = ${t.toPrecision(3)}`,
  ticks: (splits) => {
    const fmt = new Intl.NumberFormat(locale());
    return splits.map((v) => {
      if (v === null) return '';
      const e = decade(v);
      return e !== null && e >= FIRST_POWER_TICK ? powerOfTen(e) : fmt.format(v);
    });
  },
};

/** The unit the charts use for a choice: samples need the run's plan, without one the axis stays in t. */
export function timeUnitOf(choice: TimeAxisChoice, plan: SamplingPlan | undefined): TimeUnit {
  if (choice !== 'samples' || !plan) return FLOW_TIME;
  const perT = plan.batch / plan.eta;
  const count = new Intl.NumberFormat('en-US');
  return {
    key: 'samples',
    perT,
    title: `samples (log scale) = ${samplesPerTText(plan)}·t`,
    label: 'samples',
    value: (x) => count.format(samplesAt(x / perT, plan)),
    upTo: (t) => `log samples up to ${count.format(samplesAt(t, plan))} samples (t = ${t.toPrecision(3)})`,
    ticks: (splits) =>
      splits.map((v) => {
        const e = v === null ? null : decade(v);
        return e === null ? '' : powerOfTen(e);
      }),
  };
}
