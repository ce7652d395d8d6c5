// A β in each regime of the equiangular model (docs/model.md §7): below β_c w̄ is a saddle and
// neurons go to the v_j; in (β_c, β_fold) w̄ and the distorted minima near the v_j are both
// minima; above β_fold only w̄ is. The three regime buttons beside the β slider jump there.
import { bistableWindows } from '../plots/bistable.ts';

export type Regime = 'below' | 'between' | 'above';

export interface RegimeTarget {
  regime: Regime;
  /** the β to set, or null with the reason it does not exist */
  beta: number | null;
  reason: string;
}

/** How far outside the window the "below" and "above" buttons land (in β, unless the range is shorter). */
const MARGIN = 0.05;
const MAX_BETA = 0.99;

/** β rounded to 4 decimals when that stays strictly inside (lo, hi), else the exact value. */
function tidy(beta: number, lo: number, hi: number): number {
  const r = Math.round(beta * 1e4) / 1e4;
  return r > lo && r < hi ? r : beta;
}

export function regimeTargets(betaC: readonly number[], betaFold: readonly number[]): RegimeTarget[] {
  const c = betaC[0];
  const window = bistableWindows([...betaC], [...betaFold])[0];
  const fold = window ? window[1] : betaFold[0];
  const below: RegimeTarget =
    c === undefined
      ? { regime: 'below', beta: null, reason: 'no β_c for this kernel and k: w̄ never turns into a minimum' }
      : c <= 0
        ? { regime: 'below', beta: null, reason: 'β_c = 0: w̄ is a minimum at every β' }
        : { regime: 'below', beta: tidy(Math.max(c - MARGIN, c / 2), 0 - Number.EPSILON, c), reason: `β below β_c = ${c.toPrecision(4)}: w̄ is a saddle, neurons go to the v_j` };
  const between: RegimeTarget = window
    ? { regime: 'between', beta: tidy((window[0] + window[1]) / 2, window[0], window[1]), reason: `β in the middle of [β_c, β_fold]: both w̄ and the minima near the v_j are minima` }
    : { regime: 'between', beta: null, reason: c === undefined ? 'no β_c, so no window' : 'no β_fold above β_c for this kernel and k, so no window where both minima exist' };
  const above: RegimeTarget =
    fold === undefined
      ? { regime: 'above', beta: null, reason: 'no β_fold for this kernel and k: the minima near the v_j never vanish' }
      : { regime: 'above', beta: tidy(Math.min(fold + MARGIN, (fold + MAX_BETA) / 2), fold, MAX_BETA + Number.EPSILON), reason: `β above β_fold = ${fold.toPrecision(4)}: only w̄ is a minimum` };
  return [below, between, above];
}

/**
 * The regime β is in, by the same β_c and window as the targets (null where none applies, e.g.
 * exactly at β_c): its button shows as pressed, wherever in the regime β was set.
 */
export function regimeAt(beta: number, betaC: readonly number[], betaFold: readonly number[]): Regime | null {
  const c = betaC[0];
  const window = bistableWindows([...betaC], [...betaFold])[0];
  const fold = window ? window[1] : betaFold[0];
  if (window && beta > window[0] && beta < window[1]) return 'between';
  if (c !== undefined && c > 0 && beta < c) return 'below';
  if (fold !== undefined && beta > fold) return 'above';
  return null;
}
