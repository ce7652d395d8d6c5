import { describe, expect, it } from 'vitest';
import { buildModel } from '../../core/model/model.ts';
import { initialOverlaps } from '../../core/dynamics/factory.ts';
import { runToEnd } from '../../core/outcomes/run.ts';
import { decode, modelSpecOf } from '../../url/codec.ts';
import { FIELDS } from '../../url/schema.ts';
import { failedClaims, measure, stepQuery, TOUR_STEPS } from './tourSteps.ts';

const runStep = (query: string) => {
  const model = buildModel(modelSpecOf(decode(query).params));
  return { model, ...runToEnd(model) };
};

/** Inclusion–exclusion for "every one of k coupons drawn among n uniform draws". */
function allFound(k: number, n: number): number {
  let s = 0, binom = 1;
  for (let i = 0; i <= k; i++) {
    s += (i % 2 ? -1 : 1) * binom * (1 - i / k) ** n;
    binom = (binom * (k - i)) / (i + 1);
  }
  return s;
}

describe('tour steps', () => {
  it('has room in the schema for every step', () => {
    expect(FIELDS.get('tour')!.max).toBeGreaterThanOrEqual(TOUR_STEPS.length);
    expect(FIELDS.get('tour')!.model).toBe(false);
    expect(new Set(TOUR_STEPS.map((s) => s.id)).size).toBe(TOUR_STEPS.length);
  });

  it.each(TOUR_STEPS.map((s, i) => [i + 1, s.id] as const))('step %i (%s) decodes with no problems and opens itself', (i) => {
    const { params, problems } = decode(stepQuery(i));
    expect(problems).toEqual([]);
    expect(params.tour).toBe(i);
    // a step with T set pauses there, which is where its claims are checked
    expect(params.T).toBeGreaterThan(0);
    // every key the step names must survive the round trip unchanged
    for (const part of TOUR_STEPS[i - 1].query.split('&')) {
      const [key, raw] = part.split('=');
      expect(String((params as Record<string, unknown>)[key]), key).toBe(raw);
    }
  });

  it.each(TOUR_STEPS.map((s) => [s.id, s] as const))('step %s: the core flow shows what the text claims', (_id, step) => {
    const { counts } = runStep(step.query);
    expect(failedClaims(step, counts)).toEqual([]);
  });

  it('checks claims in both directions (a contradicted claim is reported)', () => {
    const step = TOUR_STEPS.find((s) => s.id === 'above-threshold')!;
    const below = runStep(TOUR_STEPS.find((s) => s.id === 'below-threshold')!.query).counts;
    expect(measure(below, 'atAverage')).toBe(0);
    expect(failedClaims(step, below).length).toBeGreaterThan(0);
  });

  it('orthogonal step: every neuron ends at the index vector with the largest initial |overlap|', () => {
    const step = TOUR_STEPS.find((s) => s.id === 'orthogonal')!;
    const { model, u } = runStep(step.query);
    const { n, k } = model.spec;
    const u0 = initialOverlaps(model);
    const argmaxAbs = (x: Float64Array, o: number) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (Math.abs(x[o + j]) > Math.abs(x[o + best])) best = j;
      return best;
    };
    for (let i = 0; i < n; i++) {
      const j = argmaxAbs(u0, i * k);
      expect(argmaxAbs(u, i * k), `neuron ${i}`).toBe(j);
      expect(Math.abs(u[i * k + j])).toBeGreaterThan(0.999);
    }
  });

  it('coupon steps: the probabilities quoted in the text', () => {
    expect(allFound(8, 50)).toBeCloseTo(0.99, 3);
    expect(allFound(8, 8)).toBeCloseTo(40320 / 8 ** 8, 12);
    expect(40320 / 8 ** 8).toBeCloseTo(0.0024, 4);
    expect((7 / 8) ** 8).toBeCloseTo(0.34, 2);
    expect(TOUR_STEPS.find((s) => s.id === 'coupon')!.watch).toContain('0.990');
  });

  it('threshold steps: β_c, u* and μ_span quoted in the text, from the closed forms for φ(t) = t³', () => {
    const k = 3, p = 3;
    expect((p - 2) / (k + p - 2)).toBe(0.25);
    const uStar = (beta: number) => Math.sqrt((1 + (k - 1) * beta) / k);
    // μ_span = k u φ'(u) − (1−β) φ''(u) with φ' = 3u², φ'' = 6u
    const muSpan = (beta: number) => k * uStar(beta) * 3 * uStar(beta) ** 2 - (1 - beta) * 6 * uStar(beta);
    expect(uStar(0.15)).toBeCloseTo(0.658, 3);
    expect(muSpan(0.15)).toBeCloseTo(-0.79, 2);
    expect(muSpan(0.26)).toBeGreaterThan(0);
    expect(muSpan(0.35)).toBeCloseTo(0.9, 2);
    for (const [id, beta] of [['below-threshold', 0.15], ['near-threshold', 0.26], ['above-threshold', 0.35]] as const) {
      const { model } = runStep(TOUR_STEPS.find((s) => s.id === id)!.query);
      expect(model.betaC).toEqual([0.25]);
      expect(model.average!.overlap).toBeCloseTo(uStar(beta), 12);
      expect(model.average!.muSpan).toBeCloseTo(muSpan(beta), 12);
    }
    // the fold quoted in the near-threshold step, and the overlap of the minimum it quotes
    const near = runStep(TOUR_STEPS.find((s) => s.id === 'near-threshold')!.query).model;
    expect(near.betaFold).toHaveLength(1);
    expect(near.betaFold[0]).toBeCloseTo(0.261, 3);
    expect(TOUR_STEPS.find((s) => s.id === 'near-threshold')!.watch).toContain(`β_fold ≈ ${near.betaFold[0].toFixed(3)}`);
    expect(near.indexMinimum!.overlap).toBeCloseTo(0.896, 3);
  });

  it('search steps: a hundred times larger d delays the escape about tenfold (p* = 3)', () => {
    const [short, long, rescaled] = ['search', 'search-long', 'search-rescaled'].map((id) => runStep(TOUR_STEPS.find((s) => s.id === id)!.query).counts);
    expect(measure(long, 'attracted')).toBeLessThan(0.05 * 200);
    expect(Math.abs(measure(rescaled, 'attracted') - measure(short, 'attracted'))).toBeLessThanOrEqual(10);
  });
});
