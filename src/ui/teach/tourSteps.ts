// The guided tour: each step is a permalink (a query over the schema keys) plus what to watch.
// Pure data and pure checks, so the unit test can run every step through the core and the
// end-to-end test can check the app against the same claims. Every number in the texts was
// measured with src/core/dynamics/run.ts on exactly these queries (the run is seeded and deterministic).
import type { OutcomeCounts } from '../../core/outcomes/classify.ts';

/** Quantities a step makes a claim about, all read from the outcome counts at the step's T. */
export type Quantity =
  /** neurons heading for some index vector (recovered or not) */
  | 'attracted'
  /** neurons whose overlap with their index vector exceeds 1 − tol */
  | 'recovered'
  | 'atAverage'
  /** odd p: neurons stuck with every overlap negative */
  | 'equator'
  /** index vectors that no neuron recovered */
  | 'missed';

export interface Claim {
  quantity: Quantity;
  atLeast?: number;
  atMost?: number;
}

export interface TourStep {
  /** short stable name, for tests and anchors */
  id: string;
  title: string;
  /** the configuration, over the schema keys (T set, so the run pauses where the claims hold) */
  query: string;
  /** what to watch, as plain text */
  watch: string;
  /** what the counts show when the run pauses at T */
  claims: Claim[];
  /** with compare=… in the query: what the split view's second run shows at T */
  compareClaims?: Claim[];
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    id: 'search',
    title: 'The search phase',
    query: 'geom=orth&k=3&p=3&d=10000&n=200&seed=1&T=100&speed=1',
    watch:
      'Every neuron starts almost orthogonal to the index vectors: its overlaps are about 1/√d = 0.01. With φ(t) = t³ they grow like du/dt ≈ 3u², ' +
      'so for a long time nothing seems to happen — a quiet plateau of length about d^(p*/2−1) = √d (√d/3 ≈ 33 for a neuron starting at 1/√d) — ' +
      'then the neuron escapes quickly to an index vector. Watch the loss stay flat, then drop. When the run pauses at T = 100, ' +
      '151 of the 200 neurons have escaped; 31 (about one in 2³ = 8) started with all three overlaps negative and stall at the equator u = 0.',
    claims: [
      { quantity: 'attracted', atLeast: 140 },
      { quantity: 'equator', atLeast: 10 },
    ],
  },
  {
    id: 'search-long',
    title: 'A hundred times larger d',
    query: 'geom=orth&k=3&p=3&d=1000000&n=200&seed=1&T=100&speed=1',
    watch:
      'Same seed and the same T = 100, but d = 10⁶: the overlaps start ten times smaller (about 0.001), and the plateau is √100 = 10 times longer ' +
      '(about 330). When the run pauses at T = 100 almost every neuron is still searching: only 1 of 200 has escaped.',
    claims: [{ quantity: 'attracted', atMost: 10 }],
  },
  {
    id: 'search-rescaled',
    title: 'Ten times more time',
    query: 'geom=orth&k=3&p=3&d=1000000&n=200&seed=1&T=1000&speed=1',
    watch:
      'Still d = 10⁶, now with T = 1000. The outcome is nearly the same as at d = 10⁴ and T = 100 (149 escaped instead of 151): on the plateau the ' +
      'flow from a start at overlap 1/√d is the same up to a rescaling of time by d^(p*/2−1) = √d.',
    claims: [{ quantity: 'attracted', atLeast: 140 }],
  },
  {
    id: 'orthogonal',
    title: 'Orthogonal index vectors: each neuron finds its nearest one',
    query: 'geom=orth&k=4&p=4&d=1000&n=100&seed=1&T=3000&speed=1',
    watch:
      'With orthogonal index vectors and φ(t) = t⁴, d/dt log(|u_i|/|u_j|) = p(|u_i|^(p−2) − |u_j|^(p−2)): the ordering of the |u_j| never changes. ' +
      'So each neuron converges to the index vector it was nearest to at the start (for even p, +v_j and −v_j count as the same). ' +
      'When the run pauses at T = 3000, all 100 neurons sit on an index vector; the count for each v_j is the number that started nearest to it.',
    claims: [
      { quantity: 'attracted', atLeast: 100 },
      { quantity: 'recovered', atLeast: 100 },
    ],
  },
  {
    id: 'coupon',
    title: 'n ≈ k log k neurons find them all',
    query: 'geom=orth&k=8&p=4&d=1000&n=50&seed=1&T=3000&speed=1',
    watch:
      'Each neuron picks its index vector uniformly at random, so finding all k is coupon collecting: it takes about k log k neurons. ' +
      'With k = 8 and n = 50 (3 k ln k ≈ 50) all eight are found with probability Σᵢ (−1)ⁱ C(k,i) (1 − i/k)ⁿ ≈ 0.990. ' +
      'Check that every v_j has at least one recovered neuron.',
    claims: [
      { quantity: 'missed', atMost: 0 },
      { quantity: 'recovered', atLeast: 50 },
    ],
  },
  {
    id: 'too-few',
    title: 'n = γk is not enough',
    query: 'geom=orth&k=8&p=4&d=1000&n=8&seed=1&T=3000&speed=1',
    watch:
      'With n = γk neurons (here γ = 1, n = 8) each index vector is missed with probability (1 − 1/k)ⁿ ≈ e^(−γ) ≈ 0.34, so a fixed share of them ' +
      'is missed however large k is. All eight are found only if the neurons pick eight different ones: probability 8!/8⁸ ≈ 0.24%. ' +
      'With this seed three index vectors get no neuron; press New seed a few times to see how rarely all are found.',
    claims: [
      { quantity: 'missed', atLeast: 1 },
      { quantity: 'recovered', atLeast: 8 },
    ],
  },
  {
    id: 'below-threshold',
    title: 'Equiangular index vectors, below β_c',
    query: 'geom=equi&beta=0.15&k=3&p=3&d=1000&n=200&seed=1&T=1000&speed=1',
    watch:
      'Now the index vectors overlap: v_i·v_j = β = 0.15. Their average point w̄ has every overlap equal to u* = √((1+(k−1)β)/k) ≈ 0.658, and it is a ' +
      'saddle while β < β_c = (p*−2)/(k+p*−2) = 1/4 (μ_span ≈ −0.79 < 0): neurons pass it by. When the run pauses at T = 1000 no neuron is at the ' +
      'average; the 180 that escaped end near one v_j, with overlap 0.999.',
    claims: [
      { quantity: 'atAverage', atMost: 0 },
      { quantity: 'recovered', atLeast: 170 },
    ],
  },
  {
    id: 'near-threshold',
    title: 'Just above β_c: the minima near the v_j distort',
    query: 'geom=equi&beta=0.26&k=3&p=3&d=1000&n=200&seed=1&T=3000&speed=1',
    watch:
      'β = 0.26 is just above β_c = 0.25, so μ_span > 0 and the average point has turned from a saddle into a local minimum: a few neurons (4 here) ' +
      'now end there. The minima near the v_j still exist but have moved: their overlap with v_j is only 0.896, so with tol 0.05 no neuron counts ' +
      'as recovered although 187 are attracted to one v_j. (Their overlap falls steadily as β grows: 0.999 at β = 0.15, 0.968 at 0.24.) They last ' +
      'until β_fold ≈ 0.261, where each merges with a saddle and vanishes: between β_c and β_fold (the shaded window, and the β_fold mark on the ' +
      'slider) both kinds of minima exist, so where a neuron ends depends on where it starts.',
    claims: [
      { quantity: 'atAverage', atLeast: 1 },
      { quantity: 'recovered', atMost: 0 },
      { quantity: 'attracted', atLeast: 150 },
    ],
  },
  {
    id: 'above-threshold',
    title: 'Above β_c: trapped at the average',
    query: 'geom=equi&beta=0.35&k=3&p=3&d=1000&n=200&seed=1&T=1000&speed=1',
    watch:
      'At β = 0.35 the minima near the v_j are gone and the average point is a minimum (μ_span ≈ +0.90). Almost every neuron (196 of 200) converges ' +
      'to w̄ instead of an index vector: the network learns the average direction, not the individual v_j. Move β back below the β_c mark to compare.',
    claims: [
      { quantity: 'atAverage', atLeast: 190 },
      { quantity: 'attracted', atMost: 0 },
    ],
  },
  {
    id: 'squared-loss',
    title: 'Beyond the paper: the squared loss above β_c',
    query: 'compare=loss&geom=equi&beta=0.35&k=3&p=3&d=1000&n=30&seed=1&T=500&speed=1',
    watch:
      'The same 30 neurons, the same β = 0.35 above β_c, two losses side by side on one clock. Left, the correlation loss of the paper: ' +
      'each neuron follows its own flow, and at T = 500 all 30 sit at the average w̄. Right, the squared loss ½E[(f − f*)²] with second ' +
      'layer a = k/n: neurons now repel each other through κ(w_i·w_m), and 24 of them recover the index vectors, 8 on each of v₁, v₂, v₃, ' +
      'with only 1 at w̄ and 5 elsewhere. Its generalization error E[(f − f*)²] falls from 3.56 to 0.095. The correlation loss\'s ' +
      'network read out with the same a would have E[(f − f*)²] = 4.58 with every neuron at w̄: worse than predicting 0 (3.26).',
    claims: [
      { quantity: 'atAverage', atLeast: 28 },
      { quantity: 'attracted', atMost: 0 },
    ],
    compareClaims: [
      { quantity: 'recovered', atLeast: 22 },
      { quantity: 'missed', atMost: 0 },
      { quantity: 'atAverage', atMost: 2 },
    ],
  },
];

/** The permalink of step i (1-based): its configuration plus the tour key that opens it. */
export function stepQuery(index: number): string {
  return `${TOUR_STEPS[index - 1].query}&tour=${index}`;
}

export function measure(counts: OutcomeCounts, quantity: Quantity): number {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  switch (quantity) {
    case 'attracted':
      return sum(counts.attracted);
    case 'recovered':
      return sum(counts.recovered);
    case 'atAverage':
      return counts.atAverage;
    case 'equator':
      return counts.otherKinds.equator;
    case 'missed':
      return counts.recovered.filter((c) => c === 0).length;
  }
}

/** The claims of a step that the counts contradict, each said in words (empty: all hold). */
export function failedClaims(step: TourStep, counts: OutcomeCounts, claims: readonly Claim[] = step.claims): string[] {
  const out: string[] = [];
  for (const c of claims) {
    const x = measure(counts, c.quantity);
    if (c.atLeast !== undefined && !(x >= c.atLeast)) out.push(`${step.id}: ${c.quantity} = ${x}, expected at least ${c.atLeast}`);
    if (c.atMost !== undefined && !(x <= c.atMost)) out.push(`${step.id}: ${c.quantity} = ${x}, expected at most ${c.atMost}`);
  }
  return out;
}
