// Orthogonal index vectors (docs/model.md §6): the ordering of overlaps is a Lyapunov function, and
// each neuron ends at the index vector with the largest initial overlap (positive for odd p).
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyNeuron } from '../outcomes/classify.ts';
import { structuredGeometry } from '../model/geometry.ts';
import { OverlapFlow } from '../dynamics/overlapFlow.ts';
import { monomialKernel } from '../model/kernel.ts';
import { buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';
import { overlapRHS } from '../dynamics/overlapOde.ts';
import { classifyOptionsOf } from '../outcomes/run.ts';
import { createFlow, initialOverlaps } from '../dynamics/factory.ts';

function model(over: Partial<ModelSpec>): Model {
  const base: ModelSpec = { k: 4, n: 150, d: 1000, beta: 0, p: 3, sigma: '', target: '', drop012: false, geom: 'orth', gram: [], seed: 7, T: 0, tol: 0.05 };
  const { spec, problems } = normalizeSpec({ ...base, ...over });
  expect(problems).toEqual([]);
  return buildModel(spec);
}

const logTimes = (t0: number, t1: number, m: number): number[] => Array.from({ length: m }, (_, i) => t0 * Math.pow(t1 / t0, i / (m - 1)));

for (const p of [3, 4]) {
  const odd = p % 2 === 1;
  const key = (x: number) => (odd ? x : Math.abs(x));

  describe(`G = I, φ = t^${p}`, () => {
    const m = model({ p });
    const { n, k } = m.spec;
    const u0 = initialOverlaps(m);
    const out = new Float64Array(n * k);
    let violations = 0;
    beforeAll(() => {
      const flow = createFlow(m);
      for (const t of logTimes(1e-2, m.tEnd, 300)) {
        flow.advanceTo(t, out);
        for (let i = 0; i < n; i++) {
          for (let a = 0; a < k; a++) {
            for (let b = 0; b < k; b++) {
              if (key(u0[i * k + a]) > key(u0[i * k + b]) && key(out[i * k + a]) < key(out[i * k + b]) - 1e-9) violations++;
            }
          }
        }
      }
    });

    it(`the ordering of ${odd ? 'signed overlaps u_j' : '|u_j|'} never changes along the flow`, () => {
      expect(violations).toBe(0);
    });

    it('every neuron ends at the index vector of its largest initial overlap (sign kept for even p)', () => {
      let equator = 0;
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (key(u0[i * k + j]) > key(u0[i * k + best])) best = j;
        const allNegative = odd && u0[i * k + best] < 0;
        if (allNegative) {
          equator++;
          for (let j = 0; j < k; j++) expect(Math.abs(out[i * k + j])).toBeLessThan(0.01);
          expect(classifyNeuron(out, i * k, classifyOptionsOf(m)).kind).toBe('equator');
          continue;
        }
        const sign = Math.sign(u0[i * k + best]);
        expect(sign * out[i * k + best]).toBeGreaterThan(1 - 1e-6);
        for (let j = 0; j < k; j++) if (j !== best) expect(Math.abs(out[i * k + j])).toBeLessThan(1e-3);
        const fate = classifyNeuron(out, i * k, classifyOptionsOf(m));
        expect(fate).toMatchObject({ kind: 'index', j: best, recovered: true });
      }
      // all-negative starts have probability 2^{-k} for odd p, none for even p
      if (odd) {
        expect(equator).toBeGreaterThan(0);
        expect(Math.abs(equator - n / 16)).toBeLessThan(4 * Math.sqrt((n * 15) / 256));
      } else expect(equator).toBe(0);
    });
  });
}

describe('the Lyapunov identity itself', () => {
  it('d/dt log(|u_i|/|u_j|) = p(|u_i|^{p−2} − |u_j|^{p−2}), checked by central differences of the flow', () => {
    const g = structuredGeometry('orth', 3, 0);
    if (!g.ok) throw new Error(g.error);
    for (const p of [3, 4, 5]) {
      const u0 = Float64Array.of(0.3, -0.2, 0.25);
      const flow = new OverlapFlow(overlapRHS(g.value, monomialKernel(p)), 3, u0, 1, { rtol: 1e-12, atol: 1e-15 });
      const at = (t: number) => {
        const o = new Float64Array(3);
        flow.advanceTo(t, o);
        return o;
      };
      for (const t of [0.5, 1, 2]) {
        const h = 1e-4;
        const lo = at(t - h), mid = at(t), hi = at(t + h);
        const logRatio = (u: Float64Array) => Math.log(Math.abs(u[0]) / Math.abs(u[2]));
        const numeric = (logRatio(hi) - logRatio(lo)) / (2 * h);
        const formula = p * (Math.abs(mid[0]) ** (p - 2) - Math.abs(mid[2]) ** (p - 2));
        expect(Math.abs(numeric - formula)).toBeLessThan(1e-6 * Math.max(1, Math.abs(formula)));
      }
    }
  });
});
