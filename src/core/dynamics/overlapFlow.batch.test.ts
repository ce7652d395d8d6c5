// Pins the integrator's results bit for bit: the batched stepping (every stage over all active
// neurons at once) must reproduce the per-neuron stepping it replaced operation by operation.
// The expected numbers were produced by the per-neuron integrator before it was restructured;
// any change to the arithmetic, the step control, the settle hook or the step cap shows here.
import { describe, expect, it } from 'vitest';
import { customGeometry, structuredGeometry } from '../model/geometry.ts';
import { OverlapFlow } from './overlapFlow.ts';
import { kernelFromCoefficients, monomialKernel } from '../model/kernel.ts';
import { parseActivation } from '../model/activation.ts';
import { autoEndTime, buildModel, normalizeSpec, type Model, type ModelSpec } from '../model/model.ts';
import { overlapRHS, overlapRHSBatch, type OverlapRHS } from './overlapOde.ts';
import { createFlow, initialOverlaps } from './factory.ts';

function model(over: Partial<ModelSpec>): Model {
  const base: ModelSpec = { k: 3, n: 200, d: 1000, beta: 0.2, p: 3, sigma: '', target: '', drop012: false, geom: 'equi', gram: [], seed: 1, T: 0, tol: 0.05 };
  const { spec, problems } = normalizeSpec({ ...base, ...over });
  expect(problems).toEqual([]);
  const m = buildModel(spec);
  // the pins were taken at the end time of one typical escape scale (100 t_esc + 100), which
  // the automatic T no longer is (it now waits for the slowest of n neurons)
  return { ...m, tEnd: autoEndTime(m.kernel, spec.d) };
}

/**
 * relu's Hermite series up to degree 16, as a coefficient list: the kernel the relu pins were
 * taken with (relu itself now uses its closed form).
 */
const RELU_SERIES = (() => {
  const a = parseActivation('relu');
  if (!a.ok) throw new Error(a.error);
  return Array.from(a.value.coeffs).flatMap((v, p) => (p >= 3 && v !== 0 ? [`${p}:${v}`] : [])).join(',');
})();

/** 17 significant digits: enough to tell any two doubles apart. */
const p17 = (x: number): string => x.toPrecision(17);

interface Fingerprint {
  /** Σ u, Σ (q+1)·u over the requested state, and three entries (first, middle, last) */
  sum: string;
  weighted: string;
  entries: string[];
  escaped: number;
  escapeSum: string;
  settled: number;
  failed: number;
  steps: number;
  accepted: number;
  rejected: number;
  rhsEvals: number;
}

function fingerprint(flow: OverlapFlow, u: Float64Array): Fingerprint {
  let sum = 0, weighted = 0, escapeSum = 0, escaped = 0, settled = 0, failed = 0, steps = 0;
  for (let q = 0; q < u.length; q++) {
    sum += u[q];
    weighted += (q + 1) * u[q];
  }
  for (let i = 0; i < flow.n; i++) {
    if (!Number.isNaN(flow.escapeTime[i])) {
      escaped++;
      escapeSum += flow.escapeTime[i];
    }
    settled += flow.settled[i];
    failed += flow.failed[i];
    steps += flow.steps[i];
  }
  const { accepted, rejected, rhsEvals } = flow.stats;
  const entries = [u[0], u[u.length >> 1], u[u.length - 1]].map(p17);
  return { sum: p17(sum), weighted: p17(weighted), entries, escaped, escapeSum: p17(escapeSum), settled, failed, steps, accepted, rejected, rhsEvals };
}

function runTo(m: Model, T: number): Fingerprint {
  const flow = createFlow(m);
  const u = new Float64Array(m.spec.n * m.spec.k);
  flow.advanceTo(T, u);
  return fingerprint(flow, u);
}

const GRAM = [1, 0.3, -0.2, 0.3, 1, 0.5, -0.2, 0.5, 1];

const PINNED: Record<string, Fingerprint> = {
  'blow-up': {
    sum: '2.5137325746126211e+102',
    weighted: '2.5137325746126211e+102',
    entries: ['2.5137325746126211e+102', '0.11180340116491171', '0.11180340116491171'],
    escaped: 1,
    escapeSum: '0.37500000161741770',
    settled: 0,
    failed: 1,
    steps: 4989,
    accepted: 4988,
    rejected: 0,
    rhsEvals: 29938,
  },
  'custom gram d=k=3 (in span) n=200': {
    sum: '341.49604780449675',
    weighted: '102393.94398721417',
    entries: ['0.062188579323678279', '0.062188550826467369', '0.86378215655772905'],
    escaped: 200,
    escapeSum: '0.78034306954245591',
    settled: 200,
    failed: 0,
    steps: 22018,
    accepted: 21060,
    rejected: 758,
    rhsEvals: 131308,
  },
  'custom gram k=3 p=3 d=1000 n=200': {
    sum: '337.90645001329477',
    weighted: '100780.61276295141',
    entries: ['0.062188543344252986', '0.062188543532882945', '0.86378219111610055'],
    escaped: 198,
    escapeSum: '10484.622501338612',
    settled: 198,
    failed: 0,
    steps: 34527,
    accepted: 32488,
    rejected: 1841,
    rhsEvals: 206374,
  },
  'equiangular β=0.1 d=k=3 (in span) n=200': {
    sum: '173.67680389627100',
    weighted: '55482.167240498624',
    entries: ['0.99981859319312483', '0.11397839443243782', '0.11397839329370617'],
    escaped: 200,
    escapeSum: '0.0000000000000000',
    settled: 200,
    failed: 0,
    steps: 15569,
    accepted: 15017,
    rejected: 352,
    rhsEvals: 92614,
  },
  'equiangular β=0.2 at tEnd/7': {
    sum: '272.24093684135431',
    weighted: '83414.330490275606',
    entries: ['0.99238331288041293', '0.29066241376327884', '0.29066243285229720'],
    escaped: 173,
    escapeSum: '3373.1398722599110',
    settled: 173,
    failed: 0,
    steps: 25377,
    accepted: 23611,
    rejected: 1593,
    rhsEvals: 151624,
  },
  'equiangular β=0.2 k=3 p=3 d=1000 n=200': {
    sum: '287.97865531024593',
    weighted: '87492.037047582271',
    entries: ['0.99238331288041293', '0.29066241376327884', '0.29066243285229720'],
    escaped: 183,
    escapeSum: '7386.5755037736217',
    settled: 183,
    failed: 0,
    steps: 27466,
    accepted: 25633,
    rejected: 1650,
    rhsEvals: 164098,
  },
  'equiangular β=0.3 k=3 p=3 d=1000 n=200': {
    sum: '420.65705477230023',
    weighted: '126662.41855754657',
    entries: ['0.73029703888529141', '0.73029661567994797', '0.73029659583122319'],
    escaped: 192,
    escapeSum: '10458.008116651803',
    settled: 192,
    failed: 0,
    steps: 48504,
    accepted: 46545,
    rejected: 1767,
    rhsEvals: 290272,
  },
  'orthogonal k=4 p=4 d=1000 n=200': {
    sum: '-2.0000002551023282',
    weighted: '-1325.0000489210415',
    entries: ['-7.8217382249750204e-10', '1.8458555083951921e-8', '-1.3950597327854532e-8'],
    escaped: 200,
    escapeSum: '19853.128575333063',
    settled: 200,
    failed: 0,
    steps: 32249,
    accepted: 28824,
    rejected: 3225,
    rhsEvals: 192694,
  },
  'relu mixture (h0..h2 dropped) β=0.2 n=200': {
    sum: '-38.033520331586899',
    weighted: '-13711.316642541246',
    entries: ['-0.20437561059082712', '0.20437619104753382', '-0.99998288401252533'],
    escaped: 199,
    escapeSum: '4163745.0712183178',
    settled: 199,
    failed: 0,
    steps: 26496,
    accepted: 24342,
    rejected: 1955,
    rhsEvals: 158182,
  },
  'step cap 40': {
    sum: '14.916074493318133',
    weighted: '1130.4885271262040',
    entries: ['0.022924545347459850', '-0.0025022879752558480', '-0.0012329184834442579'],
    escaped: 3,
    escapeSum: '16.221764159952830',
    settled: 0,
    failed: 50,
    steps: 2000,
    accepted: 1858,
    rejected: 142,
    rhsEvals: 12100,
  },
};

function expectPinned(name: string, actual: Fingerprint): void {
  expect(PINNED[name], `no pinned values for ${name}`).toBeDefined();
  expect(actual).toEqual(PINNED[name]);
}

const models: Record<string, Partial<ModelSpec>> = {
  'equiangular β=0.2 k=3 p=3 d=1000 n=200': { beta: 0.2 },
  'equiangular β=0.3 k=3 p=3 d=1000 n=200': { beta: 0.3 },
  'orthogonal k=4 p=4 d=1000 n=200': { geom: 'orth', k: 4, p: 4 },
  'custom gram k=3 p=3 d=1000 n=200': { geom: 'gram', gram: GRAM },
  'equiangular β=0.1 d=k=3 (in span) n=200': { beta: 0.1, d: 3 },
  'custom gram d=k=3 (in span) n=200': { geom: 'gram', gram: GRAM, d: 3 },
  'relu mixture (h0..h2 dropped) β=0.2 n=200': { sigma: RELU_SERIES, target: RELU_SERIES, drop012: true },
};

describe('integrator results are pinned bit for bit', () => {
  for (const [name, over] of Object.entries(models)) {
    it(`${name}: state at the end time, escape times, settled, failed, step counts`, () => {
      const m = model(over);
      expectPinned(name, runTo(m, m.tEnd));
    });
  }

  it('equiangular β=0.2: state at tEnd/7 (inside steps, from the interpolant)', () => {
    const m = model({ beta: 0.2 });
    expectPinned('equiangular β=0.2 at tEnd/7', runTo(m, m.tEnd / 7));
  });

  it('equiangular β=0.2: sampled at 50 log-spaced times ends exactly where the direct run ends', () => {
    const m = model({ beta: 0.2 });
    const { n, k } = m.spec;
    const flow = createFlow(m);
    const u = new Float64Array(n * k);
    for (let s = 0; s < 50; s++) flow.advanceTo(1e-2 * Math.pow(m.tEnd / 1e-2, s / 49), u);
    expectPinned('equiangular β=0.2 k=3 p=3 d=1000 n=200', fingerprint(flow, u));
  });

  it('step cap: maxSteps = 40 marks the neurons still moving as failed, and holds them', () => {
    const m = model({ beta: 0.2, n: 50 });
    const { n, k, d } = m.spec;
    const flow = new OverlapFlow(overlapRHS(m.geometry, m.kernel), k, initialOverlaps(m), n, {
      rtol: 1e-8,
      atol: 1e-10 / Math.sqrt(d),
      maxSteps: 40,
    });
    const u = new Float64Array(n * k);
    flow.advanceTo(m.tEnd, u);
    // exactly maxSteps attempts each, then given up: none of these neurons settles in 40 steps
    for (let i = 0; i < n; i++) expect([flow.steps[i], flow.failed[i]]).toEqual([40, 1]);
    // a later call attempts nothing more
    flow.advanceTo(2 * m.tEnd, u);
    expectPinned('step cap 40', fingerprint(flow, u));
  });

  it('finite-time blow-up du/dt = u³ from u = 1 (singular at t = 1/2): the neuron fails, the other survives', () => {
    const cube: OverlapRHS = (u, uo, du, duo) => {
      du[duo] = u[uo] * u[uo] * u[uo];
    };
    const flow = new OverlapFlow(cube, 1, Float64Array.of(1, 0.1), 2, { escapeLevel: 2 });
    const u = new Float64Array(2);
    flow.advanceTo(10, u);
    // independent facts first: the blow-up neuron cannot pass t = 1/2; u = 0.1 escapes 2 at
    // t = (1/0.01 − 1/4)/2 = 49.875 > 10, so it is still below the level
    expect(flow.failed[0]).toBe(1);
    expect(flow.tEnd[0]).toBeLessThan(0.5 + 1e-6);
    expect(flow.failed[1]).toBe(0);
    expect(Math.abs(u[1] - 1 / Math.sqrt(100 - 2 * 10))).toBeLessThan(1e-7);
    expect(flow.escapeTime[0]).toBeLessThan(0.5 - 1 / 8 + 1e-6); // u = 2 at t = (1 − 1/4)/2 = 3/8
    expect(flow.escapeTime[0]).toBeGreaterThan(0.375 - 1e-6);
    expectPinned('blow-up', fingerprint(flow, u));
  });
});

describe('batched right-hand side equals the per-neuron one bit for bit', () => {
  const geoms = [
    structuredGeometry('equi', 3, 0.2),
    structuredGeometry('equi', 3, -0.3),
    structuredGeometry('orth', 4, 0),
    structuredGeometry('equi', 1, 0),
    customGeometry(GRAM, 3),
  ];
  const kernels = [monomialKernel(3), monomialKernel(4), monomialKernel(1), kernelFromCoefficients([0.1, 0, 0, 0.5, -0.25, 0.125])];
  // rows with signed zeros, subnormals, underflow, huge values, infinities and NaN
  const specials = [0, -0, 1e-320, -1e-320, 1e-110, -1e-110, 1e-170, -1e-170, 0.3, -0.7, 1e200, -1e200, Infinity, -Infinity, NaN, 1, -1];
  function rows(k: number): Float64Array {
    const m = 400;
    const u = new Float64Array(m * k);
    let s = 12345;
    for (let q = 0; q < u.length; q++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      u[q] = q < 3 * specials.length ? specials[q % specials.length] : specials[s % specials.length] * (q % 5 === 0 ? 1 : 0.37);
    }
    return u;
  }
  for (const g of geoms) {
    if (!g.ok) throw new Error(g.error);
    for (const K of kernels) {
      for (const inSpan of [false, true]) {
        it(`${g.value.kind} k=${g.value.k} β=${g.value.beta}, φ' coefficients [${Array.from(K.dc)}], inSpan=${inSpan}`, () => {
          const k = g.value.k;
          const u = rows(k);
          const m = u.length / k;
          const one = new Float64Array(u.length), all = new Float64Array(u.length);
          const rhs = overlapRHS(g.value, K, inSpan);
          for (let r = 0; r < m; r++) rhs(u, r * k, one, r * k);
          overlapRHSBatch(g.value, K, inSpan)(u, all, m, new Float64Array(u.length));
          for (let q = 0; q < u.length; q++) expect(Object.is(all[q], one[q]), `entry ${q}: ${all[q]} vs ${one[q]}`).toBe(true);
        });
      }
    }
  }
});
