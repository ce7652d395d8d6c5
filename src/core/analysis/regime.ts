// Which regime the model is in, in one sentence (docs/model.md §5, §7): still searching the
// plateau, or where β sits against the two thresholds — below β_c (w̄ a saddle: neurons go to
// the v_j), in the bistable window [β_c, β_fold] (w̄ and the distorted minima near the v_j are
// all minima: the start decides), above β_fold (only w̄). Geometries and kernels where the
// thresholds do not apply (orthogonal, custom Gram, k = 1, p* ≤ 2) get a sentence of their own.
import type { CriticalKind } from './averagePoint.ts';

export type RegimeKind =
  | 'belowC'
  | 'atC'
  | 'bistable'
  | 'aboveFold'
  /** w̄ a saddle with no minimum near the v_j (kernels other than t^p) */
  | 'saddleOnly'
  | 'orthogonal'
  | 'customGram'
  | 'singleIndex'
  | 'lowDegree'
  /** φ = t², orthogonal: no direction selected */
  | 'noSelection';

export interface RegimeInput {
  k: number;
  pStar: number;
  even: boolean;
  geom: 'equi' | 'orth' | 'gram';
  beta: number;
  betaC: readonly number[];
  betaFold: readonly number[];
  /** kind of w̄ on the sphere; null where there is none (custom Gram) */
  averageKind: CriticalKind | null;
  /** overlap with v_j of the minimum near v_j; null where there is none */
  minimumOverlap: number | null;
  noSelection?: boolean;
  /** the squared loss (docs/model.md §9): neurons interact, the thresholds are the correlation loss's */
  squaredLoss?: boolean;
  /** the run so far; with it, a run where most neurons still search says so first */
  search?: { t: number; d: number; escaped: number; n: number } | null;
}

export interface Regime {
  kind: RegimeKind;
  /** set while at least half the neurons are still on the plateau (docs/model.md §5) */
  searching: string | null;
  /** the regime of β, one sentence */
  sentence: string;
}

/** `digits` significant digits, no trailing zeros: 0.25, 0.2612, 0.255. */
function num(x: number, digits = 4): string {
  return String(Number(x.toPrecision(digits)));
}

/** The threshold to quote: the root nearest β (kernels other than t^p may have several). */
function nearest(roots: readonly number[], beta: number): number | null {
  let best: number | null = null;
  for (const r of roots) if (best === null || Math.abs(r - beta) < Math.abs(best - beta)) best = r;
  return best;
}

// The search time's scale d^(p*/2 − 1) for p* ≥ 3, log d for p* = 2 (docs/model.md §5), as text
// and value; null for p* = 1, which has no plateau.
export function plateauScale(pStar: number, d: number): { label: string; value: number } | null {
  if (pStar === 2) return { label: 'log d', value: Math.log(d) };
  if (pStar < 3) return null;
  const e = pStar / 2 - 1;
  const exponent = Number.isInteger(e) ? String(e) : `${pStar - 2}/2`;
  return { label: e === 1 ? 'd' : `d^(${exponent})`, value: Math.pow(d, e) };
}

function searchingText(input: RegimeInput): string | null {
  const s = input.search;
  if (!s || !(s.n > 0) || s.escaped * 2 >= s.n) return null;
  // thousands grouped, as the outcomes and the axes write counts (0 of 100,000)
  const escaped = `${s.escaped.toLocaleString('en-US')} of ${s.n.toLocaleString('en-US')} escaped`;
  const scale = plateauScale(input.pStar, s.d);
  if (!scale) return `Leaving the start: ${escaped}.`;
  return `Searching the plateau: t = ${num(s.t / scale.value, 2)} × ${scale.label} (${scale.label} = ${num(scale.value, 3)}), ${escaped}.`;
}

function sentenceOf(input: RegimeInput): { kind: RegimeKind; sentence: string } {
  const { k, pStar, geom, beta } = input;
  if (geom === 'gram') {
    return { kind: 'customGram', sentence: 'Custom Gram matrix: β_c and β_fold are defined for equiangular index vectors only; the counts say which v_j or other fixed point each neuron reaches.' };
  }
  if (k === 1) {
    return { kind: 'singleIndex', sentence: `One index vector: there is no average to be trapped at, so every neuron that escapes goes to ${input.even ? '±v₁' : 'v₁'}; β plays no part.` };
  }
  if (input.noSelection) {
    return { kind: 'noSelection', sentence: 'φ = t² with orthogonal index vectors: every direction in the span is a fixed point, so no v_j is selected and each neuron keeps the direction it started in.' };
  }
  const wbar = input.averageKind ? `w̄ is a ${input.averageKind}` : 'w̄ is no fixed point';
  if (pStar <= 2) {
    const why = pStar === 2 ? 'p* = 2: the quadratic term leads' : `p* = ${pStar}: the linear term pulls every neuron towards w̄ from the start`;
    return { kind: 'lowDegree', sentence: `${why}, and no minimum near the v_j is followed (β_fold needs p* ≥ 3); at β = ${num(beta)} ${wbar}.` };
  }
  const cRoot = nearest(input.betaC, beta);
  const fRoot = nearest(input.betaFold, beta);
  const c = cRoot === null ? 'β_c: none for this kernel and k' : `β_c = ${num(cRoot)}`;
  const f = fRoot === null ? 'β_fold: none' : `β_fold = ${num(fRoot)}`;
  if (geom === 'orth') {
    return {
      kind: 'orthogonal',
      sentence: `Orthogonal index vectors (β = 0 < ${c}): ${wbar}, every v_j a minimum; each neuron goes to a v_j.`,
    };
  }
  const minimum = input.minimumOverlap;
  const near = minimum === null ? '' : ` (overlap ${num(minimum)})`;
  if (input.averageKind === 'degenerate') {
    return { kind: 'atC', sentence: `β = ${num(beta)} is β_c itself: w̄ is degenerate, neurons linger near it on their way to the minima near the v_j${near}; ${f}.` };
  }
  if (input.averageKind === 'saddle') {
    if (minimum === null) return { kind: 'saddleOnly', sentence: `β = ${num(beta)}: w̄ is a saddle and there is no minimum near the v_j (${c}, ${f}); neurons end at other fixed points.` };
    return { kind: 'belowC', sentence: `β = ${num(beta)} is below ${c} (${f}): w̄ is a saddle, so neurons go to the v_j${near}.` };
  }
  if (minimum !== null) {
    return {
      kind: 'bistable',
      sentence: `β = ${num(beta)} is between ${c} and ${f}: w̄ and the distorted minima near the v_j${near} are both minima, so the start decides.`,
    };
  }
  return { kind: 'aboveFold', sentence: `β = ${num(beta)} is above ${f} (${c}): only w̄ is a minimum, so neurons end at w̄.` };
}

/** The regime in words; pure, so the page, the CLI and the tests say the same. */
export function describeRegime(input: RegimeInput): Regime {
  const { kind, sentence } = sentenceOf(input);
  const caveat = input.squaredLoss ? ' (This is the correlation loss’s landscape; under the squared loss the neurons also repel each other.)' : '';
  return { kind, sentence: sentence + caveat, searching: searchingText(input) };
}
